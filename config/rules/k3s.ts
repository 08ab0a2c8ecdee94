/**
 * Cross-field rules of the k3s block: the explicit bootstrap server, secrets kept out of the plain
 * config.yaml, version skew between nodes, and end-of-life pins. Pure functions of the parsed
 * config; see docs/k3s.md for what each protects against.
 */
import { compareK3sVersions, k3sEndOfLifeDate, minorDistance } from "../k3s-versions";
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";

function k3sOf(cfg: ParsedConfig) {
    return cfg.cluster.distribution === "k3s" ? cfg.cluster.k3s : undefined;
}

/**
 * The bootstrap server (`cluster-init`) is named, never taken from list order: required with more
 * than one server; it must be a server and online. Offline we cannot know which server holds the
 * cluster today, so changing it is allowed; `up` then refuses `cluster-init` on a host where a
 * cluster already answers (docs/k3s.md "Bootstrap server").
 */
export function k3sBootstrapServer(cfg: ParsedConfig): ConfigIssue[] {
    const k3s = k3sOf(cfg);
    if (!k3s) return [];
    const servers = cfg.nodes.filter((n) => n.role === "controlplane");
    const name = k3s.bootstrapServer;
    if (name === undefined) {
        if (servers.length > 1) {
            return [
                issue("cluster", ["k3s", "bootstrapServer"], undefined, `is required with ${servers.length} servers (${servers.map((s) => s.name).join(", ")}): name the server that initialised (or initialises) the cluster; every other server joins it`),
            ];
        }
        return [];
    }
    const node = cfg.nodes.find((n) => n.name === name);
    if (!node) return [issue("cluster", ["k3s", "bootstrapServer"], name, "is not a node in homelab:nodes")];
    if (node.role !== "controlplane") return [issue("cluster", ["k3s", "bootstrapServer"], name, "is a worker: the bootstrap server must have role controlplane")];
    if (node.offline) return [issue("cluster", ["k3s", "bootstrapServer"], name, "is offline: name an online server (a running cluster keeps its data; only a server without etcd data is ever initialised)")];
    return [];
}

/** Keys that are paths or names, not secrets, although their names contain a secret-ish word. */
const notSecret = (key: string) => key.endsWith("-file") || key === "etcd-s3-config-secret" || key.startsWith("secrets-encryption");

/** Whether a config.yaml key carries a secret value (S3 keys, tokens, passwords). */
export function isSecretK3sKey(key: string): boolean {
    const k = key.replace(/\+$/, "");
    if (notSecret(k)) return false;
    return k === "etcd-s3-access-key" || /secret|token|password/i.test(k);
}

const secretHint: Record<string, string> = {
    "etcd-s3-access-key": "set it with `pulumi config set --secret k3sEtcdS3AccessKey` and configure cluster.k3s.etcdSnapshots.s3",
    "etcd-s3-secret-key": "set it with `pulumi config set --secret k3sEtcdS3SecretKey` and configure cluster.k3s.etcdSnapshots.s3",
    token: "the cluster token is homelab:k3sToken (secret) or generated",
    "agent-token": "the agent token is generated and kept in the state",
};

/** Secret k3s settings never travel in the plain config.yaml (it is shown in preview and stored in state). */
export function k3sSecretSettings(cfg: ParsedConfig): ConfigIssue[] {
    const k3s = k3sOf(cfg);
    if (!k3s) return [];
    const out: ConfigIssue[] = [];
    const check = (key: string, path: ReadonlyArray<PropertyKey>, settings: Readonly<Record<string, unknown>>) => {
        for (const k of Object.keys(settings)) {
            if (!isSecretK3sKey(k)) continue;
            const hint = secretHint[k.replace(/\+$/, "")] ?? "secret k3s settings are not supported in plain config; see docs/k3s.md \"Secrets\"";
            out.push(issue(key, [...path, k], "[redacted]", `is a secret and would be stored in plain text in config.yaml, the state and the preview: ${hint}`));
        }
    };
    check("cluster", ["k3s", "serverConfig"], k3s.serverConfig);
    check("cluster", ["k3s", "agentConfig"], k3s.agentConfig);
    cfg.nodes.forEach((n, i) => check("nodes", [i, "k3s", "config"], n.k3s?.config ?? {}));
    return out;
}

/**
 * Version skew (Kubernetes version-skew policy): a node's pin is within one minor of the cluster's
 * version, and an agent's kubelet is never newer than the oldest server's API server.
 */
export function k3sVersionSkew(cfg: ParsedConfig): ConfigIssue[] {
    const k3s = k3sOf(cfg);
    if (!k3s || k3s.install === "preinstalled") return [];
    const out: ConfigIssue[] = [];
    const versionOf = (n: ParsedConfig["nodes"][number]) => n.k3sVersion ?? k3s.version;
    const servers = cfg.nodes.filter((n) => n.role === "controlplane" && !n.offline);
    const oldestServer = servers.map(versionOf).sort(compareK3sVersions)[0] ?? k3s.version;
    cfg.nodes.forEach((n, i) => {
        if (n.offline || n.k3sVersion === undefined) return;
        const d = minorDistance(n.k3sVersion, k3s.version);
        if (d === undefined || d > 1) {
            out.push(issue("nodes", [i, "k3sVersion"], n.k3sVersion, `is more than one minor away from cluster.k3s.version ${k3s.version}: upgrade one minor at a time`));
        }
        if (n.role === "worker" && compareK3sVersions(n.k3sVersion, oldestServer) > 0) {
            out.push(issue("nodes", [i, "k3sVersion"], n.k3sVersion, `is newer than the oldest server (${oldestServer}): a kubelet must never be newer than the API server; upgrade the servers first`));
        }
    });
    return out;
}

/** Warning: a pinned k3s release whose Kubernetes minor no longer gets security fixes. */
export function k3sEndOfLifePins(cfg: ParsedConfig): ConfigIssue[] {
    const k3s = k3sOf(cfg);
    if (!k3s || k3s.install === "preinstalled") return [];
    const out: ConfigIssue[] = [];
    const eol = k3sEndOfLifeDate(k3s.version);
    if (eol) out.push(issue("cluster", ["k3s", "version"], k3s.version, `is end of life (Kubernetes ${k3s.version.replace(/^v(\d+\.\d+).*/, "$1")}, ${eol}): upgrade one minor at a time to a supported release (docs/upgrades.md)`));
    cfg.nodes.forEach((n, i) => {
        const nodeEol = n.k3sVersion ? k3sEndOfLifeDate(n.k3sVersion) : undefined;
        if (n.k3sVersion && nodeEol && !n.offline) out.push(issue("nodes", [i, "k3sVersion"], n.k3sVersion, `is end of life (${nodeEol})`));
    });
    return out;
}

/**
 * Warning: without an S3 target the scheduled etcd snapshots stay on the servers' own disks, and
 * a lost cluster takes them along (DESIGN "Recoverable": snapshots belong off the cluster).
 */
export function k3sSnapshotsOnNodesOnly(cfg: ParsedConfig): ConfigIssue[] {
    const k3s = k3sOf(cfg);
    if (!k3s || k3s.install === "preinstalled" || k3s.etcdSnapshots.s3) return [];
    return [issue("cluster", ["k3s", "etcdSnapshots", "s3"], undefined, "means etcd snapshots stay on the servers' own disks only; set an S3 target (and the secrets k3sEtcdS3AccessKey/k3sEtcdS3SecretKey) to keep them off the cluster")];
}
