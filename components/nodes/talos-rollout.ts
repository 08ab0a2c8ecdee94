/**
 * `homelab:nodes:TalosRollout`: what happens to RUNNING Talos nodes when the stack file changes,
 * one node at a time, control planes first (config order), then workers (config order). Plus the
 * two single steps the TalosCluster itself registers: the Kubernetes upgrade (before the
 * applies) and the etcd/Node membership steps (before its health check).
 *
 * Each step is a `@pulumi/command` `local.Command` running `talosctl` on the machine that runs
 * `pulumi up` (scripts in talos-upgrade-scripts.ts). Why: the provider
 * (terraform-provider-talos v0.11.0) has no upgrade resource, its ConfigurationApply either
 * reboots every node that needs it in parallel (`auto`) or not at all (`staged`), and the install
 * image in a config is only read at install/upgrade time; talosctl is the upstream tool that
 * drains, upgrades, reboots and checks health. A local command does nothing in preview, so a
 * fresh-stack preview needs neither network nor talosctl.
 *
 * Why `create` is a no-op and the work is in `update`: on the first `pulumi up` the machines are
 * in maintenance mode and install what their configuration says, in parallel; a chain would
 * only make the first boot slower. Later, a changed input (installer image, config hash,
 * Kubernetes version) makes the engine UPDATE the step, which runs the script. A failed update
 * keeps the old inputs in the state, so the next `up` runs it again; each script skips what is
 * already done.
 *
 * Why its own component beside the TalosCluster (not inside it): later layers wait for the node
 * component; a chain over every node inside it would make every first `pulumi up` wait for one
 * no-op per worker before Cilium, and a rollout does not need to hold them.
 */
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import type { NodeSpec } from "../../config/spec";
import { durationSeconds, etcdRemoveMemberScript, kubernetesUpgradeScript, NOOP_ON_CREATE, rolloutScript, workerRemoveScript, type RolloutNodeEnv } from "./talos-upgrade-scripts";

/** Control planes first (config order), then workers (config order); online nodes only. */
export function rolloutOrder(nodes: readonly NodeSpec[]): NodeSpec[] {
    const online = nodes.filter((n) => !n.offline);
    return [...online.filter((n) => n.role === "controlplane"), ...online.filter((n) => n.role === "worker")];
}

/**
 * The plain (visible in preview) part of a step's environment. CONTROL_PLANES lists the node
 * itself last, so the health check of a rebooting control plane goes through another one.
 */
export function nodeEnv(node: Pick<NodeSpec, "name" | "ip">, order: readonly Pick<NodeSpec, "ip" | "role">[], stepTimeout: string): RolloutNodeEnv {
    const cps = order.filter((n) => n.role === "controlplane");
    return {
        NODE_NAME: node.name,
        NODE_IP: node.ip,
        CONTROL_PLANES: [...cps.filter((n) => n.ip !== node.ip), ...cps.filter((n) => n.ip === node.ip)].map((n) => n.ip).join(","),
        WORKERS: order.filter((n) => n.role === "worker").map((n) => n.ip).join(","),
        STEP_TIMEOUT: String(durationSeconds(stepTimeout)),
    };
}

/**
 * customTimeouts: the script bounds itself (step + health); the engine bound is a little wider.
 * Create too: an offline control plane's member removal runs on create.
 */
export function stepTimeouts(stepTimeout: string): pulumi.CustomTimeouts {
    const minutes = `${Math.ceil((2 * durationSeconds(stepTimeout)) / 60) + 5}m`;
    return { create: minutes, update: minutes, delete: minutes };
}

/** What every step needs. */
export interface StepContext {
    readonly parent: pulumi.Resource;
    /** talosconfig (secret): reaches the scripts as a secret environment variable only. */
    readonly talosconfig: pulumi.Input<string>;
    /** Online nodes in rollout order. */
    readonly order: readonly NodeSpec[];
    /** Upper bound of one step (`cluster.talos.rolloutTimeout`). */
    readonly stepTimeout: string;
}

