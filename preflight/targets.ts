/**
 * From a validated spec to what preflight checks: one target per online node plus the
 * cluster-level target. Pure; the CLI and the per-node `up` step (components/nodes/preflight.ts) both use it,
 * so they check the same things.
 */
import { onlineNodes, talosBootstrapNode, type ClusterSpec, type NodeSpec } from "../config/spec";
import { k3sBootstrapServer } from "../components/nodes/k3s-topology";
import { nodePrerequisites } from "../stacks/prerequisites";
import type { ClusterTarget, DiskSelector, LinkSelector, NodeTarget } from "./types";

type Spec = Pick<ClusterSpec, "cluster" | "network" | "nodes" | "cni" | "loadBalancer" | "storage">;

/**
 * Stable selector fields the Talos node config gains (talos helper, issue #11): a permanent
 * `mac` for the link (LinkAliasConfig) and an `installDiskSelector` (machine.install.diskSelector).
 * Read when present, so preflight matches what the node config will select.
 */
interface SelectorFields {
    readonly mac?: string;
    readonly installDiskSelector?: Omit<DiskSelector, "path">;
}

export function linkSelector(node: NodeSpec, network: Spec["network"]): LinkSelector {
    const mac = (node as NodeSpec & SelectorFields).mac;
    return mac ? { hardwareAddr: mac } : { name: node.interface ?? network.interface };
}

export function diskSelector(node: NodeSpec, talos: { installDisk: string } | undefined): DiskSelector {
    const sel = (node as NodeSpec & SelectorFields).installDiskSelector;
    return sel ? { ...sel } : { path: node.installDisk ?? talos?.installDisk ?? "/dev/sda" };
}

function nodeTarget(spec: Spec, node: NodeSpec, bootstrapName: string | undefined): NodeTarget {
    const index = spec.nodes.indexOf(node);
    const base = {
        name: node.name,
        role: node.role,
        ip: node.ip,
        configPath: `homelab:nodes[${index}]`,
        link: linkSelector(node, spec.network),
        bootstrap: node.name === bootstrapName,
    };
    const k3s = spec.cluster.k3s;
    if (spec.cluster.distribution === "k3s" && k3s) {
        return {
            ...base,
            distribution: "k3s",
            ssh: { port: k3s.sshPort, user: node.sshUser ?? k3s.sshUser, ...(node.hostKey ? { hostKey: node.hostKey } : {}) },
            install: k3s.install,
            hostPackages: [...nodePrerequisites(spec).hostPackages],
            longhorn: spec.storage.longhorn?.enabled === true,
            cilium: { enabled: spec.cni.provider === "cilium", kubeProxyReplacement: spec.cni.provider === "cilium" && spec.cni.kubeProxyReplacement === true },
        };
    }
    const talos = spec.cluster.talos;
    const rook = spec.storage.rookCeph;
    const reserved = rook?.enabled ? (rook.devices.nodes.find((n) => n.name === node.name)?.devices ?? []) : [];
    return {
        ...base,
        distribution: "talos",
        disk: diskSelector(node, talos),
        reservedDisks: [...reserved],
    };
}

/** One target per online node, in config order. */
export function nodeTargets(spec: Spec): NodeTarget[] {
    const online = onlineNodes(spec);
    // The node that creates the cluster, always named (never list order): k3s' bootstrapServer,
    // Talos' bootstrapNode (the one its Bootstrap runs on).
    const bootstrap = spec.cluster.distribution === "k3s" ? k3sBootstrapServer(spec).name : talosBootstrapNode(spec.nodes, spec.cluster.talos).name;
    return online.map((n) => nodeTarget(spec, n, bootstrap));
}

export function clusterTarget(spec: Spec): ClusterTarget {
    return {
        name: spec.cluster.name,
        distribution: spec.cluster.distribution,
        endpoint: spec.cluster.endpoint,
        apiPort: spec.cluster.apiPort,
        ...(spec.network.vip ? { vip: spec.network.vip } : {}),
        pools: spec.loadBalancer.pools.flatMap((p) => p.addresses),
        adopt: spec.cluster.adopt,
    };
}
