/**
 * Cross-field topology rules: control planes, the API endpoint, offline nodes, and fields that
 * belong to only one distribution.
 */
import { issue, type ConfigIssue } from "../issues";
import { parseIp } from "../net";
import type { ParsedConfig } from "../schema";

/** At least one control plane that is online. */
export function controlPlanes(cfg: ParsedConfig): ConfigIssue[] {
    const cps = cfg.nodes.filter((n) => n.role === "controlplane");
    if (cps.length === 0) {
        return [issue("nodes", [], cfg.nodes.map((n) => n.name), "has no node with role controlplane")];
    }
    if (cps.every((n) => n.offline)) {
        return [issue("nodes", [], cps.map((n) => n.name), "has no online control plane (every controlplane is offline)")];
    }
    return [];
}

/** Warning: etcd quorum with an even member count tolerates no more failures than one fewer. */
export function evenControlPlanes(cfg: ParsedConfig): ConfigIssue[] {
    const count = cfg.nodes.filter((n) => n.role === "controlplane" && !n.offline).length;
    if (count > 0 && count % 2 === 0) {
        return [issue("nodes", [], count, "online control planes: an even etcd member count adds no fault tolerance; use an odd number")];
    }
    return [];
}

/** Warning: offline nodes are kept in config and skipped. */
export function offlineNodes(cfg: ParsedConfig): ConfigIssue[] {
    return cfg.nodes.flatMap((n, i) => (n.offline ? [issue("nodes", [i, "offline"], true, `(node ${n.name} is kept in config and skipped)`)] : []));
}

/** An IP endpoint must be the VIP or an online control plane: anything else never answers the API. */
export function apiEndpoint(cfg: ParsedConfig): ConfigIssue[] {
    const ep = parseIp(cfg.cluster.endpoint);
    if (!ep) {
        return []; // a DNS name: nothing to check offline
    }
    if (cfg.network.vip && parseIp(cfg.network.vip)?.value === ep.value) {
        return [];
    }
    const node = cfg.nodes.find((n) => parseIp(n.ip)?.value === ep.value);
    if (!node) {
        return [issue("cluster", ["endpoint"], cfg.cluster.endpoint, "is neither network.vip nor a control-plane node address")];
    }
    if (node.role !== "controlplane") {
        return [issue("cluster", ["endpoint"], cfg.cluster.endpoint, `is the address of worker ${node.name}, not a control plane`)];
    }
    if (node.offline) {
        return [issue("cluster", ["endpoint"], cfg.cluster.endpoint, `is the address of offline node ${node.name}`)];
    }
    return [];
}

const talosNodeFields = ["installDisk", "installDiskSelector", "mac", "talosApplyMode"] as const;
const k3sNodeFields = ["sshUser", "hostKey", "k3sVersion", "k3s"] as const;

/** A `talos` block or Talos-only node field under k3s (and the reverse) is a mistake, not a no-op. */
export function distributionFields(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const d = cfg.cluster.distribution;
    if (d === "k3s" && cfg.cluster.talos !== undefined) {
        out.push(issue("cluster", ["talos"], "{...}", "is a Talos-only block but cluster.distribution is k3s"));
    }
    if (d === "k3s" && cfg.cluster.kubernetesVersion !== undefined) {
        out.push(issue("cluster", ["kubernetesVersion"], cfg.cluster.kubernetesVersion, "is Talos-only: on k3s the Kubernetes version is the one cluster.k3s.version ships"));
    }
    if (d === "talos" && cfg.cluster.k3s !== undefined) {
        out.push(issue("cluster", ["k3s"], "{...}", "is a k3s-only block but cluster.distribution is talos"));
    }
    cfg.nodes.forEach((n, i) => {
        const wrong = d === "k3s" ? talosNodeFields : k3sNodeFields;
        for (const f of wrong) {
            if (n[f] !== undefined) {
                out.push(issue("nodes", [i, f], n[f], `is ${d === "k3s" ? "Talos" : "k3s"}-only but cluster.distribution is ${d}`));
            }
        }
    });
    return out;
}

/** Names used as keys elsewhere must be nodes that exist. */
export function nodeReferences(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const names = new Set(cfg.nodes.map((n) => n.name));
    for (const name of Object.keys(cfg.cluster.talos?.patches.nodes ?? {})) {
        if (!names.has(name)) {
            out.push(issue("cluster", ["talos", "patches", "nodes", name], name, "is not a node in homelab:nodes"));
        }
    }
    cfg.storage.rookCeph?.devices.nodes.forEach((n, i) => {
        if (!names.has(n.name)) {
            out.push(issue("storage", ["rookCeph", "devices", "nodes", i, "name"], n.name, "is not a node in homelab:nodes"));
        }
    });
    return out;
}

/**
 * Warning: k3s nodes without a pinned SSH host key accept whatever answers on their address, and
 * the cluster token and the admin kubeconfig travel over those connections.
 */
export function unpinnedHostKeys(cfg: ParsedConfig): ConfigIssue[] {
    if (cfg.cluster.distribution !== "k3s") return [];
    const unpinned = cfg.nodes.filter((n) => !n.offline && n.hostKey === undefined).map((n) => n.name);
    if (unpinned.length === 0) return [];
    return [
        issue("nodes", [], unpinned.length === cfg.nodes.length ? "(every node)" : unpinned, "have no hostKey: SSH trusts whatever answers on their address; pin each with the output of `ssh-keyscan -t ed25519 <ip>`"),
    ];
}

