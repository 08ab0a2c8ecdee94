/**
 * What the per-node step of `pulumi up` (components/nodes/preflight.ts -> preflight/step.ts) receives on
 * stdin: the node's target, the cluster target and, for k3s, the SSH private key. The whole text
 * is a Pulumi secret (it carries the key); nothing of it goes into argv.
 */
import type { ClusterTarget, NodeTarget, PreflightMode } from "./types";

export interface StepRequest {
    readonly target: NodeTarget;
    readonly cluster: ClusterTarget;
    readonly privateKey?: string;
}

/** Environment switch read by the step (not an input: it changes no diff). */
export const MODE_ENV = "HOMELAB_PREFLIGHT_MODE";

/**
 * Mode of the step: on create the node is new to the stack, on update the stack manages it.
 * `HOMELAB_PREFLIGHT_MODE=converge pulumi up` overrides a create for one run: for a stack whose
 * nodes it already manages but whose preflight steps are new (stacks from before preflight, or
 * state rebuilt by import), where "fresh" would refuse the running cluster.
 */
export function stepMode(adopt: boolean, phase: "create" | "update", env: NodeJS.ProcessEnv = {}): PreflightMode {
    if (adopt) return "adopt";
    if (env[MODE_ENV] === "converge") return "converge";
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
