/**
 * `homelab:nodes:Preflight`: the read-only checks of preflight/ as the first step of `pulumi up`,
 * one `command:local:Command` per online node (`<name>-<node>`). The node layer's first step on a
 * node depends on that node's step, so a failing check stops `up` before anything touches the
 * node, and the error names the check (docs/troubleshooting.md "Preflight checks").
 *
 * - Registered in preview too, but never run there: the command provider runs `create`/`update`
 *   only during an update, so preview stays offline. (Registering the steps only outside preview
 *   made every preview of a stack that had run `up`, including the one `pulumi up` itself shows
 *   before it asks, list them as deletes that never happen. Preview must be honest.)
 * - create runs `--phase create` (fresh: a node that already runs Talos/k3s, or an endpoint that
 *   already answers, is refused unless `cluster.adopt`); update runs `--phase update`.
 * - Inputs never depend on the order of `homelab:nodes`: the request names the node by name, not
 *   by index, so reordering the stack file re-runs nothing.
 * - No `triggers`: @pulumi/command registers `replaceOnChanges: ["triggers[*]"]` on every command
 *   (local/command.js), so a trigger change would *replace* the step and run `create` (fresh mode)
 *   again on a node the stack already runs, which refuses it. The request travels on stdin, and
 *   a stdin change is an in-place update: the step re-runs with `--phase update` whenever what it
 *   checks changes, and never because of a timestamp.
 */
import { local } from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterTarget, NodeTarget } from "../../preflight/types";

/** What the step runs, from the project directory (the provider's working directory). */
export const PREFLIGHT_STEP = "preflight/step.ts";

/**
 * ts-node is what Pulumi itself loads to run this TypeScript program, so the step needs nothing
 * beyond what `pulumi up` needs (`npm ci` first, as always).
 */
export function stepCommand(phase: "create" | "update", node: string): string {
    return `node --require ts-node/register/transpile-only ${PREFLIGHT_STEP} --phase ${phase} --node ${node}`;
}

/** Arguments of {@link Preflight}. */
export interface PreflightArgs {
    /** One target per online node (preflight/targets.ts nodeTargets). */
    readonly nodes: readonly NodeTarget[];
    /** The cluster-level target (endpoint, VIP, pools, adopt). */
    readonly cluster: ClusterTarget;
    /** SSH private key for k3s hosts (secret); Talos nodes need none. */
    readonly sshPrivateKey?: pulumi.Input<string>;
}

export class Preflight extends pulumi.ComponentResource {
    /** The step of each online node, by node name. */
    public readonly steps: Readonly<Record<string, pulumi.Resource>>;

    constructor(name: string, args: PreflightArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:nodes:Preflight", name, {}, opts);
        const steps: Record<string, pulumi.Resource> = {};
        for (const node of args.nodes) {
            // Messages name the node by name: an index would change every input on a reorder.
            const target: NodeTarget = { ...node, configPath: `homelab:nodes (${node.name})` };
            const request = { target, cluster: args.cluster };
            const key = args.sshPrivateKey;
            const stdin = key ? pulumi.secret(pulumi.output(key).apply((privateKey) => JSON.stringify({ ...request, privateKey }))) : pulumi.output(JSON.stringify(request));
            steps[node.name] = new local.Command(
                `${name}-${node.name}`,
                {
                    create: stepCommand("create", node.name),
                    update: stepCommand("update", node.name),
                    stdin,
                    // The lines name the checks; they hold no secret.
                    logging: "stdoutAndStderr",
                    addPreviousOutputInEnv: false,
                },
                {
                    parent: this,
                    // Every check has its own short bound (SSH 10 s, TCP 2 s, talosctl 10 s); this
                    // is the engine's backstop so a stuck step never holds `pulumi up`.
                    customTimeouts: { create: "5m", update: "5m" },
                },
            );
        }
        this.steps = steps;
        this.registerOutputs({});
    }
}
