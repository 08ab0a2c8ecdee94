/**
 * Shared types of the read-only preflight (issue #13): what a check reports and what a node
 * target carries. Everything here is plain data, so one node's target can travel as JSON to the
 * per-node step `pulumi up` runs (preflight/step.ts) and the CLI prints the same lines.
 */

export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** One line of output: one check on one node (or on the cluster as a whole). */
export interface CheckResult {
    /** Node name, or "cluster" for the cluster-level checks. */
    readonly node: string;
    /** Stable check id, e.g. `k3s.memory-cgroup`; docs/troubleshooting.md has one entry per id. */
    readonly check: string;
    readonly status: CheckStatus;
    /** What was found. */
    readonly detail: string;
    /** The exact fix, for `fail` and `warn`. */
    readonly fix?: string;
}

/**
 * What a run expects to find on the machines:
 * - `fresh`: nothing of this cluster runs yet; an existing install means the first `up` would
 *   take a destructive path (a second bootstrap, a reinstall over a running k3s), so it fails;
 * - `adopt`: `cluster.adopt` is set; an existing install is expected and taken over;
 * - `converge`: the stack already manages the node (the in-`up` step on an update); an existing
 *   install is expected.
 */
export type PreflightMode = "fresh" | "adopt" | "converge";

/**
 * Stable link selector. Today only the kernel name (`interface`); the MAC / driver / bus-path
 * selectors the Talos node config gains slot in here (see checks/select.ts).
 */
export interface LinkSelector {
    readonly name?: string;
    readonly hardwareAddr?: string;
    readonly driver?: string;
    readonly busPath?: string;
}

/** Stable disk selector: the device path today (`installDisk`), Talos diskSelector fields later. */
export interface DiskSelector {
    readonly path?: string;
    /** Talos size matcher: `500GB`, `>= 1TB`, `<= 2TiB` (decimal and binary units). */
    readonly size?: string;
    readonly serial?: string;
    readonly wwid?: string;
    readonly model?: string;
    readonly busPath?: string;
    readonly type?: string;
}

interface NodeTargetBase {
    readonly name: string;
    readonly role: "controlplane" | "worker";
    readonly ip: string;
    /** `nodes[i]` path prefix used in fixes. */
    readonly configPath: string;
    readonly link: LinkSelector;
    /** First online control plane: the node that bootstraps (cluster-level checks run with it). */
    readonly bootstrap: boolean;
}

export interface K3sNodeTarget extends NodeTargetBase {
    readonly distribution: "k3s";
    readonly ssh: { readonly port: number; readonly user: string; readonly hostKey?: string };
    readonly install: "script" | "preinstalled";
    /** Host packages the install step installs (Longhorn: open-iscsi, ...). */
    readonly hostPackages: readonly string[];
    readonly longhorn: boolean;
    /** The stack wants Cilium as CNI (flannel off) and/or as kube-proxy replacement. */
    readonly cilium: { readonly enabled: boolean; readonly kubeProxyReplacement: boolean };
}

export interface TalosNodeTarget extends NodeTargetBase {
    readonly distribution: "talos";
    readonly disk: DiskSelector;
    /** Disks another consumer claims on this node (Rook-Ceph OSD devices): never the install disk. */
    readonly reservedDisks: readonly string[];
}

export type NodeTarget = K3sNodeTarget | TalosNodeTarget;

/** Cluster-level expectations (VIP, pools, endpoint). */
export interface ClusterTarget {
    readonly name: string;
    readonly distribution: "talos" | "k3s";
    readonly endpoint: string;
    readonly apiPort: number;
    readonly vip?: string;
    /** Load-balancer pool entries as written (CIDR, address or start-end). */
    readonly pools: readonly string[];
    readonly adopt: boolean;
}

export const CLUSTER = "cluster";
