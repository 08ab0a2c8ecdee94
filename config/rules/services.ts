/**
 * Cross-field rules for storage and GitOps (network rules live in ./network.ts).
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

/** Credentials match the repository URL scheme; the ApplicationSets layout lists its sets. */
export function gitopsRepo(cfg: ParsedConfig): ConfigIssue[] {
    const g = cfg.gitops;
    if (!g) return [];
    const out: ConfigIssue[] = [];
    const ssh = g.repo.url.startsWith("git@") || g.repo.url.startsWith("ssh://");
    if (g.repo.credentials === "ssh" && !ssh) out.push(issue("gitops", ["repo", "credentials"], "ssh", `needs an ssh:// or git@ URL, not ${g.repo.url}`));
    if (g.repo.credentials === "https" && ssh) out.push(issue("gitops", ["repo", "credentials"], "https", `needs an https:// URL, not ${g.repo.url}`));
    if (ssh && g.repo.credentials === "none") out.push(issue("gitops", ["repo", "credentials"], "none", "cannot clone an SSH URL; use ssh with homelab:gitSshPrivateKey"));
    if (g.layout === "applicationsets" && g.applicationSets.length === 0) {
        out.push(issue("gitops", ["applicationSets"], [], "is empty but gitops.layout is applicationsets"));
    }
    if (g.layout === "app-of-apps" && g.applicationSets.length > 0) {
        out.push(issue("gitops", ["applicationSets"], g.applicationSets.map((a) => a.name), "are set but gitops.layout is app-of-apps"));
    }
    const es = g.secrets.externalSecrets;
    if (es?.provider === "infisical" && (!es.project || !es.environment)) {
        out.push(issue("gitops", ["secrets", "externalSecrets"], es, "needs project and environment for Infisical"));
    }
    if (es?.provider === "vault" && !es.server) {
        out.push(issue("gitops", ["secrets", "externalSecrets", "server"], undefined, "is required for Vault"));
    }
    return out;
}
