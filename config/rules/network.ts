/**
 * Cross-field rules of the network layer: CNI options, load-balancer provider, Cloudflare zone /
 * tunnel / records, cert-manager issuers.
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
        if (c.routingMode !== "tunnel") out.push(issue("cni", ["routingMode"], c.routingMode, "needs cni.provider cilium"));
    } else {
        // https://docs.cilium.io/en/stable/network/l2-announcements/ (requires kubeProxyReplacement)
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
    if (lb.provider === "kube-vip" && lb.pools.length > 0 && !lb.pools.some((p) => p.autoAssign)) {
        // kube-vip-cloud-provider only knows global (or per-namespace) ranges: a pool that is not
        // auto-assigned cannot be asked for by name, so at least one pool must hand out addresses.
        out.push(issue("loadBalancer", ["pools"], lb.pools.map((p) => p.name), "has no pool with autoAssign true (kube-vip assigns only from auto-assigned pools)"));
    }
    return out;
}

/** `host` is the zone apex or a name below it (a leading `*.` counts as below). */
export function inZone(host: string, zone: string): boolean {
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
        if (r.type === "MX" && r.priority === undefined) out.push(issue("cloudflare", ["dnsRecords", i, "priority"], undefined, "is required for an MX record"));
        if (r.proxied && !["A", "AAAA", "CNAME"].includes(r.type)) {
            out.push(issue("cloudflare", ["dnsRecords", i, "proxied"], true, `is only possible for A, AAAA and CNAME records, not ${r.type}`));
        }
    });
    return out;
}

/**
 * A plain record may not take a name the tunnel already publishes (Cloudflare refuses a second
 * record next to a CNAME), nor may two CNAMEs share a name.
 */
export function cloudflareRecordConflicts(cfg: ParsedConfig): ConfigIssue[] {
    const cf = cfg.cloudflare;
    if (!cf) return [];
    const fqdn = (name: string) => (name === "@" ? cf.zone : inZone(name, cf.zone) ? name : `${name}.${cf.zone}`);
    const tunnelHosts = new Set(cf.tunnel.enabled ? cf.tunnel.ingress.map((r) => r.hostname) : []);
    const out: ConfigIssue[] = [];
    const cnames = new Map<string, number>();
    cf.dnsRecords.forEach((r, i) => {
        const name = fqdn(r.name);
        if (tunnelHosts.has(name)) {
            out.push(issue("cloudflare", ["dnsRecords", i, "name"], r.name, `is already published by the tunnel (cloudflare.tunnel.ingress hostname ${name})`));
        }
        if (r.type === "CNAME") {
            if (cnames.has(name)) out.push(issue("cloudflare", ["dnsRecords", i, "name"], r.name, `is a second CNAME for ${name} (see dnsRecords[${cnames.get(name)}])`));
            cnames.set(name, i);
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
    if (cm.issuerNames.production === cm.issuerNames.staging) {
        out.push(issue("certManager", ["issuerNames", "staging"], cm.issuerNames.staging, "is the same name as issuerNames.production"));
    }
    return out;
}

/** Per-pool `interfaces` become a pool's own MetalLB L2Advertisement; the other providers have no such thing. */
export function loadBalancerPoolInterfaces(cfg: ParsedConfig): ConfigIssue[] {
    const lb = cfg.loadBalancer;
    if (lb.provider === "metallb") return [];
    return lb.pools.flatMap((p, i) =>
        p.interfaces !== undefined ? [issue("loadBalancer", ["pools", i, "interfaces"], p.interfaces, `needs loadBalancer.provider metallb (not ${lb.provider}); use loadBalancer.interfaces`)] : [],
    );
}

/**
 * Warning: a MetalLB pool in a VLAN with no `interfaces` (its own or loadBalancer.interfaces) is
 * answered for on every NIC of every node, the private LAN included.
 */
export function loadBalancerVlanInterfaces(cfg: ParsedConfig): ConfigIssue[] {
    const lb = cfg.loadBalancer;
    if (lb.provider !== "metallb" || lb.interfaces.length > 0) return [];
    return lb.pools.flatMap((p, i) =>
        p.vlan !== undefined && p.interfaces === undefined
            ? [issue("loadBalancer", ["pools", i, "interfaces"], undefined, `is unset for a pool in VLAN ${p.vlan}: MetalLB answers for it on every NIC; name the VLAN interface (e.g. eth0.<id>)`)]
            : [],
    );
}
