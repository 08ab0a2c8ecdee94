/** Talos node layer (issue: Talos nodes). */
import type { ClusterSpec } from "../config/spec";
import type { NodePrerequisites, NodesLayer } from "./types";

export function buildTalosNodes(spec: ClusterSpec, prerequisites: NodePrerequisites): NodesLayer | undefined {
    void spec;
    void prerequisites;
    return undefined;
}
