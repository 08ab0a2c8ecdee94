/** Contract between `plan` and the per-layer writers of its output files. */
import type { RecordedResource } from "../engine/recorder";
import type { ClusterSpec } from "../../config/spec";

/** One file `plan` writes, relative to `--out`. */
export interface PlanFile {
    readonly path: string;
    readonly content: string;
}

export interface ArtifactContext {
    /** Everything the engine received, in registration order (inputs already redacted). */
    readonly resources: readonly RecordedResource[];
    /** The validated spec (credentials are not available here). */
    readonly spec: ClusterSpec;
}

/** Derives files from what was registered. Must never read `plainInputs`. */
export type ArtifactWriter = (ctx: ArtifactContext) => PlanFile[];
