/**
 * Every chart the program installs goes through here: a `helm.v3.Release` (a real Helm release:
 * hooks run, and ArgoCD can later adopt the objects) of a pin from config/versions.ts, with the
 * release name set explicitly (no generated suffix) and the namespace created by the caller.
 *
 * Handoff (`homelab:gitops.handoff`, docs/gitops.md "Handing charts over to Git"): Pulumi installs
 * the chart once so the cluster can boot, then the GitOps repository owns it. The release then
 * ignores chart, version and values changes (Git upgrades it; a `pulumi up` never rolls it back)
 * and is kept, not uninstalled, when it leaves the program. The Git Application must render the
 * same objects: same release name and namespace (chart object names derive from the release
 * name), so that ArgoCD adopts the running objects instead of creating a second copy.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ChartPin } from "../config/versions";

type Fixed = "name" | "chart" | "version" | "repositoryOpts" | "namespace" | "values";

export interface PinnedReleaseArgs extends Omit<k8s.helm.v3.ReleaseArgs, Fixed> {
    /** Helm release name, also the plan's `helm/<release>.yaml`. */
    readonly release: string;
    readonly pin: ChartPin;
    readonly namespace: pulumi.Input<string>;
    readonly values: pulumi.Input<Record<string, unknown>>;
    /** Git owns the chart after the first install (see the module comment). */
    readonly handoff?: boolean;
}

/** The release inputs Git owns after a handoff. */
export const handoffIgnoredInputs: readonly string[] = ["chart", "version", "values", "repositoryOpts"];

/** Resource options of a handed-over release, merged over the caller's. */
export function handoffOptions(opts: pulumi.CustomResourceOptions, handoff: boolean | undefined): pulumi.CustomResourceOptions {
    if (!handoff) return opts;
    return { ...opts, ignoreChanges: [...new Set([...(opts.ignoreChanges ?? []), ...handoffIgnoredInputs])], retainOnDelete: true };
}

/** A pinned Helm release. Namespaces are created explicitly by callers (with their labels). */
export function pinnedRelease(resourceName: string, args: PinnedReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    const { release, pin, namespace, values, handoff, ...rest } = args;
    return new k8s.helm.v3.Release(
        resourceName,
        {
            createNamespace: false,
            // A bounded history: every upgrade keeps a release Secret in the namespace.
            maxHistory: 5,
            ...rest,
            name: release,
            chart: pin.chart,
            version: pin.version,
            repositoryOpts: { repo: pin.repo },
            namespace,
            values,
        },
        handoffOptions(opts, handoff),
    );
}
