/** Cross-field rules of `homelab:gitops`: repository access, root layout, operator settings. */
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";
import type { HandoffName } from "../schema/gitops";

/** Credentials match the repository URL scheme; each external-secrets provider has its settings. */
export function gitopsRepo(cfg: ParsedConfig): ConfigIssue[] {
    const g = cfg.gitops;
    if (!g) return [];
    const out: ConfigIssue[] = [];
    const ssh = g.repo.url.startsWith("git@") || g.repo.url.startsWith("ssh://");
    if (g.repo.credentials === "ssh" && !ssh) out.push(issue("gitops", ["repo", "credentials"], "ssh", `needs an ssh:// or git@ URL, not ${g.repo.url}`));
    if (g.repo.credentials === "https" && ssh) out.push(issue("gitops", ["repo", "credentials"], "https", `needs an https:// URL, not ${g.repo.url}`));
    if (ssh && g.repo.credentials === "none") out.push(issue("gitops", ["repo", "credentials"], "none", "cannot clone an SSH URL; use ssh with homelab:gitSshPrivateKey"));
    const es = g.secrets.externalSecrets;
    if (es?.provider === "infisical" && (!es.project || !es.environment)) {
        out.push(issue("gitops", ["secrets", "externalSecrets"], es, "needs project and environment for Infisical"));
    }
    if (es?.provider === "vault" && !es.server) {
        out.push(issue("gitops", ["secrets", "externalSecrets", "server"], undefined, "is required for Vault"));
    }
    return out;
}

/** The app-of-apps root watches `repo.path`; the ApplicationSets layout lists its sets. */
export function gitopsRootPath(cfg: ParsedConfig): ConfigIssue[] {
    const g = cfg.gitops;
    if (!g) return [];
    const out: ConfigIssue[] = [];
    if (g.layout === "app-of-apps" && !g.repo.path) {
        out.push(issue("gitops", ["repo", "path"], undefined, "is required when gitops.layout is app-of-apps (the folder the root Application watches)"));
    }
    if (g.layout === "applicationsets" && g.applicationSets.length === 0) {
        out.push(issue("gitops", ["applicationSets"], [], "is empty but gitops.layout is applicationsets"));
    }
    if (g.layout === "app-of-apps" && g.applicationSets.length > 0) {
        out.push(issue("gitops", ["applicationSets"], g.applicationSets.map((a) => a.name), "are set but gitops.layout is app-of-apps"));
    }
    return out;
}

/**
 * ApplicationSet names are object names (unique), and two sets over the same folder would
 * generate Applications with the same names and fight over them.
 */
export function gitopsApplicationSets(cfg: ParsedConfig): ConfigIssue[] {
    const g = cfg.gitops;
    if (!g) return [];
    const out: ConfigIssue[] = [];
    const names = new Map<string, number>();
    const paths = new Map<string, number>();
    g.applicationSets.forEach((a, i) => {
        const first = names.get(a.name);
        if (first !== undefined) out.push(issue("gitops", ["applicationSets", i, "name"], a.name, `is already used by gitops.applicationSets[${first}]`));
        else names.set(a.name, i);
        const p = a.path.replace(/^\.?\/+|\/+$/g, "");
        const firstPath = paths.get(p);
        if (firstPath !== undefined) out.push(issue("gitops", ["applicationSets", i, "path"], a.path, `is already covered by gitops.applicationSets[${firstPath}]`));
        else paths.set(p, i);
    });
    return out;
}

/**
 * `argocd.values` is committed text: credentials there would end up in Git and in the plan.
 * The admin password has its own secret key (homelab:argocdAdminPassword).
 */
export function gitopsArgocdValues(cfg: ParsedConfig): ConfigIssue[] {
    const v = cfg.gitops?.argocd.values as { configs?: { secret?: unknown; repositories?: unknown; credentialTemplates?: unknown } } | undefined;
    const out: ConfigIssue[] = [];
    for (const k of ["secret", "repositories", "credentialTemplates"] as const) {
        if (v?.configs?.[k] !== undefined) {
            out.push(issue("gitops", ["argocd", "values", "configs", k], "[redacted]", "may hold credentials and must not be set in the stack file; use homelab:argocdAdminPassword / gitSshPrivateKey / gitToken"));
        }
    }
    return out;
}

