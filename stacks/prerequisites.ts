/**
 * Collects node-side prerequisites of the layers above the nodes (storage drivers need host
 * tools, extensions and mounts) so the node layer can provision them before any chart runs.
 * Pure: the Talos and k3s node layers consume the result; nothing here touches the engine.
 */
import type { ClusterSpec } from "../config/spec";
import { localStoragePlan } from "../config/schema/storage";
import type { NodePrerequisites } from "./types";

type Mount = NodePrerequisites["talosKubeletMounts"][number];

/**
 * A host directory made visible, with mount propagation, inside Talos' kubelet container: pods
 * (and CSI drivers) can only use hostPath directories the kubelet itself sees.
 * https://www.talos.dev/v1.9/kubernetes-guides/configuration/local-storage/ (hostPath mounts)
 */
export function kubeletBindMount(path: string): Mount {
    return { destination: path, type: "bind", source: path, options: ["bind", "rshared", "rw"] };
}

/**
 * Longhorn on Talos: iscsiadm and the fstrim/nsenter tools come as system extensions, and its
 * data path needs an rshared kubelet mount.
 * https://longhorn.io/docs/latest/advanced-resources/os-distro-specific/talos-linux-support/
 */
export const longhornTalosExtensions = ["siderolabs/iscsi-tools", "siderolabs/util-linux-tools"] as const;

/**
 * Longhorn on Debian/Ubuntu hosts: the packages and modules its preflight check (longhornctl
 * check preflight) looks for, plus the iSCSI daemon it attaches volumes through.
 * https://longhorn.io/docs/latest/deploy/install/#installation-requirements
 */
export const longhornHostPackages = ["open-iscsi", "nfs-common", "cryptsetup", "dmsetup"] as const;
export const longhornHostModules = ["iscsi_tcp", "dm_crypt"] as const;
export const longhornHostServices = ["iscsid"] as const;

/**
 * Rook on k3s hosts: OSDs need lvm2 once encryption or several OSDs per device are used (and
 * fail to start after a reboot without it); the CSI driver maps images with the rbd module.
 * https://rook.io/docs/rook/v1.20/Getting-Started/Prerequisites/prerequisites/
 * On Talos nothing is needed: rbd is built into the kernel and /var/lib/rook is writable.
 */
export const rookHostPackages = ["lvm2"] as const;
export const rookHostModules = ["rbd"] as const;

/** The NFS provisioner (and Longhorn NFS backup targets) mount NFS on the host: nfs-common. Talos' kubelet image has the client. */
export const nfsHostPackages = ["nfs-common"] as const;

function add<T>(list: T[], items: readonly T[], key: (t: T) => string = String): void {
    for (const i of items) if (!list.some((x) => key(x) === key(i))) list.push(i);
}

/** Node-side needs of the enabled storage providers, for the spec's distribution. */
export function nodePrerequisites(spec: Pick<ClusterSpec, "cluster" | "storage">): NodePrerequisites {
    const s = spec.storage;
    const talos = spec.cluster.distribution === "talos";
    const extensions: string[] = [];
    const mounts: Mount[] = [];
    const packages: string[] = [];
    const services: string[] = [];
    const modules: string[] = [];
    const k3sDisable: string[] = [];
    const mountKey = (m: Mount) => m.destination;
    const local = localStoragePlan(spec.cluster.distribution, spec.cluster.k3s, s);

    if (s.longhorn?.enabled) {
        if (talos) {
            add(extensions, longhornTalosExtensions);
            add(mounts, [kubeletBindMount(s.longhorn.dataPath)], mountKey);
        } else {
            add(packages, longhornHostPackages);
            add(modules, longhornHostModules);
            add(services, longhornHostServices);
        }
    }
    if (s.rookCeph?.enabled && !talos) {
        add(packages, rookHostPackages);
        add(modules, rookHostModules);
    }
    if (s.openebs?.enabled && talos) add(mounts, [kubeletBindMount(s.openebs.basePath)], mountKey);
    if (s.nfs?.enabled && !talos) add(packages, nfsHostPackages);
    if (local.localPath === "deploy" && talos) add(mounts, [kubeletBindMount(localPathHostPath(spec))], mountKey);
    if (local.k3sBuiltin === "disable") k3sDisable.push("local-storage");

    return {
        talosExtensions: extensions,
        talosKubeletMounts: mounts,
        talosKernelModules: [],
        hostPackages: packages,
        hostServices: services,
        hostKernelModules: modules,
        k3sDisable,
    };
}

/** Host directory of the local-path provisioner the program deploys (see localPathSchema.path). */
export function localPathHostPath(spec: Pick<ClusterSpec, "cluster" | "storage">): string {
    const given = spec.storage.localPath?.path;
    if (given) return given;
    return spec.cluster.distribution === "talos" ? "/var/local-path-provisioner" : "/var/lib/rancher/k3s/storage";
}
