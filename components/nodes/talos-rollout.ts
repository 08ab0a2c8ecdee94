/**
 * The Talos rollout steps: what happens to RUNNING nodes when the stack file changes. Each step
 * is a `@pulumi/command` `local.Command` running `talosctl` on the machine that runs `pulumi up`
 * (scripts in talos-upgrade-scripts.ts). Registered as children of the TalosCluster (not their own
 * component) because they interleave with its resources: upgrades and the Kubernetes upgrade come
 * BEFORE the ConfigurationApply resources, the reboots AFTER them.
 *
 * Why local commands around talosctl: the provider (terraform-provider-talos v0.11.0) has no
 * upgrade resource, its ConfigurationApply reboots in parallel (`auto`) or not at all
 * (`staged`), and the install image in the config is only read at install/upgrade time. talosctl
 * is the upstream tool that drains, upgrades, reboots and checks health. A local command does
 * nothing in preview, so a fresh-stack preview needs neither network nor talosctl.
 *
 * Why `create` is a no-op and the work is in `update`: on the first `pulumi up` the machines are
 * in maintenance mode and install exactly what their configuration says, in parallel; a chain
 * would only make the first boot slower. Later, a changed input (image, config hash, Kubernetes
 * version) makes the engine UPDATE the step, which runs the script. A failed update keeps the old
 * inputs in the state, so the next `up` runs it again; each script skips what is already done.
 *
 * Order (each step `dependsOn` the previous): control planes in config order, then workers.
 */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { NodeSpec } from "../../config/spec";
import {
    durationSeconds,
    etcdRemoveMemberScript,
    kubernetesUpgradeScript,
    NOOP_ON_CREATE,
    rebootScript,
    upgradeScript,
    workerRemoveScript,
    type RolloutNodeEnv,
} from "./talos-upgrade-scripts";

/** What every rollout step needs to know about the cluster. */
export interface RolloutContext {
    readonly name: string;
    readonly parent: pulumi.Resource;
    /** talosconfig (secret): reaches the scripts as a secret environment variable only. */
    readonly talosconfig: pulumi.Output<string>;
    /** Online nodes, control planes first (the rollout order). */
    readonly order: readonly NodeSpec[];
    /** Upper bound of one node's step (`cluster.talos.rolloutTimeout`). */
    readonly stepTimeout: string;
    /** Per-node preflight gate (the first step that touches node N waits for it). */
    readonly preflight?: Readonly<Record<string, pulumi.Resource>>;
}

/** Control planes first (config order), then workers (config order). */
export function rolloutOrder(nodes: readonly NodeSpec[]): NodeSpec[] {
    const online = nodes.filter((n) => !n.offline);
    return [...online.filter((n) => n.role === "controlplane"), ...online.filter((n) => n.role === "worker")];
}

/**
 * The plain (visible in preview) part of a step's environment. CONTROL_PLANES lists the node
 * itself last, so the health check of a rebooting control plane goes through another one.
 */
export function nodeEnv(node: Pick<NodeSpec, "name" | "ip">, order: readonly Pick<NodeSpec, "ip" | "role">[], stepTimeout: string): RolloutNodeEnv {
    return {
        NODE_NAME: node.name,
        NODE_IP: node.ip,
        CONTROL_PLANES: order.filter((n) => n.role === "controlplane" && n.ip !== node.ip).concat(order.filter((n) => n.role === "controlplane" && n.ip === node.ip)).map((n) => n.ip).join(","),
        WORKERS: order.filter((n) => n.role === "worker").map((n) => n.ip).join(","),
        STEP_TIMEOUT: String(durationSeconds(stepTimeout)),
    };
}

/** customTimeouts: the script bounds itself (step + health); the engine bound is a little wider. */
export function stepTimeouts(stepTimeout: string): pulumi.CustomTimeouts {
    const minutes = Math.ceil((2 * durationSeconds(stepTimeout)) / 60) + 5;
    return { create: "5m", update: `${minutes}m`, delete: `${minutes}m` };
}

function step(
    ctx: RolloutContext,
    resourceName: string,
    scripts: { create: string; update: string; delete?: string },
    env: Record<string, pulumi.Input<string>>,
    dependsOn: pulumi.Input<pulumi.Resource>[],
): command.local.Command {
    return new command.local.Command(
        resourceName,
        {
            create: scripts.create,
            update: scripts.update,
            ...(scripts.delete ? { delete: scripts.delete } : {}),
            interpreter: ["/bin/bash", "-c"],
            environment: { ...env, TALOSCONFIG_DATA: pulumi.secret(ctx.talosconfig) },
        },
        { parent: ctx.parent, dependsOn, customTimeouts: stepTimeouts(ctx.stepTimeout) },
    );
}