/** One bash step; the talosconfig is the only secret and only in the environment. */
export function localStep(
    ctx: StepContext,
    name: string,
    scripts: { create: string; update: string; delete?: string },
    env: Record<string, pulumi.Input<string>>,
    dependsOn: pulumi.Input<pulumi.Resource>[],
): command.local.Command {
    return new command.local.Command(
        name,
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
 * `<cluster>-k8s-upgrade`: `talosctl upgrade-k8s` when `cluster.kubernetesVersion` changes, run
 * through `through` (the bootstrap node: its preflight gate is the one this step waits for). The
 * script talks to the first entry of CONTROL_PLANES, so that node leads the list here.
 */
export function kubernetesUpgrade(ctx: StepContext, name: string, version: string, through: Pick<NodeSpec, "name" | "ip">, dependsOn: pulumi.Resource[]): command.local.Command {
    const env = nodeEnv(through, ctx.order, ctx.stepTimeout);
    const others = env.CONTROL_PLANES.split(",").filter((ip) => ip !== through.ip);
    return localStep(ctx, `${name}-k8s-upgrade`, { create: NOOP_ON_CREATE, update: kubernetesUpgradeScript() }, { ...env, CONTROL_PLANES: [through.ip, ...others].join(","), KUBERNETES_VERSION: version }, dependsOn);
}

/**
 * Membership: `<cluster>-<node>-member` per control plane (online or offline) and per online
 * worker, in parallel. A control plane marked `offline` gets its etcd member removed through a
 * surviving control plane (create/update), before the health check, which then passes with the
 * real control-plane set; an online control plane's entry removed from the stack removes its
 * member on delete. A worker's delete cordons, drains and deletes its Node. The removed machine
 * itself is never contacted.
 */
export function membership(ctx: StepContext, name: string, nodes: readonly NodeSpec[], dependsOn: pulumi.Resource[]): Record<string, command.local.Command> {
    const out: Record<string, command.local.Command> = {};
    for (const node of nodes) {
        if (node.role === "worker" && node.offline) continue;
        const env = nodeEnv(node, ctx.order, ctx.stepTimeout);
        if (node.role === "worker") {
            out[node.name] = localStep(ctx, `${name}-${node.name}-member`, { create: NOOP_ON_CREATE, update: NOOP_ON_CREATE, delete: workerRemoveScript() }, env, dependsOn);
            continue;
        }
        // The scripts talk to the other control planes only.
        const others = { ...env, CONTROL_PLANES: ctx.order.filter((n) => n.role === "controlplane" && n.name !== node.name).map((n) => n.ip).join(",") };
        const scripts = node.offline ? { create: etcdRemoveMemberScript(), update: etcdRemoveMemberScript() } : { create: NOOP_ON_CREATE, update: NOOP_ON_CREATE, delete: etcdRemoveMemberScript() };
        out[node.name] = localStep(ctx, `${name}-${node.name}-member`, scripts, others, dependsOn);
    }
    return out;
}

/** What the rollout needs per node from the TalosCluster. */
export interface RolloutNode {
    readonly node: NodeSpec;
    /** The node's ConfigurationApply (its `resolvedApplyMode` and config hash). */
    readonly apply: pulumi.Resource & { machineConfigurationHash: pulumi.Output<string>; resolvedApplyMode: pulumi.Output<string> };
    /** Installer image for the node's architecture. */
    readonly image: pulumi.Input<string>;
}

/** Arguments of {@link TalosRollout}. */
export interface TalosRolloutArgs {
    /** Cluster name (step names are `<cluster>-<node>-rollout`). */
    readonly clusterName: string;
    readonly talosconfig: pulumi.Input<string>;
    /** Online nodes in rollout order (see {@link rolloutOrder}) with their applies. */
    readonly nodes: readonly RolloutNode[];
    /** `cluster.talos.version` and the schematic id: a node on both is not upgraded. */
    readonly version: string;
    readonly schematicId: pulumi.Input<string>;
    /** Upper bound of one node's step (`cluster.talos.rolloutTimeout`). */
    readonly stepTimeout: string;
    /** The first step waits for these (the bootstrap). */
    readonly after: readonly pulumi.Resource[];
}

export class TalosRollout extends pulumi.ComponentResource {
    /** One step per online node, by node name, in rollout order. */
    public readonly steps: Readonly<Record<string, command.local.Command>>;

    constructor(name: string, args: TalosRolloutArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:nodes:TalosRollout", name, {}, opts);
        const order = args.nodes.map((n) => n.node);
        const ctx: StepContext = { parent: this, talosconfig: args.talosconfig, order, stepTimeout: args.stepTimeout };
        const steps: Record<string, command.local.Command> = {};
        let previous: pulumi.Resource | undefined;
        for (const { node, apply, image } of args.nodes) {
            previous = steps[node.name] = localStep(
                ctx,
                `${args.clusterName}-${node.name}-rollout`,
                { create: NOOP_ON_CREATE, update: rolloutScript() },
                {
                    ...nodeEnv(node, order, args.stepTimeout),
                    IMAGE: image,
                    VERSION: args.version,
                    SCHEMATIC: args.schematicId,
                    CONFIG_HASH: apply.machineConfigurationHash,
                    APPLY_MODE: apply.resolvedApplyMode,
                },
                [apply, ...(previous ? [previous] : args.after)],
            );
        }
        this.steps = steps;
        this.registerOutputs({});
    }
}