/**
 * Talos hardware identity: one way to name the install disk, one way to name the NIC, and no MAC
 * on two nodes (a LinkAliasConfig selector must match exactly one link).
 */
export function talosIdentity(cfg: ParsedConfig): ConfigIssue[] {
    if (cfg.cluster.distribution !== "talos") return [];
    const out: ConfigIssue[] = [];
    const macs = new Map<string, string>();
    cfg.nodes.forEach((n, i) => {
        if (n.installDisk !== undefined && n.installDiskSelector !== undefined) {
            out.push(issue("nodes", [i, "installDiskSelector"], "{...}", `conflicts with nodes[${i}].installDisk ${n.installDisk}: name the install disk one way`));
        }
        if (n.mac !== undefined && n.interface !== undefined) {
            out.push(issue("nodes", [i, "interface"], n.interface, `conflicts with nodes[${i}].mac: a node with a MAC is addressed through its link alias`));
        }
        if (n.mac !== undefined) {
            const other = macs.get(n.mac);
            if (other !== undefined) out.push(issue("nodes", [i, "mac"], n.mac, `is also the MAC of node ${other}`));
            else macs.set(n.mac, n.name);
        }
    });
    return out;
}

/**
 * The Talos bootstrap node is named when there is more than one control plane, and is an online
 * control plane: list order never decides which node initialises etcd.
 */
export function talosBootstrapNode(cfg: ParsedConfig): ConfigIssue[] {
    if (cfg.cluster.distribution !== "talos") return [];
    const named = cfg.cluster.talos?.bootstrapNode;
    const cps = cfg.nodes.filter((n) => n.role === "controlplane" && !n.offline);
    if (named === undefined) {
        if (cps.length <= 1) return [];
        return [issue("cluster", ["talos", "bootstrapNode"], undefined, `is required with ${cps.length} online control planes (${cps.map((n) => n.name).join(", ")}): name the one that bootstraps etcd (on a running cluster, the one its Bootstrap ran on)`)];
    }
    const node = cfg.nodes.find((n) => n.name === named);
    if (!node) return [issue("cluster", ["talos", "bootstrapNode"], named, "is not a node of homelab:nodes")];
    if (node.role !== "controlplane") return [issue("cluster", ["talos", "bootstrapNode"], named, "is a worker: the bootstrap node must be a control plane")];
    if (node.offline) return [issue("cluster", ["talos", "bootstrapNode"], named, "is offline: name an online control plane (after a restore, the one you run talosctl bootstrap --recover-from on)")];
    return [];
}

/** A scheduled etcd backup needs exactly one target. */
export function talosEtcdBackup(cfg: ParsedConfig): ConfigIssue[] {
    const b = cfg.cluster.distribution === "talos" ? cfg.cluster.talos?.etcdBackup : undefined;
    if (!b?.enabled) return [];
    if (b.s3 && b.nfs) return [issue("cluster", ["talos", "etcdBackup", "nfs"], "{...}", "conflicts with cluster.talos.etcdBackup.s3: choose one target")];
    if (!b.s3 && !b.nfs) return [issue("cluster", ["talos", "etcdBackup"], "{...}", "has no target: set s3 or nfs (or enabled: false)")];
    return [];
}

/**
 * Warning: a kernel disk name (`/dev/nvme0n1`, `/dev/sda`) is assigned at boot in probe order; on
 * machines with two disks of one kind it can swap, and an install would then wipe the other disk.
 */
export function talosKernelDiskNames(cfg: ParsedConfig): ConfigIssue[] {
    if (cfg.cluster.distribution !== "talos") return [];
    // A node left at Talos' default /dev/sda has a warning of its own (support.ts: no installDisk).
    const clusterDisk = cfg.cluster.talos?.installDisk;
    const disk = (n: ParsedConfig["nodes"][number]) => n.installDisk ?? (clusterDisk === "/dev/sda" ? "" : (clusterDisk ?? ""));
    const named = cfg.nodes.filter((n) => !n.offline && n.installDiskSelector === undefined && /^\/dev\/(nvme\d+n\d+|sd[a-z]+|vd[a-z]+)$/.test(disk(n)));
    if (named.length === 0) return [];
    return [
        issue("nodes", [], named.map((n) => n.name), "install to a kernel disk name, which can change between boots: set installDiskSelector (serial or wwid from `talosctl -n <ip> get disks`, with --insecure in maintenance mode)"),
    ];
}

/**
 * Adopting a running Talos cluster must not reboot it: `auto` and `reboot` apply modes reboot a
 * node whose new configuration needs it, so they are refused with `cluster.adopt`.
 */
export function talosAdoptApplyMode(cfg: ParsedConfig): ConfigIssue[] {
    if (cfg.cluster.distribution !== "talos" || !cfg.cluster.adopt) return [];
    const rebooting = new Set(["auto", "reboot"]);
    const out: ConfigIssue[] = [];
    const mode = cfg.cluster.talos?.applyMode;
    if (mode && rebooting.has(mode)) {
        out.push(issue("cluster", ["talos", "applyMode"], mode, "reboots nodes on apply, which cluster.adopt forbids: use staged_if_needing_reboot, staged or no_reboot"));
    }
    cfg.nodes.forEach((n, i) => {
        if (n.talosApplyMode && rebooting.has(n.talosApplyMode)) {
            out.push(issue("nodes", [i, "talosApplyMode"], n.talosApplyMode, "reboots the node on apply, which cluster.adopt forbids"));
        }
    });
    return out;
}
