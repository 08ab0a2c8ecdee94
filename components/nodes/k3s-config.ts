/**
 * Renders each k3s node's /etc/rancher/k3s/config.yaml from the spec. Pure: same spec, same text.
 *
 * The file carries every flag (nothing goes into argv) but never the cluster token: it names a
 * 0600 token file (`token-file`) that a separate command fills from stdin. So config.yaml is not
 * a secret, and its text shows in preview diffs and in `plan` output.
 *
 * Facts: k3s-io/docs installation/configuration.md (config file keys = flag names),
 * datastore/ha-embedded.md (cluster-init, joining servers, flags that must match on all servers),
 * installation/packaged-components.md (--disable items), networking/basic-network-options.md.
 */
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import { localStoragePlan } from "../../config/schema/storage";
import type { ClusterSpec, NodeSpec } from "../../config/spec";
import { hostUrl, k3sBootstrapServer, k3sServers } from "./k3s-topology";

export { k3sAgents, k3sBootstrapServer, k3sServerChain, k3sServers, k3sVersionFor } from "./k3s-topology";

/** Where k3s reads its config. */
export const K3S_CONFIG_PATH = "/etc/rancher/k3s/config.yaml";
/** The join token, written 0600 from stdin; config.yaml points at it with `token-file`. */
export const K3S_TOKEN_PATH = "/etc/rancher/k3s/cluster-token";
/** The agent token (servers only), written 0600 from stdin; `agent-token-file` points at it. */
export const K3S_AGENT_TOKEN_PATH = "/etc/rancher/k3s/agent-token";
/** Drop-in with the secret settings (k3s reads config.yaml.d/*.yaml after config.yaml), 0600 from secret stdin. */
export const K3S_SECRETS_DROPIN_PATH = "/etc/rancher/k3s/config.yaml.d/50-homelab-secrets.yaml";
/** k3s auto-deploy folder (applied on start and on change; first server only). */
export const K3S_MANIFESTS_DIR = "/var/lib/rancher/k3s/server/manifests";
/** k3s' default supervisor/API port: joining servers and agents register through it. */
export const K3S_DEFAULT_PORT = 6443;

/** The slice of the spec the k3s renderers read. */
export type K3sSpec = Pick<ClusterSpec, "cluster" | "network" | "nodes" | "cni" | "loadBalancer" | "storage" | "apiServerUrl">;

/** A k3s config.yaml as an object (keys = flag names without dashes). */
export type K3sConfig = Record<string, unknown>;

function k3sSettings(spec: K3sSpec) {
    const k3s = spec.cluster.k3s;
    if (!k3s) throw new Error(`cluster ${spec.cluster.name}: the k3s renderers need cluster.distribution k3s`);
    return k3s;
}

/**
 * Whether k3s' packaged local-path provisioner ("local-storage") stays on. Decided by the storage
 * layer's localStoragePlan, so the node config and the storage layer agree on the one default
 * class (the addon re-marks its class default on every k3s start).
 */
export function k3sKeepsLocalStorage(spec: K3sSpec): boolean {
    return localStoragePlan("k3s", k3sSettings(spec), spec.storage).k3sBuiltin === "keep";
}

/**
 * The `disable` list, identical on every server (k3s requires it). Our choices:
 * - servicelb (klipper-lb) whenever another LoadBalancer implementation is configured or Cilium
 *   runs: Cilium's LB-IPAM and MetalLB/kube-vip would race klipper for Service status.
 * - traefik: the GitOps repository brings its own ingress (keep it with k3s.keepBuiltins).
 * - local-storage unless it serves storage.localPath as the default class (localStoragePlan).
 * - plus whatever k3s.disable lists.
 */
export function k3sDisableList(spec: K3sSpec): string[] {
    const k3s = k3sSettings(spec);
    const out: string[] = [];
    if (spec.loadBalancer.provider !== "none" || spec.cni.provider === "cilium") out.push("servicelb");
    if (!k3s.keepBuiltins.includes("traefik")) out.push("traefik");
    if (!k3sKeepsLocalStorage(spec)) out.push("local-storage");
    for (const d of k3s.disable) if (!out.includes(d)) out.push(d);
    return out;
}

