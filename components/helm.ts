/**
 * Every chart the program installs goes through here: a `helm.v3.Release` (a real Helm release:
 * hooks run, and ArgoCD can later adopt the objects) of a pin from config/versions.ts, with the
 * release name set explicitly (no generated suffix) and the namespace created by the caller.
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
}

/** A pinned Helm release. Namespaces are created explicitly by callers (with their labels). */
export function pinnedRelease(resourceName: string, args: PinnedReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    const { release, pin, namespace, values, ...rest } = args;
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
        opts,
    );
}
