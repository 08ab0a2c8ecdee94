/**
 * Collects node-side prerequisites of the layers above the nodes (storage drivers need host
 * tools, extensions and mounts) so the node layer can provision them before any chart runs.
 */
import type { ClusterSpec } from "../config/spec";
import { noPrerequisites, type NodePrerequisites } from "./types";

export function nodePrerequisites(spec: ClusterSpec): NodePrerequisites {
    // Storage providers contribute here once the storage layer exists.
    void spec;
    return noPrerequisites;
}
