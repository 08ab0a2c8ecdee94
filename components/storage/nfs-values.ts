/**
 * Pure renderer for nfs-subdir-external-provisioner chart 4.0.18 values
 * (kubernetes-sigs/nfs-subdir-external-provisioner `charts/.../values.yaml`).
 */

export const nfsNamespace = "nfs-provisioner";
export const nfsReleaseName = "nfs-subdir-external-provisioner";

export interface NfsValuesInput {
    readonly server: string;
    readonly path: string;
    readonly storageClassName: string;
    readonly isDefault: boolean;
    readonly reclaimPolicy: "Retain" | "Delete";
    /** `storageClass.pathPattern` (directory name template); unset: the provisioner's default. */
    readonly pathPattern?: string;
    /** Archive deleted volumes (reclaimPolicy Delete only); default true. */
    readonly archiveOnDelete?: boolean;
}

export function nfsValues(i: NfsValuesInput): Record<string, unknown> {
    return {
        nfs: {
            server: i.server,
            path: i.path,
            // The provisioner's own mount of the export: never deleted with the release.
            reclaimPolicy: "Retain",
        },
        storageClass: {
            name: i.storageClassName,
            defaultClass: i.isDefault,
            reclaimPolicy: i.reclaimPolicy,
            // A deleted volume's directory is renamed archived-<name> on the server, not removed.
            // Only a Delete policy ever deletes a volume: with Retain the flag would do nothing.
            archiveOnDelete: i.reclaimPolicy === "Delete" ? (i.archiveOnDelete ?? true) : false,
            // The directory name on the share. A pattern without ${.PV.name} gives a PVC the same
            // directory on a rebuilt cluster, so its data is found again (FACTS §8: the default is
            // ${.PVC.namespace}-${.PVC.name}-${.PV.name}, new for every PV).
            // https://github.com/kubernetes-sigs/nfs-subdir-external-provisioner#how-to-deploy-nfs-subdir-external-provisioner-to-your-cluster
            ...(i.pathPattern ? { pathPattern: i.pathPattern } : {}),
            // The chart writes the annotation only for the default: say "false" explicitly otherwise.
            annotations: i.isDefault ? {} : { "storageclass.kubernetes.io/is-default-class": "false" },
        },
    };
}
