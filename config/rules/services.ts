/**
 * Cross-field rules for the layers above the nodes: CNI and load balancer consistency,
 * Cloudflare, cert-manager and GitOps (storage rules live in ./storage.ts).
 */
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";

/** Cilium-only features need Cilium; L2 announcements and Gateway API need kube-proxy replacement. */
export function cniConsistency(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const c = cfg.cni;
    if (c.provider !== "cilium") {
        for (const f of ["wireguard", "l2Announcements", "gatewayApi"] as const) {
            if (c[f]) out.push(issue("cni", [f], true, "needs cni.provider cilium"));
        }
        if (c.kubeProxyReplacement) {
            out.push(issue("cni", ["kubeProxyReplacement"], true, "needs cni.provider cilium (the built-in CNI relies on kube-proxy)"));
        }
    } else {
        for (const f of ["l2Announcements", "gatewayApi"] as const) {
            if (c[f] && !c.kubeProxyReplacement) out.push(issue("cni", [f], true, "needs cni.kubeProxyReplacement true"));
        }
    }
    return out;
}

/** A provider needs pools (and Cilium LB-IPAM needs L2 announcements); `none` takes none. */
export function loadBalancerProvider(cfg: ParsedConfig): ConfigIssue[] {
    const lb = cfg.loadBalancer;
    if (lb.provider === "none") {
        return lb.pools.length > 0 ? [issue("loadBalancer", ["pools"], lb.pools.map((p) => p.name), "are set but loadBalancer.provider is none")] : [];
    }
    const out: ConfigIssue[] = [];
    if (lb.pools.length === 0) {
        out.push(issue("loadBalancer", ["pools"], [], `is empty but loadBalancer.provider is ${lb.provider}`));
    }
    if (lb.provider === "cilium" && (cfg.cni.provider !== "cilium" || !cfg.cni.l2Announcements)) {
        out.push(issue("loadBalancer", ["provider"], lb.provider, "needs cni.provider cilium with cni.l2Announcements true"));
    }
    return out;
}

function inZone(host: string, zone: string): boolean {
    const h = host.replace(/^\*\./, "");
    return h === zone || h.endsWith(`.${zone}`);
}

/** Tunnel hostnames belong to the zone, are unique, and a tunnel has an account and a name. */
export function cloudflareTunnel(cfg: ParsedConfig): ConfigIssue[] {
    const cf = cfg.cloudflare;
    if (!cf) return [];
    const out: ConfigIssue[] = [];
    const seen = new Set<string>();
    cf.tunnel.ingress.forEach((r, i) => {
        if (!inZone(r.hostname, cf.zone)) {
            out.push(issue("cloudflare", ["tunnel", "ingress", i, "hostname"], r.hostname, `is not inside cloudflare.zone ${cf.zone}`));
        }
        const key = `${r.hostname}${r.path ?? ""}`;
        if (seen.has(key)) out.push(issue("cloudflare", ["tunnel", "ingress", i, "hostname"], r.hostname, "is listed twice"));
        seen.add(key);
    });
    if (cf.tunnel.enabled) {
        if (!cf.accountId) out.push(issue("cloudflare", ["accountId"], undefined, "is required when cloudflare.tunnel.enabled is true"));
        if (cf.tunnel.ingress.length === 0) out.push(issue("cloudflare", ["tunnel", "ingress"], [], "is empty but the tunnel is enabled"));
    }
    cf.dnsRecords.forEach((r, i) => {
        if (r.name.includes(".") && r.name !== "@" && !inZone(r.name, cf.zone)) {
            out.push(issue("cloudflare", ["dnsRecords", i, "name"], r.name, `is not inside cloudflare.zone ${cf.zone}`));
        }
    });
    return out;
}

/** ACME needs an email, and the Cloudflare solver needs the Cloudflare block. */
export function certManagerIssuers(cfg: ParsedConfig): ConfigIssue[] {
    const cm = cfg.certManager;
    if (!cm.enabled) return [];
    const out: ConfigIssue[] = [];
    if (!cm.email) out.push(issue("certManager", ["email"], undefined, "is required when certManager.enabled is true (ACME account)"));
    if (cm.solver === "cloudflare" && !cfg.cloudflare) {
        out.push(issue("certManager", ["solver"], cm.solver, "needs a homelab:cloudflare block (zone) for DNS-01"));
    }
    if (cm.issuers.length === 0) out.push(issue("certManager", ["issuers"], [], "is empty; list production and/or staging"));
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
