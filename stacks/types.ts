/**
 * What each layer hands to the next. Layers are built in order (nodes -> network -> storage ->
 * gitops), but each thing depends only on what it really needs (DESIGN.md "Lifecycle",
 * docs/gitops.md "Ordering"): charts on `NetworkLayer.podNetwork` (API server + CNI), the root of
 * the GitOps tree on ArgoCD and what its first sync reads. The rest converges by itself.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Node-side changes that later layers need before their charts can work. */
export interface NodePrerequisites {
    /** Talos system extensions to add to the image-factory schematic (e.g. siderolabs/iscsi-tools). */
    readonly talosExtensions: readonly string[];
    /** Talos kubelet extra mounts ({ destination, type, source, options }). */
    readonly talosKubeletMounts: ReadonlyArray<{ destination: string; type: string; source: string; options: string[] }>;
    /** Talos machine.kernel.modules to load (e.g. nbd for Rook). */
    readonly talosKernelModules: readonly string[];
    /** Debian/Ubuntu packages every k3s host needs (e.g. open-iscsi, nfs-common). */
    readonly hostPackages: readonly string[];
    /** systemd units to enable on k3s hosts (e.g. iscsid). */
    readonly hostServices: readonly string[];
    /** Kernel modules k3s hosts must load at boot (/etc/modules-load.d), e.g. iscsi_tcp for Longhorn. */
    readonly hostKernelModules?: readonly string[];
    /**
     * k3s built-ins the layers above need disabled (merged into config.yaml `disable`), e.g.
     * `local-storage` when another provider owns the default StorageClass.
     */
    readonly k3sDisable?: readonly string[];
}

export const noPrerequisites: NodePrerequisites = {
    talosExtensions: [],
    talosKubeletMounts: [],
    talosKernelModules: [],
    hostPackages: [],
    hostServices: [],
    hostKernelModules: [],
    k3sDisable: [],
};

export interface NodesLayer {
    /** The node component (every node step is its child). */
    readonly component: pulumi.Resource;
    /**
     * What "the API server answers and the provider can talk to it" waits for. Later layers
     * depend on these, not on every node step: on k3s the agents' installs are not needed before
     * the CNI chart (it schedules onto them as they join). Today: the whole node component; the
     * node layers narrow it where that is safe.
     */
    readonly apiReady: pulumi.Resource[];
    /** Admin kubeconfig (secret). */
    readonly kubeconfig: pulumi.Output<string>;
    /** talosconfig (secret), Talos only. */
    readonly talosconfig?: pulumi.Output<string>;
    /** The one Kubernetes provider every later layer uses. */
    readonly provider: k8s.Provider;
}

export interface NetworkLayer {
    /** Every network component (CNI, load balancer, tunnel, cert-manager): the whole layer. */
    readonly ready: pulumi.Resource[];
    /**
     * What a pod needs before it can start: the API server (`NodesLayer.apiReady`) and the CNI
     * when the program installs one. Charts of later layers wait for this, nothing more.
     */
    readonly podNetwork: pulumi.Resource[];
    /** The load-balancer component, when there is one (a LoadBalancer Service waits for its address). */
    readonly loadBalancerReady?: pulumi.Resource[];
    /** The cert-manager component (chart and ClusterIssuers), when enabled. */
    readonly certManager?: pulumi.Resource;
    /** Names of the ClusterIssuers created, if any. */
    readonly clusterIssuers: string[];
    /** The ClusterIssuer to annotate Ingresses/Gateways with by default (production when created). */
    readonly defaultClusterIssuer?: string;
    /** The Cilium release, when Cilium is the CNI (CRs of cilium.io kinds depend on it). */
    readonly cni?: pulumi.Resource;
    /** How LoadBalancer Services get addresses, and from which pools. */
    readonly loadBalancer?: {
        readonly provider: "metallb" | "kube-vip" | "cilium" | "none";
        readonly pools: ReadonlyArray<{ readonly name: string; readonly addresses: readonly string[]; readonly autoAssign: boolean }>;
        /**
         * Annotations and labels a Service needs to take its address from a named pool and/or to
         * get one fixed address, for the configured provider.
         */
        readonly serviceMetadata: (request: { pool?: string; ip?: string }) => {
            annotations: Record<string, string>;
            labels: Record<string, string>;
        };
    };
    /** The Cloudflare Tunnel, when enabled: its namespace and the hostnames it routes. */
    readonly tunnel?: { readonly namespace: string; readonly hostnames: readonly string[]; readonly tunnelId: pulumi.Output<string> };
}

export interface StorageLayer {
    /** The provider components (charts installed, classes created): what later layers wait for. */
    readonly ready: pulumi.Resource[];
    /** Name of the default StorageClass, if the cluster has one. */
    readonly defaultStorageClass?: string;
    /** Every StorageClass the layer creates (or keeps, for k3s' built-in local-path). */
    readonly storageClasses?: readonly string[];
}

export interface GitopsLayer {
    /** The root Application / ApplicationSets (empty when the stack has no gitops block). */
    readonly ready: pulumi.Resource[];
    /** The ArgoCD Helm release. */
    readonly argocd?: pulumi.Resource;
    /** ArgoCD admin password (secret): generated unless homelab:argocdAdminPassword is set. */
    readonly argocdAdminPassword?: pulumi.Output<string>;
    /** Public Sealed Secrets certificate (PEM) for `kubeseal --cert`, when sealedSecrets is enabled. */
    readonly sealedSecretsCertificate?: pulumi.Output<string>;
    /** The ClusterSecretStore to commit to the GitOps repository (no credentials in it). */
    readonly externalSecretsStore?: Record<string, unknown>;
}

/** Stack outputs. Secrets stay secret. */
export interface ClusterOutputs {
    readonly clusterName: string;
    readonly distribution: string;
    readonly apiServerUrl: string;
    readonly nodes: Array<{ name: string; role: string; ip: string; offline: boolean }>;
    readonly kubeconfig?: pulumi.Output<string>;
    readonly talosconfig?: pulumi.Output<string>;
    /** ArgoCD admin password (secret): `pulumi stack output --show-secrets argocdAdminPassword`. */
    readonly argocdAdminPassword?: pulumi.Output<string>;
    /** Public Sealed Secrets certificate for `kubeseal --cert`. */
    readonly sealedSecretsCertificate?: pulumi.Output<string>;
    /** ClusterSecretStore manifest to commit to Git: `pulumi stack output externalSecretsStore`. */
    readonly externalSecretsStore?: Record<string, unknown>;
}
