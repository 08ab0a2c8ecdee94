/**
 * Cross-field rules for the layers above the nodes: CNI and load balancer consistency,
 * Cloudflare, cert-manager and storage (GitOps rules live in ./gitops.ts).
 */
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";
import { storageProviders } from "../schema";

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
