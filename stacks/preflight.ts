/**
 * Preflight as the first step of `pulumi up` (issue #13): one `command:local:Command` per online
 * node, `<cluster>-preflight-<node>`, which the node layer's first step on that node depends on
 * (TalosClusterArgs / K3sClusterArgs `preflight`). A failing check fails this command, so the
 * engine stops before anything touches the node, and the error names the check.
 *
 * - Registered in preview too, but never run there: the command provider runs `create`/`update`
 *   only during an update, so preview stays offline. (An earlier draft registered the steps only
 *   outside preview; every preview of a stack that had run `up`, including the one `pulumi up`
 *   itself shows before asking, then listed them as deletes that never happen. Preview must be
 *   honest, so the steps are always registered: a new stack's preview shows them as creates, a
 *   re-run shows them unchanged until the node's config changes.)
 * - What runs: `node --require ts-node/register/transpile-only preflight/step.ts`, from the
 *   project directory (the provider's working directory). ts-node is what Pulumi itself loads to
 *   run this TypeScript program, so the step needs nothing beyond what `pulumi up` needs.
 * - create runs with `--phase create` (fresh: an existing install is refused, unless
 *   cluster.adopt), update with `--phase update` (the stack manages the node already).
 * - Inputs: the node's target and the cluster target on stdin, with the SSH key for k3s (secret);
 *   `triggers` = a hash of that target, so the step re-runs when the node's config changes and
 *   never because of a timestamp.
 */
import { local } from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterSpec } from "../config/spec";
import { clusterTarget, nodeTargets, targetHash } from "../preflight/targets";

export const PREFLIGHT_STEP = "preflight/step.ts";

export function stepCommand(phase: "create" | "update", node: string): string {
    return `node --require ts-node/register/transpile-only ${PREFLIGHT_STEP} --phase ${phase} --node ${node}`;
}

/** Per-node preflight steps by node name (registered in preview and up; they run only in up). */
export function buildPreflight(spec: ClusterSpec): Readonly<Record<string, pulumi.Resource>> | undefined {
    const cluster = clusterTarget(spec);
    const key = spec.cluster.distribution === "k3s" ? spec.secrets.sshPrivateKey : undefined;
    // k3s without a key: the node layer refuses the spec (buildK3sNodes); register nothing here.
    if (spec.cluster.distribution === "k3s" && !key) return undefined;
    const steps: Record<string, pulumi.Resource> = {};
    for (const target of nodeTargets(spec)) {
        const request = { target, cluster };
        const stdin = key
            ? pulumi.secret(pulumi.output(key).apply((privateKey) => JSON.stringify({ ...request, privateKey })))
            : pulumi.output(JSON.stringify(request));
        steps[target.name] = new local.Command(`${spec.cluster.name}-preflight-${target.name}`, {
            create: stepCommand("create", target.name),
            update: stepCommand("update", target.name),
            stdin,
            triggers: [targetHash(request)],
            // The lines name the checks; they hold no secret.
            logging: "stdoutAndStderr",
            // Previous output is not needed and must not grow the environment.
            addPreviousOutputInEnv: false,
        }, {
            // Every check has its own short bound (SSH 10 s, TCP 2 s, talosctl 10 s); this is the
            // engine's backstop so a stuck step can never hold `pulumi up` (DESIGN "Bounded").
            customTimeouts: { create: "5m", update: "5m" },
        });
    }
    return steps;
}
