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
            archiveOnDelete: true,
            // The chart writes the annotation only for the default: say "false" explicitly otherwise.
            annotations: i.isDefault ? {} : { "storageclass.kubernetes.io/is-default-class": "false" },
        },
    };
}
