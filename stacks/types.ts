/**
 * What each layer hands to the next. Layers are built in order (nodes -> network -> storage ->
 * gitops) and each later layer depends explicitly on the `ready` resources of the ones before.
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
    /** The node component: later layers depend on it. */
    readonly component: pulumi.Resource;
    /** Admin kubeconfig (secret). */
    readonly kubeconfig: pulumi.Output<string>;
    /** talosconfig (secret), Talos only. */
    readonly talosconfig?: pulumi.Output<string>;
    /** The one Kubernetes provider every later layer uses. */
    readonly provider: k8s.Provider;
}

export interface NetworkLayer {
    /** Resources later layers must wait for (CNI first of all). */
    readonly ready: pulumi.Resource[];
    /** Names of the ClusterIssuers created, if any. */
    readonly clusterIssuers: string[];
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
    readonly ready: pulumi.Resource[];
}

/** Stack outputs. Secrets stay secret. */
export interface ClusterOutputs {
    readonly clusterName: string;
    readonly distribution: string;
    readonly apiServerUrl: string;
    readonly nodes: Array<{ name: string; role: string; ip: string; offline: boolean }>;
    readonly kubeconfig?: pulumi.Output<string>;
    readonly talosconfig?: pulumi.Output<string>;
}