/** Which handoff names this stack installs, with the key that turns each on. */
export function installedCharts(cfg: ParsedConfig): Map<HandoffName, string> {
    const m = new Map<HandoffName, string>();
    if (cfg.cni.provider === "cilium") m.set("cilium", "cni.provider cilium");
    if (cfg.loadBalancer.provider === "metallb") m.set("metallb", "loadBalancer.provider metallb");
    if (cfg.loadBalancer.provider === "kube-vip") m.set("kube-vip", "loadBalancer.provider kube-vip");
    if (cfg.certManager.enabled) m.set("cert-manager", "certManager.enabled");
    if (cfg.cloudflare?.tunnel.enabled) m.set("tunnel", "cloudflare.tunnel.enabled");
    const s = cfg.storage;
    if (s.longhorn?.enabled) m.set("longhorn", "storage.longhorn.enabled");
    if (s.rookCeph?.enabled) m.set("rook-ceph", "storage.rookCeph.enabled");
    if (s.openebs?.enabled) m.set("openebs", "storage.openebs.enabled");
    if (s.nfs?.enabled) m.set("nfs-subdir-external-provisioner", "storage.nfs.enabled");
    const g = cfg.gitops;
    if (g) {
        m.set("argocd", "gitops");
        if (g.secrets.externalSecrets?.controller === "helm") m.set("external-secrets", "gitops.secrets.externalSecrets.controller helm");
        if (g.secrets.sealedSecrets.enabled && g.secrets.sealedSecrets.controller === "helm") m.set("sealed-secrets", "gitops.secrets.sealedSecrets.controller helm");
    }
    return m;
}

/** Every handoff name is something this stack installs, listed once. */
export function gitopsHandoff(cfg: ParsedConfig): ConfigIssue[] {
    const g = cfg.gitops;
    if (!g) return [];
    const installed = installedCharts(cfg);
    const out: ConfigIssue[] = [];
    const seen = new Set<string>();
    g.handoff.forEach((name, i) => {
        if (seen.has(name)) out.push(issue("gitops", ["handoff", i], name, "is listed twice"));
        seen.add(name);
        if (!installed.has(name)) {
            out.push(issue("gitops", ["handoff", i], name, `is not installed by this stack (installed: ${[...installed.keys()].join(", ") || "none"})`));
        }
    });
    return out;
}

/**
 * The chart's bitwarden-sdk-server serves HTTPS only and mounts the Secret `bitwarden-tls-certs`;
 * without it the pod never starts (FACTS §8; https://external-secrets.io/latest/provider/bitwarden-secrets-manager/).
 */
export function gitopsBitwardenTls(cfg: ParsedConfig): ConfigIssue[] {
    const es = cfg.gitops?.secrets.externalSecrets;
    if (!es || es.provider !== "bitwarden" || es.controller !== "helm" || es.bitwardenTls) return [];
    return [
        issue(
            "gitops",
            ["secrets", "externalSecrets", "bitwardenTls"],
            undefined,
            "is required with provider bitwarden and controller helm: the bitwarden-sdk-server needs the Secret bitwarden-tls-certs (set pulumi to generate it, or existing if you create it)",
        ),
    ];
}

/** `rootWaitsFor` names something the stack has (a wait for nothing is a typo). */
export function gitopsRootWaits(cfg: ParsedConfig): ConfigIssue[] {
    const g = cfg.gitops;
    if (!g) return [];
    const s = cfg.storage;
    const has = {
        storage: ["longhorn", "rookCeph", "openebs", "nfs", "localPath"].some((p) => s[p as keyof typeof s] && (s[p as keyof typeof s] as { enabled?: boolean }).enabled),
        certManager: cfg.certManager.enabled,
        loadBalancer: cfg.loadBalancer.provider !== "none",
    };
    return g.rootWaitsFor.flatMap((w, i) => (has[w] ? [] : [issue("gitops", ["rootWaitsFor", i], w, "is not part of this stack (nothing to wait for)")]));
}

/** Service types that make argocd-server reachable from outside the cluster. */
const exposedServiceTypes = new Set(["LoadBalancer", "NodePort"]);

/**
 * `insecure: true` (plain HTTP) is only safe when nothing outside the cluster talks to
 * argocd-server directly: TLS then ends at the tunnel or ingress. A LoadBalancer or NodePort
 * Service would carry the admin password and session cookies in clear over the LAN, where ARP
 * spoofing reads them (docs/security.md).
 */
export function gitopsArgocdExposure(cfg: ParsedConfig): ConfigIssue[] {
    const a = cfg.gitops?.argocd;
    if (!a?.insecure) return [];
    const type = (a.values as { server?: { service?: { type?: unknown } } }).server?.service?.type;
    if (typeof type !== "string" || !exposedServiceTypes.has(type)) return [];
    return [
        issue(
            "gitops",
            ["argocd", "insecure"],
            true,
            `serves ArgoCD over plain HTTP, but gitops.argocd.values.server.service.type is ${type}: every LAN device could read the admin password and sessions. Set gitops.argocd.insecure: false (argocd-server serves TLS), or keep the Service ClusterIP behind the tunnel/ingress`,
        ),
    ];
}
