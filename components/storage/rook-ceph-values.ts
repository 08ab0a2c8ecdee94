/**
 * Pure renderers for Rook-Ceph: Helm values of the operator chart (rook-ceph) and of the
 * cluster chart (rook-ceph-cluster), v1.20. Names follow rook/rook `deploy/charts/*\/values.yaml`
 * @ v1.20.6. Helm replaces lists wholesale, so the pool/filesystem/object-store lists are given
 * in full here (the chart's own entries, with their CSI secret parameters, would otherwise vanish).
 */

export const rookNamespace = "rook-ceph";
export const rookOperatorReleaseName = "rook-ceph";
export const rookClusterReleaseName = "rook-ceph-cluster";
export const rookBlockPoolName = "ceph-blockpool";
export const rookFilesystemName = "ceph-filesystem";

/**
 * Helm wait (seconds) of the two releases. Helm's default 5 minutes is too short for the
 * operator's first rollout (CRDs, CSI images) on small or ARM nodes; the cluster chart itself is
 * mostly custom resources, but `pulumi up` must not fail while the operator is still busy.
 */
export const rookTimeouts = { operator: 900, cluster: 900 } as const;

export interface RookDevices {
    readonly useAllDevices: boolean;
    readonly filter?: string;
    readonly nodes: ReadonlyArray<{ readonly name: string; readonly devices: readonly string[] }>;
}

export interface RookClusterValuesInput {
    readonly replicas: number;
    readonly devices: RookDevices;
    readonly filesystem: boolean;
    readonly dataDirHostPath: string;
    readonly blockClassName: string;
    readonly filesystemClassName: string;
    /** Whether the block class is the cluster's default StorageClass (the filesystem class never is). */
    readonly isDefault: boolean;
    readonly reclaimPolicy: "Retain" | "Delete";
    /** Online nodes: sizes the mon/mgr quorum on small clusters. */
    readonly nodeCount: number;
}

/** Operator chart values: CRDs from the chart (kept by Helm on uninstall), modest requests. */
export function rookOperatorValues(): Record<string, unknown> {
    return {
        crds: { enabled: true },
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
        monitoring: { enabled: false },
    };
}

/** `storage` of the CephCluster: explicit per-node devices, a name filter, or every empty disk. */
export function rookStorageSelection(d: RookDevices): Record<string, unknown> {
    return {
        useAllNodes: d.nodes.length === 0,
        useAllDevices: d.useAllDevices,
        ...(d.filter ? { deviceFilter: d.filter } : {}),
        ...(d.nodes.length > 0 ? { nodes: d.nodes.map((n) => ({ name: n.name, devices: n.devices.map((dev) => ({ name: dev })) })) } : {}),
    };
}

/** CSI secret parameters every Rook StorageClass carries (the chart resolves the templates). */
function csiSecrets(kind: "rbd" | "cephfs"): Record<string, string> {
    const ns = "{{ .Release.Namespace }}";
    return {
        "csi.storage.k8s.io/provisioner-secret-name": `rook-csi-${kind}-provisioner`,
        "csi.storage.k8s.io/provisioner-secret-namespace": ns,
        "csi.storage.k8s.io/controller-expand-secret-name": `rook-csi-${kind}-provisioner`,
        "csi.storage.k8s.io/controller-expand-secret-namespace": ns,
        "csi.storage.k8s.io/controller-publish-secret-name": `rook-csi-${kind}-provisioner`,
        "csi.storage.k8s.io/controller-publish-secret-namespace": ns,
        "csi.storage.k8s.io/node-stage-secret-name": `rook-csi-${kind}-node`,
        "csi.storage.k8s.io/node-stage-secret-namespace": ns,
        "csi.storage.k8s.io/fstype": "ext4",
    };
}

/** Cluster chart values. */
export function rookClusterValues(i: RookClusterValuesInput): Record<string, unknown> {
    const mons = i.nodeCount >= 3 ? 3 : 1;
    const mgrs = i.nodeCount >= 2 ? 2 : 1;
    const replicated = { size: i.replicas };
    return {
        operatorNamespace: rookNamespace,
        toolbox: { enabled: false },
        monitoring: { enabled: false },
        cephClusterSpec: {
            // Mon stores and keys live here on every node; on Talos /var/lib/rook is on the
            // persistent EPHEMERAL partition and writable.
            dataDirHostPath: i.dataDirHostPath,
            mon: { count: mons, allowMultiplePerNode: false },
            mgr: { count: mgrs, allowMultiplePerNode: false },
            storage: rookStorageSelection(i.devices),
            // Sized for small nodes (Intel NUCs): the chart asks 1 CPU + 4Gi per OSD and 1 CPU + 1Gi per mon.
            resources: {
                mgr: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
                mon: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "2Gi" } },
                osd: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "4Gi" } },
            },
            // Deletion guards: no disk wiping unless someone types the confirmation, and the
            // operator refuses to remove a cluster that still has volumes.
            cleanupPolicy: { confirmation: "", allowUninstallWithVolumes: false },
        },
        cephBlockPools: [
            {
                name: rookBlockPoolName,
                spec: { failureDomain: "host", replicated },
                storageClass: {
                    enabled: true,
                    name: i.blockClassName,
                    isDefault: i.isDefault,
                    reclaimPolicy: i.reclaimPolicy,
                    allowVolumeExpansion: true,
                    volumeBindingMode: "Immediate",
                    parameters: { imageFormat: "2", imageFeatures: "layering", ...csiSecrets("rbd") },
                },
            },
        ],
        cephFileSystems: i.filesystem
            ? [
                  {
                      name: rookFilesystemName,
                      spec: {
                          metadataPool: { replicated },
                          dataPools: [{ name: "data0", failureDomain: "host", replicated }],
                          // Keep the pools when the CephFilesystem object is deleted.
                          preservePoolsOnDelete: true,
                          metadataServer: {
                              activeCount: 1,
                              activeStandby: true,
                              resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "4Gi" } },
                              priorityClassName: "system-cluster-critical",
                          },
                      },
                      storageClass: {
                          enabled: true,
                          isDefault: false,
                          name: i.filesystemClassName,
                          pool: "data0",
                          reclaimPolicy: i.reclaimPolicy,
                          allowVolumeExpansion: true,
                          volumeBindingMode: "Immediate",
                          parameters: csiSecrets("cephfs"),
                      },
                  },
              ]
            : [],
        // No object store (RGW) unless asked: it costs a gateway and pools on small clusters.
        cephObjectStores: [],
    };
}
