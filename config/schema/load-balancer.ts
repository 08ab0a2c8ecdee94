/** Schema of `homelab:loadBalancer`: how LoadBalancer Services get addresses. */
import { z } from "zod";
import { addressRange, dnsLabel } from "./common";

export const poolSchema = z.strictObject({
    name: dnsLabel,
    /** CIDRs, single addresses or `start-end` ranges. */
    addresses: z.array(addressRange).min(1),
    /**
     * Hand out addresses to any LoadBalancer Service. When false, only Services that ask for the
     * pool (or for one of its addresses) get one.
     */
    autoAssign: z.boolean().default(true),
    /** Name of a network.vlans entry the pool lives in (otherwise it must be inside nodeCidr). */
    vlan: dnsLabel.optional(),
    /**
     * NICs this pool is announced on (MetalLB only: the pool gets its own L2Advertisement with
     * these `interfaces`); default: loadBalancer.interfaces. A VLAN pool names the VLAN NIC.
     */
    interfaces: z.array(z.string().min(1)).optional(),
});

export const loadBalancerSchema = z.strictObject({
    provider: z.enum(["metallb", "kube-vip", "cilium", "none"]).default("none"),
    pools: z.array(poolSchema).default([]),
    /** NICs to announce on (MetalLB L2Advertisement interfaces / Cilium L2 policy interfaces regexes). */
    interfaces: z.array(z.string().min(1)).default([]),
    /** Extra Helm values merged over ours (MetalLB chart, or the kube-vip DaemonSet chart). */
    values: z.record(z.string(), z.unknown()).default({}),
});
