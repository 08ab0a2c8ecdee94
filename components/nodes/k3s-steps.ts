/**
 * The per-node steps of K3sCluster (wiring only; every script comes from a pure renderer). Split
 * out of k3s-cluster.ts to keep each file readable; every resource is a child of the component.
 *
 * Bounds: every `command:remote:Command` gets `customTimeouts` (the engine's deadline for the
 * operation; @pulumi/command 1.2.1 has none of its own) and its script bounds each wait itself,
 * with a shorter limit, so the script's message (node + cause) is what the operator sees.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { K3sSettings, NodeSpec } from "../../config/spec";
import { remoteCommand, type RemoteCommand, type RemoteConnectionArgs } from "./k3s-remote-command";
import { renderDrainScript, renderRemoveNodeScript, renderUncordonScript, renderUninstallScript } from "./k3s-ops-scripts";
import { remoteInvocation } from "./k3s-shell";

/** What every step of one cluster shares. */
export interface StepContext {
    readonly name: string;
    readonly parent: pulumi.Resource;
    readonly k3s: K3sSettings;
    readonly connection: (node: NodeSpec) => RemoteConnectionArgs;
    /** The server the API-side steps run on. */
    readonly bootstrap: NodeSpec;
}

/** Minutes, rounded up, as a Pulumi duration string. */
export function minutes(seconds: number): string {
    return `${Math.ceil(seconds / 60)}m`;
}

/** customTimeouts for a step whose script may take up to `seconds` (plus SSH dial retries: 30 x 10 s). */
export function stepTimeouts(seconds: number): pulumi.CustomTimeouts {
    const t = minutes(seconds + 300);
    return { create: t, update: t, delete: t };
}

/** The install command's bound: apt/dnf (up to 25 min), the installer, start and readiness. */
export function installSeconds(k3s: K3sSettings): number {
    return 1500 + k3s.timeouts.installSeconds + k3s.timeouts.startSeconds + k3s.timeouts.readySeconds;
}

/** Runs `script` on `node` (as the node's SSH user, through sudo when not root). */
export function run(ctx: StepContext, node: NodeSpec, script: string): string {
    return remoteInvocation(script, node.sshUser ?? ctx.k3s.sshUser);
}

/** A remote step with the bounds every step gets. */
export function step(
    ctx: StepContext,
    suffix: string,
    node: NodeSpec,
    args: Omit<Parameters<typeof remoteCommand>[1], "connection">,
    seconds: number,
    opts: pulumi.CustomResourceOptions = {},
): RemoteCommand {
    return remoteCommand(`${ctx.name}-${suffix}`, { connection: ctx.connection(node), ...args }, { parent: ctx.parent, customTimeouts: stepTimeouts(seconds), ...opts });
}

/**
 * Optional cordon/drain around a version change (cluster.k3s.upgrade.drain), run from the
 * bootstrap server. Triggers are the node's version only: a config change restarts k3s without a
 * drain. Returns [drain, uncordon] to chain the install between them.
 */
export function drainSteps(ctx: StepContext, node: NodeSpec, version: string, after: pulumi.Resource[]): { drain: RemoteCommand; uncordon: (install: pulumi.Resource) => RemoteCommand } {
    const t = ctx.k3s.upgrade.drainTimeoutSeconds;
    const drainScript = renderDrainScript({ node: node.name, version, timeoutSeconds: t });
    const drain = step(ctx, `${node.name}-drain`, ctx.bootstrap, { create: run(ctx, ctx.bootstrap, drainScript), triggers: [version] }, t + 60, { dependsOn: after });
    return {
        drain,
        uncordon: (install) => {
            const script = renderUncordonScript({ node: node.name, timeoutSeconds: t });
            return step(ctx, `${node.name}-uncordon`, ctx.bootstrap, { create: run(ctx, ctx.bootstrap, script), triggers: [version] }, t + 60, { dependsOn: [install] });
        },
    };
}

/**
 * Node removal, as two delete-only commands (no `create`: creating them touches no host, so an
 * offline node keeps them without being contacted). When the node leaves `homelab:nodes`, Pulumi
 * deletes `-remove` first (it depends on `-uninstall`): on the bootstrap server it drains the node
 * and deletes its Node object (for a server, k3s removes its etcd member with it); then
 * `-uninstall` runs k3s' uninstall script on the node itself. `after` orders removals so that they
 * never overlap for servers (reverse join order) and agents go before servers.
 */
export function removalSteps(ctx: StepContext, node: NodeSpec, dataDir: string, after: pulumi.Resource[], install?: pulumi.Resource): RemoteCommand {
    const t = ctx.k3s.upgrade.drainTimeoutSeconds;
    const uninstall = step(
        ctx,
        `${node.name}-uninstall`,
        node,
        { delete: run(ctx, node, renderUninstallScript({ node: node.name, dataDir })) },
        900,
        { dependsOn: install ? [install] : [] },
    );
    return step(
        ctx,
        `${node.name}-remove`,
        ctx.bootstrap,
        { delete: run(ctx, ctx.bootstrap, renderRemoveNodeScript({ node: node.name, timeoutSeconds: t })) },
        2 * t + 120,
        { dependsOn: [uninstall, ...after] },
    );
}
