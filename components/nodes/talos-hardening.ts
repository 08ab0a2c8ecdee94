/**
 * Talos host hardening, as pure patch renderers (docs/security.md). Appended to each node's
 * generated patches (before the user's, which still win) by `nodePatches` in talos-patches.ts.
 *
 * 1. Control-plane metrics. Talos binds kube-controller-manager and kube-scheduler to 127.0.0.1
 *    and probes them on `localhost` (siderolabs/talos
 *    internal/app/machined/pkg/controllers/k8s/control_plane_static_pod.go). Binding them and
 *    etcd's plain-HTTP metrics listener to 0.0.0.0 (what Prometheus guides suggest, and what the
 *    NUC seed did) puts them on every interface, etcd metrics unauthenticated. Default here:
 *    localhost only. `exposeControlPlaneMetrics` opens them for in-cluster scraping: etcd on the
 *    node address only; controller-manager and scheduler on 0.0.0.0, since a bind to the node
 *    address alone would fail those localhost probes — the firewall below then limits who
 *    reaches them.
 * 2. Ingress firewall (Talos 1.6+ `NetworkDefaultActionConfig` + `NetworkRuleConfig`
 *    documents): apid, trustd, the API server, kubelet, etcd (and the metrics ports when
 *    exposed) only from the node network (plus the pod network where pods call them, and admin
 *    networks for talosctl/kubectl). With the default action `accept`, Talos drops traffic to a
 *    rule's ports from outside its subnets and leaves every other port open (siderolabs/talos
 *    internal/app/machined/pkg/controllers/network/nftables_chain_config.go, "if default accept,
 *    drop anything that doesn't match the rule"); `block` drops everything not allowed (Talos
 *    still admits pod/service-to-pod/service traffic, but not pods calling host ports).
 *    https://www.talos.dev/v1.11/talos-guides/network/ingress-firewall/
 *    Schema: Talos 1.13 `network.RuleConfigV1Alpha1`, `network.DefaultActionConfigV1Alpha1`.
 */
import type { NodeSpec } from "../../config/spec";
import type { TalosDocument, TalosPatchContext } from "./talos-patches";

/** Talos' API server port (the program does not change it on Talos). */
export const TALOS_APISERVER_PORT = 6443;
/** apid (talosctl and node-to-node proxying) and trustd (workers fetch certificates). */
export const APID_PORT = 50000;
export const TRUSTD_PORT = 50001;
export const KUBELET_PORT = 10250;
/** etcd client and peer ports. */
export const ETCD_PORTS = "2379-2380";
/** etcd metrics, controller-manager and scheduler secure ports. */
export const ETCD_METRICS_PORT = 2381;
export const CONTROLLER_MANAGER_PORT = 10257;
export const SCHEDULER_PORT = 10259;

type HardeningContext = Pick<TalosPatchContext, "talos" | "network">;

/** Where the control-plane components serve metrics (control planes only). */
export function controlPlaneMetricsPatch(node: NodeSpec, ctx: HardeningContext): TalosDocument | undefined {
    if (node.role !== "controlplane") return undefined;
    const expose = ctx.talos.hardening.exposeControlPlaneMetrics;
    const host = node.ip.includes(":") ? `[${node.ip}]` : node.ip;
    return {
        cluster: {
            etcd: { extraArgs: { "listen-metrics-urls": `http://${expose ? host : "127.0.0.1"}:${ETCD_METRICS_PORT}` } },
            controllerManager: { extraArgs: { "bind-address": expose ? "0.0.0.0" : "127.0.0.1" } },
            scheduler: { extraArgs: { "bind-address": expose ? "0.0.0.0" : "127.0.0.1" } },
        },
    };
}

/** One `NetworkRuleConfig`: `ports` (numbers or "a-b" ranges) over TCP from `subnets` only. */
export function networkRule(name: string, ports: ReadonlyArray<number | string>, subnets: readonly string[]): TalosDocument {
    return {
        apiVersion: "v1alpha1",
        kind: "NetworkRuleConfig",
        name,
        portSelector: { ports: [...ports], protocol: "tcp" },
        ingress: [...new Set(subnets)].map((subnet) => ({ subnet })),
    };
}

/** The firewall documents for a node, or [] when the firewall is off. */
export function firewallDocuments(node: NodeSpec, ctx: HardeningContext): TalosDocument[] {
    const fw = ctx.talos.hardening.firewall;
    if (!fw.enabled) return [];
    const { nodeCidr, podCidr } = ctx.network as { nodeCidr: string; podCidr: string };
    const cp = node.role === "controlplane";
    const docs: TalosDocument[] = [
        { apiVersion: "v1alpha1", kind: "NetworkDefaultActionConfig", ingress: fw.defaultAction },
        networkRule("homelab-apid", [APID_PORT], [nodeCidr, ...fw.adminCidrs]),
        // metrics-server and Prometheus in pods call kubelet.
        networkRule("homelab-kubelet", [KUBELET_PORT], [nodeCidr, podCidr]),
    ];
    if (cp) {
        docs.push(
            networkRule("homelab-trustd", [TRUSTD_PORT], [nodeCidr]),
            // Pods reach the API server through the kubernetes Service with their pod address.
            networkRule("homelab-kube-apiserver", [TALOS_APISERVER_PORT], [nodeCidr, podCidr, ...fw.adminCidrs]),
            networkRule("homelab-etcd", [ETCD_PORTS], [nodeCidr]),
        );
        if (ctx.talos.hardening.exposeControlPlaneMetrics) {
            docs.push(networkRule("homelab-control-plane-metrics", [ETCD_METRICS_PORT, CONTROLLER_MANAGER_PORT, SCHEDULER_PORT], [nodeCidr, podCidr]));
        }
    }
    return docs;
}

/** Named patches for `nodePatches`: the metrics binding, then each firewall document. */
export function hardeningPatches(node: NodeSpec, ctx: HardeningContext): Array<{ name: string; doc: TalosDocument }> {
    const metrics = controlPlaneMetricsPatch(node, ctx);
    return [
        ...(metrics ? [{ name: "control-plane-metrics", doc: metrics }] : []),
        ...firewallDocuments(node, ctx).map((doc) => ({ name: `firewall-${String(doc.name ?? "default-action")}`, doc })),
    ];
}
