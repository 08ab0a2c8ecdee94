/** Schema of `homelab:cni`: Cilium options. */
import { z } from "zod";

export const cniSchema = z.strictObject({
    /** `cilium` installs Cilium with Helm; `builtin` keeps flannel (Talos/k3s default). */
    provider: z.enum(["cilium", "builtin"]).default("cilium"),
    /** Cilium replaces kube-proxy (nodes then run without it). */
    kubeProxyReplacement: z.boolean().default(true),
    /**
     * `tunnel` (VXLAN, works on any L2/L3 network) or `native` (pods routed directly between nodes
     * on one L2 segment; then the pod CIDR is the native-routing CIDR).
     */
    routingMode: z.enum(["tunnel", "native"]).default("tunnel"),
    hubble: z
        .strictObject({
            enabled: z.boolean().default(true),
            relay: z.boolean().default(false),
            ui: z.boolean().default(false),
        })
        .prefault({}),
    /** Transparent pod-to-pod encryption with WireGuard. */
    wireguard: z.boolean().default(false),
    /** L2 announcements for LoadBalancer IPs (needed by loadBalancer.provider=cilium). */
    l2Announcements: z.boolean().default(false),
    /**
     * Client rate limit of the agent towards the API server. L2 announcements renew one lease per
     * announced Service; the Cilium docs suggest qps ~ services / leaseRenewDeadline.
     */
    k8sClientRateLimit: z
        .strictObject({
            qps: z.number().int().min(1).default(20),
            burst: z.number().int().min(1).default(40),
        })
        .prefault({}),
    /** Cilium's Gateway API implementation (the Gateway API CRDs must exist before Cilium starts). */
    gatewayApi: z.boolean().default(false),
    /** Extra Helm values merged over ours. */
    values: z.record(z.string(), z.unknown()).default({}),
});
