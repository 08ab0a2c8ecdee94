/**
 * `resources.json`: one entry per registered resource, as the engine received it, with every
 * lifecycle option (the plan contract in README "Offline: validate and plan" and docs/plan.md).
 */
import type { RecordedResource } from "../engine/recorder";
import type { ArtifactWriter } from "./types";

/** One entry of resources.json. Every field is always present (defaults written out). */
export function resourceEntry(r: RecordedResource): Record<string, unknown> {
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
