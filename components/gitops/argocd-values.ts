/**
 * Helm values of the argo-cd chart (argoproj/argo-helm `charts/argo-cd/values.yaml`), as a pure
 * function of the `homelab:gitops.argocd` settings. The admin password hash is passed in (a
 * secret Output in the program, a plain string in tests) and placed as one leaf, so only that
 * leaf is secret and the rest of the values stays readable in previews and in the plan.
 */

/** The settings the values depend on (a slice of `gitops.argocd`). */
export interface ArgocdValuesSettings {
    /** Public host name; sets `global.domain` (the chart derives argocd-cm `url` from it). */
    readonly domain?: string;
    /** `server.insecure`: plain HTTP because TLS ends at the tunnel or ingress. */
    readonly insecure: boolean;
    /** argocd-cm `timeout.reconciliation`, e.g. `180s`. */
    readonly reconciliation: string;
    /** Extra known_hosts lines for a self-hosted Git server. */
    readonly sshKnownHosts: readonly string[];
    /** Operator overrides, merged over ours last. */
    readonly values: Readonly<Record<string, unknown>>;
}

/**
 * `admin.passwordMtime`. The chart defaults it to "now" on every render, which would make each
 * render differ (a perpetual diff for Pulumi and for an ArgoCD that manages itself). A fixed
 * instant keeps renders identical; sessions are still bound to the signing key, not to it.
 */
export const ADMIN_PASSWORD_MTIME = "2025-01-01T00:00:00Z";

/** Requests sized for small nodes (Raspberry Pi class); no limits, so bursts are not throttled. */
const requests = (cpu: string, memory: string) => ({ resources: { requests: { cpu, memory } } });

/** Plain objects are merged key by key; anything else (arrays included) in `over` replaces. */
export function deepMerge(base: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
        const b = out[k];
        const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
        out[k] = isObj(b) && isObj(v) ? deepMerge(b, v) : v;
    }
    return out;
}

/**
 * The chart values. `adminPasswordHash` is the bcrypt hash (never the password itself).
 * Operator `values` win, except that the admin password always comes from secret config (a rule
 * in config/rules/gitops.ts rejects `configs.secret` in the stack file).
 */
export function argocdValues<H>(s: ArgocdValuesSettings, adminPasswordHash: H): Record<string, unknown> {
    const ours: Record<string, unknown> = {
        // CRDs from the chart, kept on uninstall: deleting the Application CRD would delete
        // every Application (and, through their finalizers, what they deployed).
        crds: { install: true, keep: true },
        ...(s.domain ? { global: { domain: s.domain } } : {}),
        configs: {
            params: { "server.insecure": s.insecure },
            cm: {
                "timeout.reconciliation": s.reconciliation,
                // Track by annotation (the v3 default, pinned here): objects the Helm release
                // created carry `app.kubernetes.io/instance: argocd` and must not be taken for
                // members of an Application named argocd (and pruned) after the handoff.
                "application.resourceTrackingMethod": "annotation",
            },
            ...(s.sshKnownHosts.length > 0 ? { ssh: { extraHosts: s.sshKnownHosts.join("\n") } } : {}),
        },
        // Local admin only: SSO is configured later from Git. One Redis, no HA: a homelab.
        dex: { enabled: false },
        "redis-ha": { enabled: false },
        controller: requests("100m", "256Mi"),
        server: requests("50m", "64Mi"),
        repoServer: requests("50m", "128Mi"),
        applicationSet: requests("25m", "64Mi"),
        notifications: requests("25m", "32Mi"),
        redis: requests("25m", "32Mi"),
    };
    const merged = deepMerge(ours, s.values);
    const configs = (merged.configs ?? {}) as Record<string, unknown>;
    return {
        ...merged,
        configs: {
            ...configs,
            secret: {
                ...((configs.secret ?? {}) as Record<string, unknown>),
                argocdServerAdminPassword: adminPasswordHash,
                argocdServerAdminPasswordMtime: ADMIN_PASSWORD_MTIME,
            },
        },
    };
}
