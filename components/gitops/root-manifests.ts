/**
 * The root of the app tree as ArgoCD objects, as pure functions: an app-of-apps `Application`
 * or one `ApplicationSet` per layer. Field names follow the argoproj.io/v1alpha1 CRDs of Argo CD
 * v3 (Application: https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/,
 * ApplicationSet git directory generator:
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Git/).
 */

export const ARGO_API_VERSION = "argoproj.io/v1alpha1";
/** The cluster ArgoCD runs in, as Argo CD names it. */
export const IN_CLUSTER = "https://kubernetes.default.svc";

/** Where the root reads from. */
export interface RootSource {
    readonly repoURL: string;
    readonly revision: string;
}

/** A manifest as a plain object (what `k8s.apiextensions.CustomResource` takes). */
export interface Manifest {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly namespace?: string; readonly [k: string]: unknown };
    readonly spec: Record<string, unknown>;
}

/** `./apps/` -> `apps`; Argo CD paths are relative to the repository root, without slashes around. */
export function normalizePath(p: string): string {
    const out = p.trim().replace(/^(\.\/)+/, "").replace(/^\/+|\/+$/g, "");
    return out === "" ? "." : out;
}

/**
 * Automated sync with prune and self-heal, namespaces created on demand, server-side apply (large
 * CRDs exceed the client-side last-applied annotation limit), and retries with backoff: during a
 * bootstrap many apps fail once because a CRD from another app is not there yet.
 */
