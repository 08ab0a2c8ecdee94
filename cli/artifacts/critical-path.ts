/**
 * The bootstrap critical path: the longest chain of dependent resources from nothing to the root
 * of the GitOps tree (the ArgoCD Application/ApplicationSet), or to the last resource when there is
 * none. Only custom resources count as steps; a dependency on a component stands for all the
 * custom resources inside it, as the engine treats it. A resource also waits for its explicit
 * provider, and a provider for whatever its inputs come from (the kubeconfig): providers are
 * followed through, not counted.
 */
import type { RecordedResource } from "../engine/recorder";

export const ROOT_TYPES = ["kubernetes:argoproj.io/v1alpha1:Application", "kubernetes:argoproj.io/v1alpha1:ApplicationSet"];

export interface CriticalPath {
    /** URNs in order, from the first resource to the target. */
    readonly path: readonly string[];
    /** Number of resources on the path. */
    readonly length: number;
    /** What the path ends at. */
    readonly target: string;
}

export function criticalPath(resources: readonly RecordedResource[]): CriticalPath {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of resources) {
        if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
    }
    const isProvider = (urn: string) => byUrn.get(urn)?.type.startsWith("pulumi:providers:") === true;
    /** What waiting on `urn` means in steps: a custom resource itself; a component, everything in it; a provider, what it waits on. */
    const expand = (urn: string, seen: Set<string>): string[] => {
        if (seen.has(urn)) return [];
        seen.add(urn);
        const r = byUrn.get(urn);
        if (!r) return [];
        if (!r.custom) return (children.get(urn) ?? []).flatMap((c) => expand(c, seen));
        if (isProvider(urn)) return directDeps(r).flatMap((d) => expand(d, seen));
        return [urn];
    };
    const directDeps = (r: RecordedResource): string[] => [
        ...r.dependencies,
        ...Object.values(r.propertyDependencies).flat(),
        ...(r.provider ? [r.provider] : []),
    ];
    // Custom resources only; provider resources are configuration, not bootstrap steps.
    const steps = resources.filter((r) => r.custom && !isProvider(r.urn));
    const deps = new Map<string, string[]>();
    for (const r of steps) {
        const seen = new Set<string>([r.urn]);
        deps.set(r.urn, [...new Set(directDeps(r).flatMap((d) => expand(d, seen)))]);
    }
    const memo = new Map<string, string[]>();
    const visiting = new Set<string>();
    const longestTo = (urn: string): string[] => {
        const hit = memo.get(urn);
        if (hit) return hit;
        if (visiting.has(urn)) throw new Error(`dependency cycle through ${urn}`);
        visiting.add(urn);
        let best: string[] = [];
        for (const d of deps.get(urn) ?? []) {
            const p = longestTo(d);
            if (p.length > best.length) best = p;
        }
        visiting.delete(urn);
        const result = [...best, urn];
        memo.set(urn, result);
        return result;
    };
    const roots = steps.filter((r) => ROOT_TYPES.includes(r.type));
    const candidates = roots.length > 0 ? roots : steps;
    let path: string[] = [];
    for (const c of candidates) {
        const p = longestTo(c.urn);
        if (p.length > path.length) path = p;
    }
    const target = path.length > 0 ? path[path.length - 1] : "";
    return { path, length: path.length, target };
}

/** Does the path end at the root of the GitOps tree (an Application or ApplicationSet)? */
export function endsAtRoot(cp: CriticalPath, resources: readonly RecordedResource[]): boolean {
    const t = resources.find((r) => r.urn === cp.target);
    return t !== undefined && ROOT_TYPES.includes(t.type);
}

/**
 * The plan summary's line: `path to the root Application (8 steps): Secrets(...) -> ...` when the
 * stack has a GitOps root, else the longest chain overall.
 */
export function criticalPathLine(cp: CriticalPath, resources: readonly RecordedResource[]): string {
    const what = endsAtRoot(cp, resources) ? "path to the root Application" : "bootstrap critical path";
    return `${what} (${cp.length} steps): ${describePath(cp, resources)}`;
}

/** `Secrets -> ConfigurationApply(k8s-1) -> ...` with short names, for the plan summary. */
export function describePath(cp: CriticalPath, resources: readonly RecordedResource[]): string {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return cp.path.map((u) => {
        const r = byUrn.get(u)!;
        return `${r.type.split(":").pop()}(${r.name})`;
    }).join(" -> ");
}
