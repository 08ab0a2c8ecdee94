/**
 * Cross-field rules of `homelab:storage`: exactly one default StorageClass, provider blocks that
 * can actually run, backups that have somewhere to go, and host paths the distribution can write.
 */
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";
import { defaultStorageProvider, localStoragePlan, storageClassesByProvider, storageProviders } from "../schema/storage";

/**
 * Exactly one default StorageClass: the chosen provider must be enabled, and no two providers may
 * both claim it.
 */
export function storageDefault(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const s = cfg.storage;
    const claimants = storageProviders.filter((p) => s[p]?.default === true);
    if (claimants.length > 1) {
        claimants.slice(1).forEach((p) => out.push(issue("storage", [p, "default"], true, `conflicts with storage.${claimants[0]}.default: only one default StorageClass`)));
    }
    if (s.defaultClass !== undefined) {
        if (!s[s.defaultClass]?.enabled) {
            out.push(issue("storage", ["defaultClass"], s.defaultClass, `is not enabled (set storage.${s.defaultClass}.enabled: true)`));
        }
        claimants.filter((p) => p !== s.defaultClass).forEach((p) => out.push(issue("storage", [p, "default"], true, `conflicts with storage.defaultClass ${s.defaultClass}`)));
    }
    for (const p of claimants) {
        if (!s[p]?.enabled) out.push(issue("storage", [p, "default"], true, `but storage.${p}.enabled is not true`));
    }
    return out;
}

/** Provider blocks carry what their provider cannot run without. */
export function storageProvidersComplete(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const online = cfg.nodes.filter((n) => !n.offline).length;
    const nfs = cfg.storage.nfs;
    if (nfs?.enabled) {
        if (!nfs.server) out.push(issue("storage", ["nfs", "server"], undefined, "is required when storage.nfs.enabled is true"));
        if (!nfs.path) out.push(issue("storage", ["nfs", "path"], undefined, "is required when storage.nfs.enabled is true"));
    }
    const rook = cfg.storage.rookCeph;
    if (rook?.enabled) {
        if (!rook.devices.useAllDevices && !rook.devices.filter && rook.devices.nodes.length === 0) {
            out.push(issue("storage", ["rookCeph", "devices"], rook.devices, "selects no disk: set useAllDevices, filter or nodes"));
        }
        // Pools spread replicas over hosts (failureDomain: host): each replica needs its own node.
        const hosts = rook.devices.nodes.length > 0 && !rook.devices.useAllDevices && !rook.devices.filter ? rook.devices.nodes.length : online;
        if (rook.replicas > hosts) {
            out.push(issue("storage", ["rookCeph", "replicas"], rook.replicas, `exceeds the ${hosts} hosts that carry OSDs (one replica per host)`));
        }
    }
    const lh = cfg.storage.longhorn;
    if (lh?.enabled && lh.replicas > online) {
        out.push(issue("storage", ["longhorn", "replicas"], lh.replicas, `exceeds the ${online} online nodes`));
    }
    return out;
}

/** Backup jobs need a backup target; recurring job names are unique (they name the CRs). */
export function storageBackups(cfg: ParsedConfig): ConfigIssue[] {
    const lh = cfg.storage.longhorn;
    if (!lh) return [];
    const out: ConfigIssue[] = [];
    const seen = new Set<string>();
    lh.recurringJobs.forEach((j, i) => {
        if (j.task === "backup" && !lh.backup) {
            out.push(issue("storage", ["longhorn", "recurringJobs", i, "task"], j.task, "needs storage.longhorn.backup.target (backups go to the backup target)"));
        }
        if (seen.has(j.name)) out.push(issue("storage", ["longhorn", "recurringJobs", i, "name"], j.name, "is listed twice"));
        seen.add(j.name);
    });
    return out;
}

/**
 * Talos' root filesystem is read-only: only /var persists and is writable, so every host path a
 * provider writes to must live under it (https://www.talos.dev/v1.9/kubernetes-guides/configuration/local-storage/).
 */
export function storageTalosPaths(cfg: ParsedConfig): ConfigIssue[] {
    if (cfg.cluster.distribution !== "talos") return [];
    const s = cfg.storage;
    const paths: Array<[string[], string | undefined, boolean | undefined]> = [
        [["longhorn", "dataPath"], s.longhorn?.dataPath, s.longhorn?.enabled],
        [["rookCeph", "dataDirHostPath"], s.rookCeph?.dataDirHostPath, s.rookCeph?.enabled],
        [["openebs", "basePath"], s.openebs?.basePath, s.openebs?.enabled],
        [["localPath", "path"], s.localPath?.path, s.localPath?.enabled],
    ];
    return paths
        .filter(([, p, on]) => on && p !== undefined && !p.startsWith("/var/"))
        .map(([path, p]) => issue("storage", path, p, "must be under /var/ on Talos (the rest of the filesystem is read-only)"));
}