export function syncPolicy(): Record<string, unknown> {
    return {
        automated: { prune: true, selfHeal: true },
        syncOptions: ["CreateNamespace=true", "ServerSideApply=true"],
        retry: { limit: 10, refresh: true, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
    };
}

/** The AppProject of the root, from `gitops.project`. */
export interface RootProjectArgs {
    /** Object name, e.g. `homelab-root`. */
    readonly name: string;
    /** ArgoCD's namespace (AppProjects live there). */
    readonly namespace: string;
    /** The GitOps repository: the only source the project allows. */
    readonly repoURL: string;
    /** GnuPG key IDs commits must be signed with (none: signatures not checked). */
    readonly signatureKeys: readonly string[];
}

/**
 * A dedicated AppProject for what the root deploys, instead of `default` (any repository, any
 * cluster): sources are limited to the GitOps repository and destinations to this cluster, so a
 * compromised or mistyped Application cannot pull from elsewhere or deploy to another cluster
 * ArgoCD knows. Cluster-scoped kinds stay allowed (the root's apps install CRDs, namespaces,
 * RBAC). `signatureKeys` (Argo CD 3.4 field; 3.5 adds `sourceIntegrity` and deprecates it)
 * makes ArgoCD refuse to sync unsigned commits.
 * https://argo-cd.readthedocs.io/en/stable/user-guide/projects/
 * https://argo-cd.readthedocs.io/en/stable/user-guide/gpg-verification/
 */
export function rootProject(a: RootProjectArgs): Manifest {
    return {
        apiVersion: ARGO_API_VERSION,
        kind: "AppProject",
        metadata: { name: a.name, namespace: a.namespace },
        spec: {
            description: "What the homelab root Application / ApplicationSets deploy (managed by Pulumi)",
            sourceRepos: [a.repoURL],
            destinations: [{ server: IN_CLUSTER, namespace: "*" }],
            clusterResourceWhitelist: [{ group: "*", kind: "*" }],
            ...(a.signatureKeys.length > 0 ? { signatureKeys: a.signatureKeys.map((keyID) => ({ keyID: keyID.toUpperCase() })) } : {}),
        },
    };
}

export interface RootApplicationArgs extends RootSource {
    /** Object name, e.g. `root`. */
    readonly name: string;
    /** ArgoCD's namespace (Applications live there). */
    readonly namespace: string;
    /** Folder holding the child Application manifests. */
    readonly path: string;
    /** Read subfolders too. */
    readonly recurse: boolean;
    /** AppProject name (see rootProject). */
    readonly project: string;
}

/**
 * The app-of-apps root. No finalizer on purpose: if Pulumi ever deletes or replaces the root,
 * the child Applications (and everything they deployed) stay; a cascade here would empty the
 * cluster.
 */
export function rootApplication(a: RootApplicationArgs): Manifest {
    return {
        apiVersion: ARGO_API_VERSION,
        kind: "Application",
        metadata: { name: a.name, namespace: a.namespace },
        spec: {
            project: a.project,
            source: {
                repoURL: a.repoURL,
                targetRevision: a.revision,
                path: normalizePath(a.path),
                ...(a.recurse ? { directory: { recurse: true } } : {}),
            },
            // Child Application manifests without a namespace land in ArgoCD's own namespace.
            destination: { server: IN_CLUSTER, namespace: a.namespace },
            syncPolicy: syncPolicy(),
        },
    };
}

export interface LayerApplicationSetArgs extends RootSource {
    /** ApplicationSet name, e.g. `cluster-init-apps`. */
    readonly name: string;
    /** ArgoCD's namespace. */
    readonly namespace: string;
    /** Folder whose direct subfolders each become one Application. */
    readonly path: string;
    /** Target namespace of every generated Application; default: the subfolder's name. */
    readonly targetNamespace?: string;
    /** Folders of other layers that `path` (a glob) also matches: left to those layers. */
    readonly exclude?: readonly string[];
    /** AppProject of the generated Applications (see rootProject). */
    readonly project: string;
}

/** Go `path.Match` semantics for `*` and `?` (they never cross a `/`), as the git generator uses. */
function globToRegExp(glob: string): RegExp {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
    return new RegExp(`^${body}$`);
}

/**
 * For each layer, the folders of the other layers its path also matches. A catch-all layer such
 * as `cluster-*-apps` next to `cluster-init-apps` would otherwise generate the same Applications
 * twice, and two ApplicationSets cannot own one Application.
 */
export function overlappingLayers(layers: ReadonlyArray<{ readonly path: string }>): string[][] {
    return layers.map((a, i) => {
        const pa = normalizePath(a.path);
        if (!/[*?]/.test(pa)) return [];
        const re = globToRegExp(pa);
        return layers.filter((b, j) => j !== i && re.test(normalizePath(b.path))).map((b) => normalizePath(b.path));
    });
}

/**
 * One layer (e.g. `cluster-critical-apps`): a git directories generator over `<path>/*`, one
 * Application per subfolder, named after it. `preserveResourcesOnDeletion`: the controller then
 * adds no cascade finalizer to the generated Applications, so neither a Pulumi replace or delete
 * of the ApplicationSet nor a folder removed from Git deletes what the apps deployed
 * (https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Application-Deletion/).
 */
export function layerApplicationSet(a: LayerApplicationSetArgs): Manifest {
    const dir = normalizePath(a.path);
    return {
        apiVersion: ARGO_API_VERSION,
        kind: "ApplicationSet",
        metadata: { name: a.name, namespace: a.namespace },
        spec: {
            goTemplate: true,
            goTemplateOptions: ["missingkey=error"],
            generators: [
                {
                    git: {
                        repoURL: a.repoURL,
                        revision: a.revision,
                        directories: [
                            { path: dir === "." ? "*" : `${dir}/*` },
                            // `exclude` entries remove matches of every other entry of the generator.
                            ...(a.exclude ?? []).map((p) => ({ path: `${normalizePath(p)}/*`, exclude: true })),
                        ],
                    },
                },
            ],
            syncPolicy: { preserveResourcesOnDeletion: true },
            template: {
                metadata: { name: "{{.path.basename}}" },
                spec: {
                    project: a.project,
                    source: { repoURL: a.repoURL, targetRevision: a.revision, path: "{{.path.path}}" },
                    destination: { server: IN_CLUSTER, namespace: a.targetNamespace ?? "{{.path.basename}}" },
                    syncPolicy: syncPolicy(),
                },
            },
        },
    };
}
