/**
 * Helm values of the Cilium chart, as a pure function of the spec. Snapshot-tested for Talos and
 * k3s; checked against the chart's values.schema.json (1.20.0) while developing.
 */
import type { ClusterSpec } from "../../config/spec";
import { onlineNodes } from "../../config/spec";
import { deepMerge, type Values } from "./merge";

/** KubePrism: Talos' on-node API-server load balancer, on by default since Talos 1.6. */
export const kubePrismPort = 7445;

/**
 * Capabilities of the agent and its clean-state init container on Talos: the chart defaults minus
 * SYS_MODULE, because Talos does not let workloads load kernel modules. 1.19+ charts add SYSLOG
 * to the agent's defaults, kept here.
 * https://www.talos.dev/v1.11/kubernetes-guides/network/deploying-cilium/
 */
export const talosCapabilities = {
    ciliumAgent: ["CHOWN", "KILL", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "SYS_ADMIN", "SYS_RESOURCE", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID", "SYSLOG"],
    cleanCiliumState: ["NET_ADMIN", "SYS_ADMIN", "SYS_RESOURCE"],
} as const;

export type CiliumValuesInput = Pick<ClusterSpec, "cluster" | "network" | "nodes" | "cni">;

/**
 * Where the agent reaches the API server before any Service routing exists (no kube-proxy). One
 * address for every node, and it must survive the loss of any one node.
 * - Talos: KubePrism on every node (localhost:7445).
 * - k3s where every online node is a server: each node's own API server on 127.0.0.1 (k3s
 *   servers listen there, and their certificate covers it): no single node, no VIP needed.
 * - k3s with agents: the shared VIP (kube-vip) when there is one, otherwise the configured
 *   endpoint (a DNS name, or the first server: then that server is a single point of failure).
 */
export function apiServerForCilium(spec: Pick<ClusterSpec, "cluster" | "network" | "nodes">): { host: string; port: number } {
    if (spec.cluster.distribution === "talos") return { host: "localhost", port: kubePrismPort };
    const online = onlineNodes(spec);
    if (online.length > 0 && online.every((n) => n.role === "controlplane")) return { host: "127.0.0.1", port: spec.cluster.apiPort };
    return { host: spec.network.vip ?? spec.cluster.endpoint, port: spec.cluster.apiPort };
}

export function ciliumValues(spec: CiliumValuesInput): Values {
    const cni = spec.cni;
    const api = apiServerForCilium(spec);
    const single = onlineNodes(spec).length === 1;
    const values: Values = {
        // Node pod CIDRs come from the controller manager (cluster-cidr / podSubnets), so Cilium
        // and the distribution agree on pod addressing; the chart's default cluster-pool mode
        // would hand out 10.0.0.0/8 instead.
        ipam: { mode: "kubernetes" },
        k8s: { requireIPv4PodCIDR: true },
        kubeProxyReplacement: cni.kubeProxyReplacement,
        k8sServiceHost: api.host,
        k8sServicePort: api.port,
        routingMode: cni.routingMode,
        ...(cni.routingMode === "native"
            ? { autoDirectNodeRoutes: true, ipv4NativeRoutingCIDR: spec.network.podCidr }
            : { tunnelProtocol: "vxlan" }),
        // Restart agents and operator when the chart's ConfigMap changes, so `pulumi up` of a new
        // option takes effect without a manual rollout.
        rollOutCiliumPods: true,
        operator: { replicas: single ? 1 : 2, rollOutPods: true },
        hubble: {
            enabled: cni.hubble.enabled,
            relay: { enabled: cni.hubble.enabled && cni.hubble.relay },
            ui: { enabled: cni.hubble.enabled && cni.hubble.ui },
        },
    };
    if (spec.cluster.distribution === "talos") {
        // Talos mounts cgroup v2 itself and forbids module loading.
        values.cgroup = { autoMount: { enabled: false }, hostRoot: "/sys/fs/cgroup" };
        values.securityContext = {
            capabilities: { ciliumAgent: [...talosCapabilities.ciliumAgent], cleanCiliumState: [...talosCapabilities.cleanCiliumState] },
        };
    }
    if (cni.wireguard) values.encryption = { enabled: true, type: "wireguard" };
    if (cni.l2Announcements) {
        // https://docs.cilium.io/en/stable/network/l2-announcements/ (leases per Service need API headroom)
        values.l2announcements = { enabled: true };
        values.k8sClientRateLimit = { qps: cni.k8sClientRateLimit.qps, burst: cni.k8sClientRateLimit.burst };
    }
    if (cni.gatewayApi) values.gatewayAPI = { enabled: true, enableAlpn: true, enableAppProtocol: true };
    return deepMerge(values, cni.values);
}
