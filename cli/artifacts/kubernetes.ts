/**
 * `manifests/<kind>_<namespace>_<name>.yaml` for every Kubernetes object the program creates
 * directly (cluster-scoped objects have an empty namespace part: `Namespace__argocd.yaml`), and
 * `helm/<release>.yaml` = { chart, repo, version, namespace, values } for every Helm release.
 * Objects rendered inside charts are not listed: Helm owns those.
 */
import type { RecordedResource } from "../engine/recorder";
import type { ArtifactWriter, PlanFile } from "./types";
import { toYaml } from "./yaml";

const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

/** A registration that is itself a Kubernetes object (not a provider, chart or YAML component). */
export function isKubernetesObject(r: RecordedResource): boolean {
    return r.custom && r.type.startsWith("kubernetes:") && r.type !== HELM_RELEASE && !r.type.startsWith("kubernetes:yaml") && typeof r.inputs.kind === "string";
}

function safe(part: string): string {
    return part.replace(/[^A-Za-z0-9._-]/g, "-");
}

export const kubernetesArtifacts: ArtifactWriter = ({ resources }) => {
    const files: PlanFile[] = [];
    const seen = new Map<string, string>();
    for (const r of resources) {
        if (isKubernetesObject(r)) {
            const meta = (r.inputs.metadata ?? {}) as { name?: unknown; namespace?: unknown };
            const name = typeof meta.name === "string" ? meta.name : `(unnamed:${r.name})`;
            const ns = typeof meta.namespace === "string" ? meta.namespace : "";
            const patch = r.type.endsWith("Patch") ? "Patch" : "";
            const path = `manifests/${safe(String(r.inputs.kind))}${patch}_${safe(ns)}_${safe(name)}.yaml`;
            if (seen.has(path)) throw new Error(`two objects map to ${path}: ${seen.get(path)} and ${r.urn}`);
            seen.set(path, r.urn);
            files.push({ path, content: toYaml(r.inputs) });
        } else if (r.type === HELM_RELEASE) {
            const i = r.inputs as { name?: unknown; chart?: unknown; version?: unknown; namespace?: unknown; values?: unknown; repositoryOpts?: { repo?: unknown } };
            const release = typeof i.name === "string" ? i.name : r.name;
            files.push({
                path: `helm/${safe(release)}.yaml`,
                content: toYaml({ chart: i.chart, repo: i.repositoryOpts?.repo ?? null, version: i.version, namespace: i.namespace ?? "default", values: i.values ?? {} }),
            });
        }
    }
    return files;
};
