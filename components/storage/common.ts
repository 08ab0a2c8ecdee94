/**
 * Helpers every storage component uses: the provider's own Namespace (with the Pod Security
 * labels Talos needs) and a pinned Helm release. Plain functions, not components: each call
 * registers one resource under the calling component.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ChartPin } from "../../config/versions";
import { pinnedRelease } from "../helm";

/**
 * Talos enforces the `baseline` Pod Security level cluster-wide; storage daemons run privileged
 * pods with hostPath mounts, so their namespace must opt in to `privileged`.
 * https://www.talos.dev/v1.11/kubernetes-guides/configuration/pod-security/
 */
export function privilegedNamespaceLabels(): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": "privileged",
        "pod-security.kubernetes.io/audit": "privileged",
        "pod-security.kubernetes.io/warn": "privileged",
    };
}

/** What every storage component takes besides its own settings. */
export interface StorageComponentArgs {
    /** Whether this provider's class is the cluster's one default StorageClass. */
    readonly isDefault: boolean;
    /** The cluster's one Kubernetes provider. */
    readonly provider: k8s.Provider;
    /** What must exist first (the node layer and the CNI). */
    readonly dependsOn: pulumi.Input<pulumi.Resource>[];
}

export interface NamespaceOptions {
    readonly provider: k8s.Provider;
    readonly parent: pulumi.Resource;
    readonly dependsOn: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
    /** Label the namespace privileged (see privilegedNamespaceLabels). */
    readonly privileged: boolean;
    /** Keep the namespace when the stack is destroyed: deleting it deletes the volume CRs inside. */
    readonly retainOnDelete: boolean;
}

/** The provider's namespace, created explicitly (never by Helm's createNamespace) so it carries its labels. */
export function storageNamespace(resourceName: string, namespace: string, o: NamespaceOptions): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(
        resourceName,
        { metadata: { name: namespace, labels: o.privileged ? privilegedNamespaceLabels() : {} } },
        { parent: o.parent, provider: o.provider, dependsOn: o.dependsOn, retainOnDelete: o.retainOnDelete },
    );
}

export interface ReleaseOptions {
    readonly provider: k8s.Provider;
    readonly parent: pulumi.Resource;
    readonly dependsOn: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
    /** Leave the release (and its data) in place when the stack is destroyed. */
    readonly retainOnDelete?: boolean;
}

/** A Helm release of a pinned chart, with its release name and namespace set explicitly. */
export function chartRelease(
    resourceName: string,
    release: { name: string; namespace: pulumi.Input<string>; pin: ChartPin; values: pulumi.Input<Record<string, unknown>> },
    o: ReleaseOptions,
): k8s.helm.v3.Release {
    return pinnedRelease(
        resourceName,
        { release: release.name, pin: release.pin, namespace: release.namespace, values: release.values },
        { parent: o.parent, provider: o.provider, dependsOn: o.dependsOn, retainOnDelete: o.retainOnDelete ?? false },
    );
}
