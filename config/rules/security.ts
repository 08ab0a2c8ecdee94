/**
 * Cross-field rules about exposure (docs/security.md): what the tunnel publishes and what sits in
 * front of it. The ArgoCD plain-HTTP rule lives with the GitOps rules (gitopsArgocdExposure).
 */
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";

const isWildcard = (host: string) => host.startsWith("*.");

/**
 * A wildcard tunnel hostname only by explicit choice (`tunnel.allowWildcard`): with one, any route
 * added in Git is on the internet at once, with nothing in front of it.
 */
export function tunnelWildcard(cfg: ParsedConfig): ConfigIssue[] {
    const t = cfg.cloudflare?.tunnel;
    if (!t || t.allowWildcard) return [];
    return t.ingress.flatMap((r, i) =>
        isWildcard(r.hostname)
            ? [issue("cloudflare", ["tunnel", "ingress", i, "hostname"], r.hostname, "is a wildcard: every route added in Git would be public at once. List the hostnames one by one, or set cloudflare.tunnel.allowWildcard: true to accept that")]
            : [],
    );
}

/** Warning: the operator chose a wildcard; say what it means on every run. */
export function tunnelWildcardAllowed(cfg: ParsedConfig): ConfigIssue[] {
    const t = cfg.cloudflare?.tunnel;
    if (!t?.enabled || !t.allowWildcard) return [];
    return t.ingress.flatMap((r, i) =>
        isWildcard(r.hostname)
            ? [issue("cloudflare", ["tunnel", "ingress", i, "hostname"], r.hostname, "routes every name under the zone through the tunnel (allowWildcard): any route added in Git is public at once; put Cloudflare Access (cloudflare.tunnel.access) in front of admin hostnames")]
            : [],
    );
}

/** Access applications need the account, a tunnel hostname to protect and someone to let in. */
export function tunnelAccess(cfg: ParsedConfig): ConfigIssue[] {
    const cf = cfg.cloudflare;
    const a = cf?.tunnel.access;
    if (!cf || !a) return [];
    const out: ConfigIssue[] = [];
    if (!cf.accountId) out.push(issue("cloudflare", ["accountId"], undefined, "is required by cloudflare.tunnel.access (Access applications belong to the account)"));
    if (a.emails.length === 0 && a.emailDomains.length === 0) {
        out.push(issue("cloudflare", ["tunnel", "access"], { emails: [], emailDomains: [] }, "lets nobody in: list emails or emailDomains"));
    }
    const routed = cf.tunnel.ingress.map((r) => r.hostname);
    const covered = (h: string) => routed.some((r) => r === h || (isWildcard(r) && h.endsWith(r.slice(1)) && !h.slice(0, -(r.length - 1)).includes(".")));
    a.hostnames.forEach((h, i) => {
        if (!covered(h)) out.push(issue("cloudflare", ["tunnel", "access", "hostnames", i], h, "is not a hostname the tunnel routes (cloudflare.tunnel.ingress)"));
    });
    return out;
}
