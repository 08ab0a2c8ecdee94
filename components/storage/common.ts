/**
 * Helpers every storage component uses: the provider's own Namespace (retained, with its Pod
 * Security level) and a pinned Helm release. Plain functions, not components: each call
 * registers one resource under the calling component.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ChartPin } from "../../config/versions";
import { pinnedRelease } from "../helm";
import { platformNamespace, podSecurityLabels, type PodSecurityLevel } from "../namespace";

/**
 * Storage daemons run privileged pods with hostPath mounts, so their namespace must admit
 * `privileged` (Talos enforces `baseline` cluster-wide).
 * https://www.talos.dev/v1.11/kubernetes-guides/configuration/pod-security/
 */
export function privilegedNamespaceLabels(): Record<string, string> {
    return podSecurityLabels("privileged");
}

/** What every storage component takes besides its own settings. */
export interface StorageComponentArgs {
    /** Whether this provider's class is the cluster's one default StorageClass. */
    readonly isDefault: boolean;
    /** The cluster's one Kubernetes provider. */
    readonly provider: k8s.Provider;
    /** What must exist first: the API server and the CNI (NetworkLayer.podNetwork), nothing more. */
    readonly dependsOn: pulumi.Input<pulumi.Resource>[];
    /** The GitOps repository owns the chart(s) after the first install (gitops.handoff). */
    readonly handoff?: boolean;
}

export interface NamespaceOptions {
    readonly provider: k8s.Provider;
    readonly parent: pulumi.Resource;
    readonly dependsOn: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
    /** The level the provider's pods need (say why at the call site). */
    readonly podSecurity: PodSecurityLevel;
}

/**
 * The provider's namespace, created explicitly (never by Helm's createNamespace) so it carries its
 * labels; always retained (components/namespace.ts): it holds the volume CRs and Git's objects.
 */
export function storageNamespace(resourceName: string, namespace: string, o: NamespaceOptions): k8s.core.v1.Namespace {
    return platformNamespace(resourceName, { name: namespace, podSecurity: o.podSecurity }, { parent: o.parent, provider: o.provider, dependsOn: o.dependsOn });
}

export interface ReleaseOptions {
    readonly provider: k8s.Provider;
    readonly parent: pulumi.Resource;
    readonly dependsOn: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
    /** Leave the release (and its data) in place when the stack is destroyed. */
    readonly retainOnDelete?: boolean;
    /** Git owns the chart after the first install (gitops.handoff). */
    readonly handoff?: boolean;
    /** Seconds Helm waits for the release's pods (default 300: too short for slow charts on Raspberry Pis). */
    readonly timeout?: number;
}

/** A Helm release of a pinned chart, with its release name and namespace set explicitly. */
export function chartRelease(
    resourceName: string,
    release: { name: string; namespace: pulumi.Input<string>; pin: ChartPin; values: pulumi.Input<Record<string, unknown>> },
    o: ReleaseOptions,
): k8s.helm.v3.Release {
    return pinnedRelease(
        resourceName,
        {
            release: release.name,
            pin: release.pin,
            namespace: release.namespace,
            values: release.values,
            handoff: o.handoff,
            ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
        },
        { parent: o.parent, provider: o.provider, dependsOn: o.dependsOn, retainOnDelete: o.retainOnDelete ?? false },
    );
}