/** Two providers must not create a StorageClass of the same name (the second would fail or take over). */
export function storageClassNames(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const seen = new Map<string, string>();
    for (const { provider, name } of storageClassesByProvider(cfg.storage)) {
        const first = seen.get(name);
        if (first !== undefined) {
            const field = provider === "nfs" ? ["nfs", "storageClassName"] : provider === "rookCeph" ? ["rookCeph", "filesystemClassName"] : [provider];
            out.push(issue("storage", field, name, `is also the StorageClass of storage.${first}`));
        }
        seen.set(name, provider);
    }
    return out;
}

/**
 * Warning: k3s' local-storage addon would be a second default class, either because the program
 * does not install k3s (`install: preinstalled`, e.g. NixOS) and so cannot disable it, or because
 * the stack keeps it (`cluster.k3s.keepBuiltins`) next to another default provider.
 */
export function k3sLocalStorageDefault(cfg: ParsedConfig): ConfigIssue[] {
    const k3s = cfg.cluster.k3s;
    if (cfg.cluster.distribution !== "k3s" || !k3s) return [];
    const plan = localStoragePlan("k3s", k3s, cfg.storage);
    const def = defaultStorageProvider(cfg.storage);
    if (k3s.install === "preinstalled" && plan.k3sBuiltin === "disable") {
        return [
            issue(
                "cluster",
                ["k3s", "disable"],
                k3s.disable,
                "lacks local-storage: k3s' built-in local-path class would be a second default. Disable it in the host's k3s config (NixOS: services.k3s.extraFlags = [\"--disable local-storage\"]) and list it here",
            ),
        ];
    }
    if (plan.k3sBuiltin === "keep" && def !== undefined && def !== "localPath") {
        return [issue("cluster", ["k3s", "keepBuiltins"], k3s.keepBuiltins, `keeps local-storage, whose local-path class is a second default next to storage.${def}`)];
    }
    return [];
}

/**
 * `archiveOnDelete` only acts when the provisioner deletes a volume, which happens only with
 * reclaimPolicy Delete: with Retain the PV and its directory stay and nothing is ever archived.
 */
export function storageNfsArchive(cfg: ParsedConfig): ConfigIssue[] {
    const nfs = cfg.storage.nfs;
    if (!nfs?.enabled || nfs.reclaimPolicy !== "Retain" || nfs.archiveOnDelete !== true) return [];
    return [issue("storage", ["nfs", "archiveOnDelete"], true, "never archives with reclaimPolicy Retain (volumes are never deleted); drop it, or use reclaimPolicy Delete")];
}

/** Warning: a Longhorn backup target without any recurring backup or snapshot job is never used. */
export function longhornBackupSchedule(cfg: ParsedConfig): ConfigIssue[] {
    const lh = cfg.storage.longhorn;
    if (!lh?.enabled || !lh.backup || lh.recurringJobs.some((j) => j.task === "backup")) return [];
    return [issue("storage", ["longhorn", "recurringJobs"], lh.recurringJobs.map((j) => j.name), `has no backup job: nothing is ever sent to backup target ${lh.backup.target}`)];
}

/**
 * Warning: on `install: preinstalled` hosts (NixOS) the program installs no host packages, and
 * Longhorn needs open-iscsi running and iscsiadm/nsenter on the PATH it uses
 * (longhorn/longhorn#2166; docs/storage.md "Longhorn on NixOS").
 */
export function longhornPreinstalledHosts(cfg: ParsedConfig): ConfigIssue[] {
    if (!cfg.storage.longhorn?.enabled || cfg.cluster.distribution !== "k3s" || cfg.cluster.k3s?.install !== "preinstalled") return [];
    return [
        issue(
            "storage",
            ["longhorn", "enabled"],
            true,
            "on k3s install: preinstalled: the hosts' own configuration must provide open-iscsi and Longhorn's PATH (NixOS: services.openiscsi.enable = true; services.openiscsi.name = ...; systemd.tmpfiles.rules = [ \"L+ /usr/local/bin - - - - /run/current-system/sw/bin/\" ]), see docs/storage.md",
        ),
    ];
}
