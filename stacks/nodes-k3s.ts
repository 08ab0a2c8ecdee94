/** k3s node layer (issue: k3s nodes over SSH). */
import type { ClusterSpec } from "../config/spec";
import type { NodePrerequisites, NodesLayer } from "./types";

export function buildK3sNodes(spec: ClusterSpec, prerequisites: NodePrerequisites): NodesLayer | undefined {
    void spec;
    void prerequisites;
    return undefined;
}
