/** Schema of `homelab:cni`: Cilium options. */
import { z } from "zod";

export const cniSchema = z.strictObject({
    /** `cilium` installs Cilium with Helm; `builtin` keeps flannel (Talos/k3s default). */
    provider: z.enum(["cilium", "builtin"]).default("cilium"),
    /** Cilium replaces kube-proxy (nodes then run without it). */
    kubeProxyReplacement: z.boolean().default(true),
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
    /** Cilium's Gateway API implementation. */
    gatewayApi: z.boolean().default(false),
    /** Extra Helm values merged over ours. */
    values: z.record(z.string(), z.unknown()).default({}),
});
