/**
 * Preflight as the first step of `pulumi up` (issue #13): the `Preflight` component
 * (components/nodes/preflight.ts) with one step per online node; the node layer's first step on
 * each node depends on it (TalosClusterArgs / K3sClusterArgs `preflight`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { Preflight } from "../components/nodes/preflight";
import type { ClusterSpec } from "../config/spec";
import { clusterTarget, nodeTargets } from "../preflight/targets";

export { PREFLIGHT_STEP, stepCommand } from "../components/nodes/preflight";

/** Per-node preflight steps by node name (registered in preview and up; they run only in up). */
export function buildPreflight(spec: ClusterSpec): Readonly<Record<string, pulumi.Resource>> | undefined {
    const key = spec.cluster.distribution === "k3s" ? spec.secrets.sshPrivateKey : undefined;
    // k3s without a key: the node layer refuses the spec (buildK3sNodes); register nothing here.
    if (spec.cluster.distribution === "k3s" && !key) return undefined;
    const preflight = new Preflight(`${spec.cluster.name}-preflight`, { nodes: nodeTargets(spec), cluster: clusterTarget(spec), ...(key ? { sshPrivateKey: key } : {}) });
    return preflight.steps;
}