/** Names the API server certificate must cover: VIP, endpoint, every server address. */
export function k3sTlsSans(spec: K3sSpec): string[] {
    // Server addresses sorted: reordering homelab:nodes must not change any server's config.yaml.
    const sans = [spec.network.vip, spec.cluster.endpoint, ...k3sServers(spec).map((n) => n.ip).sort()];
    return [...new Set(sans.filter((s): s is string => typeof s === "string" && s.length > 0))];
}

/**
 * Flags that k3s requires to be identical on every server (FACTS §5, ha-embedded.md): CIDRs,
 * disable list, CNI/kube-proxy switches. Rendered once and shared by all servers.
 */
export function k3sServerSharedConfig(spec: K3sSpec): K3sConfig {
    const cfg: K3sConfig = {
        "tls-san": k3sTlsSans(spec),
        "write-kubeconfig-mode": "0600",
        "cluster-cidr": spec.network.podCidr,
        "service-cidr": spec.network.serviceCidr,
        disable: k3sDisableList(spec),
    };
    if (spec.cluster.apiPort !== K3S_DEFAULT_PORT) cfg["https-listen-port"] = spec.cluster.apiPort;
    if (spec.cni.provider === "cilium") {
        // Cilium replaces flannel and k3s' network-policy controller; with kube-proxy replacement
        // it also replaces kube-proxy (cilium docs: installation/k3s).
        cfg["flannel-backend"] = "none";
        cfg["disable-network-policy"] = true;
        if (spec.cni.kubeProxyReplacement) cfg["disable-kube-proxy"] = true;
    }
    if (k3sKeepsLocalStorage(spec) && spec.storage.localPath?.enabled && spec.storage.localPath.path) {
        cfg["default-local-storage-path"] = spec.storage.localPath.path;
    }
    return { ...cfg, ...k3sEtcdSnapshotConfig(spec) };
}

/**
 * Scheduled etcd snapshots (k3s-io/docs cli/etcd-snapshot.md): k3s' own cron on every server,
 * uploaded to S3 when a target is configured. The S3 keys are secrets and go into the secret
 * drop-in (k3sSecretDropIn), never here.
 */
export function k3sEtcdSnapshotConfig(spec: K3sSpec): K3sConfig {
    const snap = k3sSettings(spec).etcdSnapshots;
    const cfg: K3sConfig = { "etcd-snapshot-schedule-cron": snap.schedule, "etcd-snapshot-retention": snap.retention };
    if (snap.s3) {
        cfg["etcd-s3"] = true;
        cfg["etcd-s3-endpoint"] = snap.s3.endpoint;
        cfg["etcd-s3-bucket"] = snap.s3.bucket;
        cfg["etcd-s3-region"] = snap.s3.region;
        if (snap.s3.folder) cfg["etcd-s3-folder"] = snap.s3.folder;
        if (snap.s3.insecure) cfg["etcd-s3-insecure"] = true;
    }
    return cfg;
}

/** The secret settings a server needs (today: the etcd S3 keys), or none. */
export function k3sNeedsSecretDropIn(spec: K3sSpec): boolean {
    return k3sSettings(spec).etcdSnapshots.s3 !== undefined;
}

/** Text of the secret drop-in, from secret values (call inside an apply; the result is a secret). */
export function k3sSecretDropIn(values: { readonly etcdS3AccessKey: string; readonly etcdS3SecretKey: string }): string {
    return stringify({ "etcd-s3-access-key": values.etcdS3AccessKey, "etcd-s3-secret-key": values.etcdS3SecretKey }, { lineWidth: 0 });
}

/** Labels kubelet may set on itself outside the kubernetes.io/k8s.io namespaces. */
const kubeletAllowedLabels = new Set([
    "kubernetes.io/hostname",
    "kubernetes.io/arch",
    "kubernetes.io/os",
    "beta.kubernetes.io/arch",
    "beta.kubernetes.io/os",
    "beta.kubernetes.io/instance-type",
    "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
    "topology.kubernetes.io/region",
    "topology.kubernetes.io/zone",
]);

