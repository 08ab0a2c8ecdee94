/**
 * The admin kubeconfig k3s writes on a server points at https://127.0.0.1:6443 (k3s docs:
 * cluster-access). For use from anywhere, point every cluster entry at the API endpoint (the VIP
 * or the first server) and name cluster, user and context after the cluster so several clusters
 * can be merged into one kubeconfig. Pure.
 */
import { parse, stringify } from "yaml";

interface Entry {
    name?: string;
    [k: string]: unknown;
}

interface Kubeconfig {
    clusters?: Array<Entry & { cluster?: Record<string, unknown> }>;
    users?: Array<Entry>;
    contexts?: Array<Entry & { context?: Record<string, unknown> }>;
    "current-context"?: string;
    [k: string]: unknown;
}

/**
 * Rewrites the server URL of every cluster and renames k3s' `default` entries to `clusterName`.
 * Throws on text that is not a kubeconfig (so a wrong file never reaches the provider).
 */
export function rewriteKubeconfig(text: string, serverUrl: string, clusterName: string): string {
    const doc = parse(text) as Kubeconfig | null;
    if (!doc || typeof doc !== "object" || !Array.isArray(doc.clusters) || doc.clusters.length === 0) {
        throw new Error("the k3s kubeconfig has no clusters entry");
    }
    const rename = (n: string | undefined) => (n === undefined || n === "default" ? clusterName : n);
    for (const c of doc.clusters) {
        c.name = rename(c.name);
        c.cluster = { ...(c.cluster ?? {}), server: serverUrl };
    }
    for (const u of doc.users ?? []) u.name = rename(u.name);
    for (const ctx of doc.contexts ?? []) {
        ctx.name = rename(ctx.name);
        if (ctx.context) {
            ctx.context.cluster = rename(ctx.context.cluster as string | undefined);
            ctx.context.user = rename(ctx.context.user as string | undefined);
        }
    }
    if (doc["current-context"] !== undefined) doc["current-context"] = rename(doc["current-context"]);
    return stringify(doc, { lineWidth: 0 });
}