/**
 * OS upgrade chain, before the applies: one `<cluster>-<node>-upgrade` per online node, updated
 * (so run) when the node's installer image changes, i.e. `cluster.talos.version` or the
 * schematic (extensions, kernel args). Returns the steps by node name, in order.
 */
export function upgradeChain(
    ctx: RolloutContext,
    target: (node: NodeSpec) => { image: pulumi.Input<string>; version: string; schematicId: pulumi.Input<string> },
): Record<string, command.local.Command> {
    const out: Record<string, command.local.Command> = {};
    let previous: pulumi.Resource | undefined;
    for (const node of ctx.order) {
        const t = target(node);
        const gate = ctx.preflight?.[node.name];
        previous = out[node.name] = step(
            ctx,
            `${ctx.name}-${node.name}-upgrade`,
            { create: NOOP_ON_CREATE, update: upgradeScript() },
            { ...nodeEnv(node, ctx.order, ctx.stepTimeout), IMAGE: t.image, VERSION: t.version, SCHEMATIC: t.schematicId },
            [...(previous ? [previous] : []), ...(gate ? [gate] : [])],
        );
    }
    return out;
}

/** `<cluster>-k8s-upgrade`: `talosctl upgrade-k8s` when `cluster.kubernetesVersion` changes. */
export function kubernetesUpgrade(ctx: RolloutContext, version: string, after: readonly pulumi.Resource[]): command.local.Command {
    const first = ctx.order.find((n) => n.role === "controlplane")!;
    return step(
        ctx,
        `${ctx.name}-k8s-upgrade`,
        { create: NOOP_ON_CREATE, update: kubernetesUpgradeScript() },
        { ...nodeEnv(first, ctx.order, ctx.stepTimeout), KUBERNETES_VERSION: version },
        [...after],
    );
}

/**
 * Reboot chain, after the applies: `<cluster>-<node>-reboot`, updated when the node's config
 * hash changes; reboots only a node whose apply was staged (a change Talos cannot apply without
 * a reboot) and waits for health before the next node.
 */
export function rebootChain(
    ctx: RolloutContext,
    applies: Readonly<Record<string, { machineConfigurationHash: pulumi.Output<string>; resolvedApplyMode: pulumi.Output<string> } & pulumi.Resource>>,
    after: readonly pulumi.Resource[],
): Record<string, command.local.Command> {
    const out: Record<string, command.local.Command> = {};
    let previous: pulumi.Resource | undefined;
    for (const node of ctx.order) {
        const apply = applies[node.name];
        previous = out[node.name] = step(
            ctx,
            `${ctx.name}-${node.name}-reboot`,
            { create: NOOP_ON_CREATE, update: rebootScript() },
            { ...nodeEnv(node, ctx.order, ctx.stepTimeout), CONFIG_HASH: apply.machineConfigurationHash, APPLY_MODE: apply.resolvedApplyMode },
            [apply, ...(previous ? [previous] : [...after])],
        );
    }
    return out;
}

/**
 * Membership: `<cluster>-<node>-member` per control plane (online or offline) and per online
 * worker. A control plane marked `offline` gets its etcd member removed through a surviving control
 * plane BEFORE the health check (so it passes with the real control-plane set); removing an
 * online control plane's entry removes its member on delete. A worker's delete cordons, drains
 * and deletes its Node. The removed machine itself is never contacted.
 */
export function membership(ctx: RolloutContext, nodes: readonly NodeSpec[], after: readonly pulumi.Resource[]): Record<string, command.local.Command> {
    const out: Record<string, command.local.Command> = {};
    for (const node of nodes) {
        if (node.role === "worker" && node.offline) continue;
        const env = nodeEnv(node, ctx.order, ctx.stepTimeout);
        const scripts =
            node.role === "worker"
                ? { create: NOOP_ON_CREATE, update: NOOP_ON_CREATE, delete: workerRemoveScript() }
                : node.offline
                  ? { create: etcdRemoveMemberScript(), update: etcdRemoveMemberScript() }
                  : { create: NOOP_ON_CREATE, update: NOOP_ON_CREATE, delete: etcdRemoveMemberScript() };
        // The removed node must not be the one the script talks to.
        const others = { ...env, CONTROL_PLANES: ctx.order.filter((n) => n.role === "controlplane" && n.name !== node.name).map((n) => n.ip).join(",") };
        out[node.name] = step(ctx, `${ctx.name}-${node.name}-member`, scripts, node.role === "controlplane" ? others : env, [...after]);
    }
    return out;
}
