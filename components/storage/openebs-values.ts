/**
 * Pure renderer for OpenEBS chart 4.2 values: local hostpath volumes only. The umbrella chart
 * enables LVM, ZFS and Mayastor by default (openebs/openebs `charts/values.yaml` @ v4.2.0);
 * a homelab that wants plain directories turns them off.
 */

export const openebsNamespace = "openebs-system";
export const openebsReleaseName = "openebs";
export const openebsClassName = "openebs-hostpath";

export interface OpenEbsValuesInput {
    readonly basePath: string;
    readonly isDefault: boolean;
    readonly reclaimPolicy: "Retain" | "Delete";
}

export function openebsValues(i: OpenEbsValuesInput): Record<string, unknown> {
    return {
        engines: {
            local: { lvm: { enabled: false }, zfs: { enabled: false } },
            replicated: { mayastor: { enabled: false } },
        },
        "localpv-provisioner": {
            localpv: { basePath: i.basePath },
            hostpathClass: {
                enabled: true,
                name: openebsClassName,
                basePath: i.basePath,
                // The chart only writes the is-default-class annotation when true; absent means not default.
                isDefaultClass: i.isDefault,
                reclaimPolicy: i.reclaimPolicy,
            },
            // No usage pings from the cluster.
            analytics: { enabled: false },
        },
        // The VolumeSnapshot CRDs are cluster-wide and belong to whoever runs the snapshot
        // controller (the homelab seed runs it from Git, in kube-system); hostpath volumes cannot
        // be snapshotted anyway. Off, so OpenEBS neither owns nor, on uninstall, deletes them
        // (an existing install keeps them: the chart marks them helm.sh/resource-policy: keep).
        // (openebs/openebs charts/values.yaml @ v4.2.0: openebs-crds.csi.volumeSnapshots)
        "openebs-crds": { csi: { volumeSnapshots: { enabled: false } } },
        // The pre-upgrade hook runs on every `helm upgrade` (chart 4.2.0 has no switch for it:
        // charts/templates/pre-upgrade-hook.yaml is unconditional), and its default image
        // docker.io/bitnami/kubectl:1.25.15 is gone since Bitnami moved versioned tags to
        // docker.io/bitnamilegacy in 2025: the same image from its new home.
        preUpgradeHook: {
            image: { registry: "docker.io", repo: "bitnamilegacy/kubectl", tag: "1.25.15" },
        },
    };
}
