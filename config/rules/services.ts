/**
 * Cross-field rules for storage (network rules live in ./network.ts, GitOps rules in ./gitops.ts).
 */
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";
import { storageProviders } from "../schema";

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
    const nfs = cfg.storage.nfs;
    if (nfs?.enabled) {
        if (!nfs.server) out.push(issue("storage", ["nfs", "server"], undefined, "is required when storage.nfs.enabled is true"));
        if (!nfs.path) out.push(issue("storage", ["nfs", "path"], undefined, "is required when storage.nfs.enabled is true"));
    }
    const rook = cfg.storage.rookCeph;
    if (rook?.enabled && !rook.devices.useAllDevices && !rook.devices.filter && rook.devices.nodes.length === 0) {
        out.push(issue("storage", ["rookCeph", "devices"], rook.devices, "selects no disk: set useAllDevices, filter or nodes"));
    }
    const lh = cfg.storage.longhorn;
    if (lh?.enabled) {
        const online = cfg.nodes.filter((n) => !n.offline).length;
        if (lh.replicas > online) out.push(issue("storage", ["longhorn", "replicas"], lh.replicas, `exceeds the ${online} online nodes`));
    }
    return out;
}
