/**
 * The one Kubernetes provider every layer above the nodes uses, built from the node layer's
 * kubeconfig. Shared by the Talos and k3s node layers so both behave the same.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface KubernetesProviderArgs {
    /** Admin kubeconfig (secret). */
    readonly kubeconfig: pulumi.Input<string>;
    /** Cluster name: the provider's identity. */
    readonly clusterName: string;
}

/**
 * `clusterIdentifier` pins the provider's identity to the cluster name, so a rotated or
 * re-read kubeconfig (new client certificate, new endpoint) updates the provider in place
 * instead of replacing every Kubernetes resource that uses it.
 * https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/#clusteridentifier_nodejs
 */
export function kubernetesProvider(name: string, args: KubernetesProviderArgs, opts: pulumi.CustomResourceOptions): k8s.Provider {
    return new k8s.Provider(
        name,
        {
            kubeconfig: pulumi.secret(args.kubeconfig),
            clusterIdentifier: args.clusterName,
            // Server-side apply lets ArgoCD later take over fields without fighting Pulumi.
            enableServerSideApply: true,
        },
        opts,
    );
}
