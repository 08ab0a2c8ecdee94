/**
 * Who does what in a k3s cluster, from the spec alone (pure): the bootstrap server (named in
 * config, never taken from list order), the server chain, the agent batches of a rolling
 * upgrade, each node's version and data directory. Used by the renderers and the component.
 */
import type { ClusterSpec, NodeSpec } from "../../config/spec";
import { controlPlanes, onlineNodes } from "../../config/spec";

type Spec = Pick<ClusterSpec, "cluster" | "nodes">;

/** k3s' default data directory (install.sh / `--data-dir`). */
export const K3S_DEFAULT_DATA_DIR = "/var/lib/rancher/k3s";

/** Online servers in config order. */
export function k3sServers(spec: Pick<ClusterSpec, "nodes">): NodeSpec[] {
    return controlPlanes(spec);
}

/** Online agents in config order. */
export function k3sAgents(spec: Pick<ClusterSpec, "nodes">): NodeSpec[] {
    return onlineNodes(spec).filter((n) => n.role === "worker");
}

/**
 * The server that initialises etcd (`cluster-init`), reads the tokens and the kubeconfig and runs
 * the API-side steps: `cluster.k3s.bootstrapServer`, or the only online server. Throws when the
 * config does not name one (validate reports that with its key path first).
 */
export function k3sBootstrapServer(spec: Spec): NodeSpec {
    const servers = k3sServers(spec);
    const named = spec.cluster.k3s?.bootstrapServer;
    if (named !== undefined) {
        const node = servers.find((s) => s.name === named);
        if (!node) throw new Error(`cluster.k3s.bootstrapServer ${named} is not an online server`);
        return node;
    }
    if (servers.length !== 1) {
        throw new Error(`cluster.k3s.bootstrapServer is required with ${servers.length} online servers`);
    }
    return servers[0];
}

/** Servers in the order they join and upgrade: the bootstrap server, then the others in config order. */
export function k3sServerChain(spec: Spec): NodeSpec[] {
    const first = k3sBootstrapServer(spec);
    return [first, ...k3sServers(spec).filter((s) => s.name !== first.name)];
}

/** Agents in batches of `cluster.k3s.upgrade.agentConcurrency`, in config order. */
export function k3sAgentBatches(spec: Spec): NodeSpec[][] {
    const size = spec.cluster.k3s?.upgrade.agentConcurrency ?? 1;
    const agents = k3sAgents(spec);
    const out: NodeSpec[][] = [];
    for (let i = 0; i < agents.length; i += size) out.push(agents.slice(i, i + size));
    return out;
}

/** The k3s release a node runs: its own pin, else the cluster's. */
export function k3sVersionFor(spec: Pick<ClusterSpec, "cluster">, node: NodeSpec): string {
    return node.k3sVersion ?? spec.cluster.k3s?.version ?? "";
}

/** The node's k3s data directory: its own `data-dir`, else the role's, else k3s' default. */
export function k3sDataDir(spec: Pick<ClusterSpec, "cluster">, node: NodeSpec): string {
    const k3s = spec.cluster.k3s;
    const roleConfig = node.role === "controlplane" ? k3s?.serverConfig : k3s?.agentConfig;
    const dir = node.k3s?.config["data-dir"] ?? roleConfig?.["data-dir"];
    return typeof dir === "string" && dir.startsWith("/") ? dir.replace(/\/+$/, "") : K3S_DEFAULT_DATA_DIR;
}

/** `https://<host>:<port>`, IPv6 in brackets. */
export function hostUrl(host: string, port: number): string {
    return `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
