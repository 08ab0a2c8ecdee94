/** `resources.json`: one entry per registered resource, as the engine received it. */
import type { ArtifactWriter } from "./types";

export const resourcesArtifact: ArtifactWriter = ({ resources }) => [
    {
        path: "resources.json",
        content:
            JSON.stringify(
                resources.map((r) => ({
                    urn: r.urn,
                    type: r.type,
                    name: r.name,
                    custom: r.custom,
                    parent: r.parent,
                    provider: r.provider,
                    dependencies: r.dependencies,
                    protect: r.protect,
                    inputs: r.inputs,
                })),
                null,
                2,
            ) + "\n",
    },
];
