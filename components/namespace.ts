/**
 * Every Namespace the program creates goes through here, so each one carries a Pod Security level
 * and survives `pulumi destroy` or a feature switched off.
 *
 * Pod Security: `enforce` is the level the namespace's own pods need, with the reason at the call
 * site. A `baseline` namespace audits and warns at `restricted`, so kubectl and the audit log say
 * what would still have to change to tighten it; a `privileged` one does not warn (its pods are
 * privileged on purpose, and every apply would print the same warnings).
 * https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
 * Talos enforces `baseline` cluster-wide by default, so a namespace whose pods need more must say
 * `privileged` (https://www.talos.dev/v1.11/kubernetes-guides/configuration/pod-security/).
 *
 * Retained: the GitOps repository deploys into the same namespaces (the seeds' `network`,
 * `cert-manager`, `rook-ceph`...), and deleting a namespace deletes everything in it, Git's
 * objects and volumes included. Removing one from the stack therefore only forgets it; delete it
 * with kubectl when it is really empty. ArgoCD is told the same (`Delete=false,Prune=false`) in
 * case the repository also lists the Namespace object.
 * https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#no-prune-resources
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

/** Namespaces every cluster has: never created (nor deleted) by the program. */
export const builtinNamespaces: ReadonlySet<string> = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

/** `pod-security.kubernetes.io/*` labels for a namespace whose pods need `level`. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    const stricter: PodSecurityLevel = level === "privileged" ? "privileged" : "restricted";
    return {
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/audit": stricter,
        "pod-security.kubernetes.io/warn": stricter,
    };
}

/** ArgoCD never prunes or deletes a namespace Pulumi created, even when Git lists it too. */
export const sharedNamespaceAnnotations: Readonly<Record<string, string>> = {
    "argocd.argoproj.io/sync-options": "Delete=false,Prune=false",
};

/** The Namespace object's args (pure, for tests and the plan). */
export function namespaceArgs(name: string, level: PodSecurityLevel, labels: Record<string, string> = {}): k8s.core.v1.NamespaceArgs {
    return {
        metadata: {
            name,
            labels: { ...labels, ...podSecurityLabels(level) },
            annotations: { ...sharedNamespaceAnnotations },
        },
    };
}

export interface PlatformNamespaceArgs {
    /** Object name. */
    readonly name: string;
    /** The level the namespace's pods need; say why at the call site. */
    readonly podSecurity: PodSecurityLevel;
    /** Further labels. */
    readonly labels?: Record<string, string>;
}

/** A retained, Pod-Security-labelled Namespace. Options are passed through (parent, provider, dependsOn). */
export function platformNamespace(resourceName: string, args: PlatformNamespaceArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Namespace {
    if (builtinNamespaces.has(args.name)) throw new Error(`namespace ${args.name} always exists and must not be created by the program`);
    return new k8s.core.v1.Namespace(resourceName, namespaceArgs(args.name, args.podSecurity, args.labels), { ...opts, retainOnDelete: true });
}