/**
 * Whether kubelet accepts the label in --node-labels. Keys in the kubernetes.io / k8s.io
 * namespaces (e.g. node-role.kubernetes.io/worker) make kubelet, and so k3s, refuse to start
 * unless they are under kubelet.kubernetes.io / node.kubernetes.io or in a short allowed set
 * (kubelet --node-labels reference; k3s-io/k3s#10916). Those are applied through the API instead.
 */
export function isKubeletLabel(key: string): boolean {
    const slash = key.indexOf("/");
    if (slash < 0) return true;
    const ns = key.slice(0, slash);
    const restricted = ["kubernetes.io", "k8s.io"].some((d) => ns === d || ns.endsWith(`.${d}`));
    if (!restricted) return true;
    const allowedPrefix = ["kubelet.kubernetes.io", "node.kubernetes.io"].some((d) => ns === d || ns.endsWith(`.${d}`));
    return allowedPrefix || kubeletAllowedLabels.has(key);
}

/** `key=value` pairs, sorted by key. */
export function labelPairs(labels: Readonly<Record<string, string>>): string[] {
    return Object.keys(labels)
        .sort()
        .map((k) => `${k}=${labels[k]}`);
}

function nodeIdentity(node: NodeSpec): K3sConfig {
    const cfg: K3sConfig = { "node-name": node.name, "node-ip": node.ip };
    const labels = labelPairs(Object.fromEntries(Object.entries(node.labels).filter(([k]) => isKubeletLabel(k))));
    // Present from registration on (schedulers see them at once); k3s applies these only when the
    // node registers, so the label command (k3s-cluster.ts) keeps every label current afterwards.
    if (labels.length > 0) cfg["node-label"] = labels;
    if (node.taints.length > 0) cfg["node-taint"] = [...node.taints];
    return cfg;
}

/**
 * Where a server joins: the bootstrap server's own address (the VIP may not answer yet), or, on
 * the bootstrap server of an adopted cluster, another server (it never initialises anything).
 */
function joinTarget(spec: K3sSpec, node: NodeSpec): string | undefined {
    const first = k3sBootstrapServer(spec);
    if (node.name !== first.name) return hostUrl(first.ip, spec.cluster.apiPort);
    const other = k3sServers(spec).find((s) => s.name !== node.name);
    return other ? hostUrl(other.ip, spec.cluster.apiPort) : undefined;
}

/**
 * The config object for one online node. Servers: `cluster-init` on the bootstrap server only
 * (never with cluster.adopt), `server:` for the others; `token-file` (the full K10 token on
 * joining nodes, CA-pinned) and `agent-token-file`. Agents: the API endpoint and their agent
 * token. Then the user's serverConfig/agentConfig, then the node's own `k3s.config` (it wins).
 */
export function renderK3sConfig(spec: K3sSpec, node: NodeSpec): K3sConfig {
    const k3s = k3sSettings(spec);
    const first = k3sBootstrapServer(spec);
    const own = node.k3s?.config ?? {};
    if (node.role === "controlplane") {
        const join: K3sConfig = { "token-file": K3S_TOKEN_PATH, "agent-token-file": K3S_AGENT_TOKEN_PATH };
        const target = joinTarget(spec, node);
        if (node.name === first.name && !spec.cluster.adopt) join["cluster-init"] = true;
        else if (target) join.server = target;
        return { ...join, ...nodeIdentity(node), ...k3sServerSharedConfig(spec), ...k3s.serverConfig, ...own };
    }
    return { server: spec.apiServerUrl, "token-file": K3S_TOKEN_PATH, ...nodeIdentity(node), ...k3s.agentConfig, ...own };
}

/** config.yaml text for one node. */
export function k3sConfigYaml(spec: K3sSpec, node: NodeSpec): string {
    return `# Rendered by homelab (components/nodes/k3s-config.ts) for ${node.name}; edits are overwritten.\n` + stringify(renderK3sConfig(spec, node), { lineWidth: 0 });
}

/** Short content hash used in command triggers. */
export function sha256(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}
