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
    /** argocd-cm `admin.enabled`; turn the local admin off once SSO works (docs/security.md). */
    readonly admin?: { readonly enabled: boolean };
    /**
     * ClusterIssuer for argocd-server's own certificate. With TLS served by argocd-server
     * (`insecure: false`) and a `domain`, the chart's cert-manager Certificate (secret
     * argocd-server-tls) replaces ArgoCD's self-signed one.
     */
    readonly certificateIssuer?: string;
}

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
 * The cert-manager Certificate for argocd-server (argo-helm `server.certificate`), when
 * argocd-server itself serves TLS, has a name and an issuer exists; otherwise undefined and
 * argocd-server serves its self-signed certificate (argocd-secret `tls.crt`).
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/tls/
 */
export function serverCertificate(s: Pick<ArgocdValuesSettings, "insecure" | "domain" | "certificateIssuer">): Record<string, unknown> | undefined {
    if (s.insecure || !s.domain || !s.certificateIssuer) return undefined;
    return { enabled: true, domain: s.domain, issuer: { kind: "ClusterIssuer", name: s.certificateIssuer } };
}

/**
 * The chart values. `adminPasswordHash` is the bcrypt hash (never the password itself);
 * `passwordMtime` is `admin.passwordMtime`, the instant the hash last changed: ArgoCD rejects
 * sessions issued before it, so a new password ends old sessions. (The chart's default, "now" at
 * every render, would make every render differ.) Operator `values` win, except that the admin
 * password always comes from secret config (a rule in config/rules/gitops.ts rejects
 * `configs.secret` in the stack file).
 */
export function argocdValues<H, M>(s: ArgocdValuesSettings, adminPasswordHash: H, passwordMtime: M): Record<string, unknown> {
    const certificate = serverCertificate(s);
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
                ...(s.admin?.enabled === false ? { "admin.enabled": false } : {}),
            },
            ...(s.sshKnownHosts.length > 0 ? { ssh: { extraHosts: s.sshKnownHosts.join("\n") } } : {}),
        },
        // Local admin only: SSO is configured later from Git. One Redis, no HA: a homelab.
        dex: { enabled: false },
        "redis-ha": { enabled: false },
        controller: requests("100m", "256Mi"),
        server: { ...requests("50m", "64Mi"), ...(certificate ? { certificate } : {}) },
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
                argocdServerAdminPasswordMtime: passwordMtime,
            },
        },
    };
}
