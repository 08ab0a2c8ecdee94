/** Builds the node layer for the spec's distribution. */
import type { ClusterSpec } from "../config/spec";
import { buildK3sNodes } from "./nodes-k3s";
import { buildTalosNodes } from "./nodes-talos";
import { buildPreflight } from "./preflight";
import type { NodePrerequisites, NodesLayer } from "./types";

/**
 * The node layer: machines to a running API server, a kubeconfig and the one Kubernetes provider.
 * Returns undefined when the distribution has no node component yet; later layers are skipped.
 */
export function buildNodes(spec: ClusterSpec, prerequisites: NodePrerequisites): NodesLayer | undefined {
    // Read-only checks of every online node, first (registered always, run only in up); stacks/preflight.ts.
    const preflight = buildPreflight(spec);
    return spec.cluster.distribution === "talos" ? buildTalosNodes(spec, prerequisites, preflight) : buildK3sNodes(spec, prerequisites, preflight);
}
