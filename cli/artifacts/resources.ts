/**
 * `resources.json`: one entry per registered resource, as the engine received it, with every
 * lifecycle option (the plan contract in README "Offline: validate and plan" and docs/plan.md).
 */
import type { CustomTimeouts, RecordedResource } from "../engine/recorder";
import type { ArtifactWriter } from "./types";

/** One entry of resources.json (the plan contract). The writer fills in every field. */
export interface ResourceEntry {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly parent: string;
    readonly provider: string;
    readonly dependencies: readonly string[];
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly aliases: readonly string[];
    readonly import: string;
    readonly ignoreChanges: readonly string[];
    readonly replaceOnChanges: readonly string[];
    readonly deleteBeforeReplace: boolean;
    readonly customTimeouts: CustomTimeouts;
    readonly inputs: Record<string, unknown>;
}

/** The lifecycle options of an entry: plans written before they were recorded lack them. */
export type LifecycleOptions = "retainOnDelete" | "aliases" | "import" | "ignoreChanges" | "replaceOnChanges" | "deleteBeforeReplace" | "customTimeouts";

/** One entry of resources.json. Every field is always present (defaults written out). */
export function resourceEntry(r: RecordedResource): ResourceEntry {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: r.custom,
        parent: r.parent,
        provider: r.provider,
        dependencies: r.dependencies,
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        aliases: r.aliases,
        import: r.importId,
        ignoreChanges: r.ignoreChanges,
        replaceOnChanges: r.replaceOnChanges,
        deleteBeforeReplace: r.deleteBeforeReplace,
        customTimeouts: r.customTimeouts,
        inputs: r.inputs,
    };
}

export const resourcesArtifact: ArtifactWriter = ({ resources }) => [
    { path: "resources.json", content: JSON.stringify(resources.map(resourceEntry), null, 2) + "\n" },
];
