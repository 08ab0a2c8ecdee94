/**
 * What the per-node step of `pulumi up` (stacks/preflight.ts -> preflight/step.ts) receives on
 * stdin: the node's target, the cluster target and, for k3s, the SSH private key. The whole text
 * is a Pulumi secret (it carries the key); nothing of it goes into argv.
 */
import type { ClusterTarget, NodeTarget, PreflightMode } from "./types";

export interface StepRequest {
    readonly target: NodeTarget;
    readonly cluster: ClusterTarget;
    readonly privateKey?: string;
}

/** Mode of the step: on create the node is new to the stack, on update the stack manages it. */
export function stepMode(adopt: boolean, phase: "create" | "update"): PreflightMode {
    if (adopt) return "adopt";
    return phase === "create" ? "fresh" : "converge";
}

/** Cluster-level checks run with the bootstrap node's step, and only while nothing is managed yet (or adopted). */
export function stepRunsClusterChecks(target: NodeTarget, mode: PreflightMode): boolean {
    return target.bootstrap && mode !== "converge";
}

export function parseStepRequest(text: string): StepRequest {
    const r = JSON.parse(text) as StepRequest;
    if (!r || typeof r !== "object" || !r.target?.name || !r.cluster?.name) throw new Error("preflight step: stdin must be a JSON request with target and cluster");
    return r;
}
