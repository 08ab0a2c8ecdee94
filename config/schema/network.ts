/** Schema of `homelab:network`: the node LAN and the cluster-internal ranges. */
import { z } from "zod";
import { cidr, dnsLabel, ipAddress } from "./common";

export const vlanSchema = z.strictObject({
    name: dnsLabel,
    id: z.number().int().min(1).max(4094),
    cidr,
});

export const networkSchema = z.strictObject({
    nodeCidr: cidr,
    gateway: ipAddress,
    nameservers: z.array(ipAddress).min(1).default(["1.1.1.1", "1.0.0.1"]),
    ntpServers: z.array(z.string().min(1)).default(["time.cloudflare.com"]),
    /** Search domains for nodes; empty disables the default search domain. */
    searchDomains: z.array(z.string().min(1)).default([]),
    mtu: z.number().int().min(576).max(9216).default(1500),
    /** Defaults: 10.244.0.0/16 on Talos, 10.42.0.0/16 on k3s. */
    podCidr: cidr.optional(),
    /** Defaults: 10.96.0.0/12 on Talos, 10.43.0.0/16 on k3s. */
    serviceCidr: cidr.optional(),
    /** Shared API VIP on the control planes. */
    vip: ipAddress.optional(),
    /** Name of the node NIC that carries nodeCidr (and the VIP), unless a node overrides it. */
    interface: z.string().min(1).default("eth0"),
    /** Further VLANs the cluster can reach (e.g. for load-balancer pools). */
    vlans: z.array(vlanSchema).default([]),
});
