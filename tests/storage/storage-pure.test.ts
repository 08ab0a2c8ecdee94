/**
 * Pure storage logic: the default-class choice, k3s' local-storage addon, node prerequisites on
 * both distributions, the values/manifests each provider renders, and the storage rules.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Helm values are free-form trees; tests index into them directly */
import { validateConfig } from "../../config/validate";
import { defaultStorageProvider, localStoragePlan, storageClassesByProvider, type StorageSettings } from "../../config/schema/storage";
import { storageSchema } from "../../config/schema/storage";
import { longhornBackupSecretData, longhornRecurringJob, longhornValues } from "../../components/storage/longhorn-values";
import { localPathConfig, localPathObjects } from "../../components/storage/local-path-manifests";
import { nfsValues } from "../../components/storage/nfs-values";
import { openebsValues } from "../../components/storage/openebs-values";
import { rookClusterValues, rookOperatorValues, rookStorageSelection } from "../../components/storage/rook-ceph-values";
import { localPathHostPath, nodePrerequisites } from "../../stacks/prerequisites";
import { defaultStorageClassName } from "../../stacks/storage";
import { baseConfig, readFixture, specFrom, type RawConfig } from "../harness";

const storage = (raw: unknown): StorageSettings => storageSchema.parse(raw);

function cfg(distribution: "talos" | "k3s", st: unknown, k3s?: Record<string, unknown>): RawConfig {
    const c = baseConfig(distribution);
    c.nodes = [
        { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
        { name: "w1", role: "worker", ip: "10.0.0.21" },
        { name: "w2", role: "worker", ip: "10.0.0.22" },
    ];
    c.storage = st;
    if (k3s) (c.cluster as Record<string, unknown>).k3s = k3s;
    return c;
}

describe("default StorageClass choice", () => {
    it("takes defaultClass first, then the one provider flagged default, else none", () => {
        expect(defaultStorageProvider(storage({ longhorn: { enabled: true }, defaultClass: "longhorn" }))).toBe("longhorn");
        expect(defaultStorageProvider(storage({ nfs: { enabled: true, default: true } }))).toBe("nfs");
        expect(defaultStorageProvider(storage({ openebs: { enabled: true } }))).toBeUndefined();
    });

    it("names the classes each provider creates (CephFS only when asked)", () => {
        const s = storage({ rookCeph: { enabled: true, filesystem: true }, nfs: { enabled: true, storageClassName: "nas" }, localPath: { enabled: true } });
        expect(storageClassesByProvider(s)).toEqual([
            { provider: "rookCeph", name: "ceph-block" },
            { provider: "rookCeph", name: "ceph-filesystem" },
            { provider: "nfs", name: "nas" },
            { provider: "localPath", name: "local-path" },
        ]);
    });
});

describe("k3s' built-in local-storage addon", () => {
    const k3s = (disable: string[] = [], keepBuiltins: string[] = []) => ({ disable, keepBuiltins });

    it("is kept, and serves localPath, when localPath is the default or no other default is chosen", () => {
        expect(localStoragePlan("k3s", k3s(), storage({ localPath: { enabled: true }, nfs: { enabled: true }, defaultClass: "localPath" }))).toEqual({ k3sBuiltin: "keep", localPath: "k3s-builtin" });
        expect(localStoragePlan("k3s", k3s(), storage({ localPath: { enabled: true } }))).toEqual({ k3sBuiltin: "keep", localPath: "k3s-builtin" });
    });

    it("is disabled when nothing uses it or another provider is the default; localPath is then deployed by us", () => {
        expect(localStoragePlan("k3s", k3s(), storage({}))).toEqual({ k3sBuiltin: "disable", localPath: "off" });
        expect(localStoragePlan("k3s", k3s(), storage({ longhorn: { enabled: true }, defaultClass: "longhorn" }))).toEqual({ k3sBuiltin: "disable", localPath: "off" });
        expect(localStoragePlan("k3s", k3s(), storage({ longhorn: { enabled: true }, localPath: { enabled: true }, defaultClass: "longhorn" }))).toEqual({
            k3sBuiltin: "disable",
            localPath: "deploy",
        });
    });

    it("follows cluster.k3s: disable always wins, keepBuiltins keeps it", () => {
        expect(localStoragePlan("k3s", k3s(["local-storage"]), storage({ localPath: { enabled: true }, defaultClass: "localPath" }))).toEqual({ k3sBuiltin: "user-disabled", localPath: "deploy" });
        expect(localStoragePlan("k3s", k3s([], ["local-storage"]), storage({}))).toEqual({ k3sBuiltin: "keep", localPath: "off" });
        expect(localStoragePlan("k3s", k3s(["local-storage"], ["local-storage"]), storage({}))).toEqual({ k3sBuiltin: "user-disabled", localPath: "off" });
    });

    it("does not exist on Talos, where localPath is always deployed", () => {
        expect(localStoragePlan("talos", undefined, storage({ localPath: { enabled: true } }))).toEqual({ k3sBuiltin: "none", localPath: "deploy" });
    });

    it("decides the cluster's one default class name", () => {
        expect(defaultStorageClassName(specFrom(cfg("k3s", {})))).toBeUndefined();
        expect(defaultStorageClassName(specFrom(cfg("k3s", {}, { keepBuiltins: ["local-storage"] })))).toBe("local-path");
        expect(defaultStorageClassName(specFrom(cfg("k3s", { localPath: { enabled: true } })))).toBe("local-path");
        expect(defaultStorageClassName(specFrom(cfg("talos", {})))).toBeUndefined();
        expect(defaultStorageClassName(specFrom(cfg("talos", { rookCeph: { enabled: true, replicas: 3, devices: { useAllDevices: true } }, defaultClass: "rookCeph" })))).toBe("ceph-block");
    });
});

describe("node prerequisites", () => {
    it("Longhorn on Talos: iscsi-tools + util-linux-tools and an rshared kubelet mount of the data path", () => {
        const p = nodePrerequisites(specFrom(cfg("talos", { longhorn: { enabled: true, dataPath: "/var/mnt/longhorn" }, defaultClass: "longhorn" })));
        expect(p.talosExtensions).toEqual(["siderolabs/iscsi-tools", "siderolabs/util-linux-tools"]);
        expect(p.talosKubeletMounts).toEqual([{ destination: "/var/mnt/longhorn", type: "bind", source: "/var/mnt/longhorn", options: ["bind", "rshared", "rw"] }]);
        expect(p.hostPackages).toEqual([]);
        expect(p.hostServices).toEqual([]);
        expect(p.k3sDisable).toEqual([]);
    });

    it("Longhorn on k3s: host packages, iscsid, kernel modules, and local-storage disabled for the one default", () => {
        const p = nodePrerequisites(specFrom(cfg("k3s", { longhorn: { enabled: true }, defaultClass: "longhorn" })));
        expect(p.hostPackages).toEqual(["open-iscsi", "nfs-common", "cryptsetup", "dmsetup"]);
        expect(p.hostServices).toEqual(["iscsid"]);
        expect(p.hostKernelModules).toEqual(["iscsi_tcp", "dm_crypt"]);
        expect(p.k3sDisable).toEqual(["local-storage"]);
        expect(p.talosExtensions).toEqual([]);
        expect(p.talosKubeletMounts).toEqual([]);
    });

    it("Rook-Ceph + OpenEBS on Talos: only the OpenEBS base path needs a kubelet mount", () => {
        const p = nodePrerequisites(specFrom(cfg("talos", { rookCeph: { enabled: true, devices: { useAllDevices: true } }, openebs: { enabled: true }, defaultClass: "rookCeph" })));
        expect(p.talosExtensions).toEqual([]);
        expect(p.talosKernelModules).toEqual([]);
        expect(p.talosKubeletMounts.map((m) => m.destination)).toEqual(["/var/openebs/local"]);
    });

    it("NFS on k3s needs nfs-common once even next to Longhorn; Rook on k3s needs lvm2 and rbd", () => {
        const p = nodePrerequisites(
            specFrom(cfg("k3s", { longhorn: { enabled: true }, nfs: { enabled: true, server: "10.0.0.5", path: "/x" }, rookCeph: { enabled: true, devices: { useAllDevices: true } }, defaultClass: "longhorn" })),
        );
        expect(p.hostPackages.filter((x) => x === "nfs-common")).toHaveLength(1);
        expect(p.hostPackages).toEqual(expect.arrayContaining(["lvm2"]));
        expect(p.hostKernelModules).toEqual(expect.arrayContaining(["rbd", "iscsi_tcp"]));
    });

    it("local-path: a Talos kubelet mount for its directory; nothing on k3s when the built-in serves it", () => {
        const talos = specFrom(cfg("talos", { localPath: { enabled: true }, defaultClass: "localPath" }));
        expect(nodePrerequisites(talos).talosKubeletMounts.map((m) => m.destination)).toEqual(["/var/local-path-provisioner"]);
        const k3s = specFrom(cfg("k3s", { localPath: { enabled: true }, nfs: { enabled: true, server: "10.0.0.5", path: "/x" }, defaultClass: "localPath" }));
        expect(nodePrerequisites(k3s)).toMatchObject({ k3sDisable: [], hostPackages: ["nfs-common"], talosKubeletMounts: [] });
        expect(localPathHostPath(k3s)).toBe("/var/lib/rancher/k3s/storage");
    });

    it("no storage, no prerequisites", () => {
        const p = nodePrerequisites(specFrom(cfg("talos", {})));
        expect(p).toEqual({ talosExtensions: [], talosKubeletMounts: [], talosKernelModules: [], hostPackages: [], hostServices: [], hostKernelModules: [], k3sDisable: [] });
    });

    it("matches each seed stack", () => {
        const seed = (file: string) => nodePrerequisites(specFrom(readFixture(file).raw));
        const nuc = seed("Pulumi.homelab.yaml");
        expect(nuc.talosExtensions).toEqual([]);
        expect(nuc.talosKubeletMounts.map((m) => m.destination)).toEqual(["/var/openebs/local"]);
        for (const f of ["Pulumi.pi-k3s.yaml", "Pulumi.ha-k3s.yaml", "Pulumi.nixos-k3s.yaml"]) {
            const p = seed(f);
            expect(p.hostPackages).toEqual(["open-iscsi", "nfs-common", "cryptsetup", "dmsetup"]);
            expect(p.hostServices).toEqual(["iscsid"]);
            // nixos-k3s lists local-storage in k3s.disable itself, so nothing is added for it.
            expect(p.k3sDisable).toEqual(f === "Pulumi.nixos-k3s.yaml" ? [] : ["local-storage"]);
        }
        expect(seed("Pulumi.proxmox-k3s.yaml")).toMatchObject({ hostPackages: ["nfs-common"], k3sDisable: [] });
    });
});

describe("Longhorn values", () => {
    it("sets replicas, data path, the default flag explicitly and keeps the deletion guard", () => {
        const v = longhornValues({ replicas: 2, dataPath: "/var/lib/longhorn", isDefault: false, reclaimPolicy: "Retain" });
        expect(v).toEqual({
            // Longhorn's API open only to Longhorn's pods (docs/security.md).
            networkPolicies: { enabled: true },
            persistence: { defaultClass: false, defaultClassReplicaCount: 2, reclaimPolicy: "Retain" },
            defaultSettings: { defaultDataPath: "/var/lib/longhorn", defaultReplicaCount: { v1: "2", v2: "2" }, deletingConfirmationFlag: false },
        });
    });

    it("points the default backup store at the target and names only the credentials Secret", () => {
        const v = longhornValues({ replicas: 3, dataPath: "/d", isDefault: true, reclaimPolicy: "Delete", backup: { target: "s3://b@us-east-1/", credentialSecret: "longhorn-backup-credentials", pollInterval: 600 } });
        expect(v.defaultBackupStore).toEqual({ backupTarget: "s3://b@us-east-1/", backupTargetCredentialSecret: "longhorn-backup-credentials", pollInterval: 600 });
        expect((v.persistence as Record<string, unknown>).defaultClass).toBe(true);
        const nfs = longhornValues({ replicas: 3, dataPath: "/d", isDefault: true, reclaimPolicy: "Delete", backup: { target: "nfs://nas:/x" } });
        expect(nfs.defaultBackupStore).toEqual({ backupTarget: "nfs://nas:/x" });
    });

    it("renders S3 and CIFS credentials under the names Longhorn reads", () => {
        expect(longhornBackupSecretData("s3://b@r/", "id", "key", "http://minio:9000")).toEqual({ AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "key", AWS_ENDPOINTS: "http://minio:9000" });
        expect(longhornBackupSecretData("s3://b@r/", "id", "key")).toEqual({ AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "key" });
        expect(longhornBackupSecretData("cifs://nas/share", "u", "p")).toEqual({ CIFS_USERNAME: "u", CIFS_PASSWORD: "p" });
    });

    it("renders a RecurringJob in longhorn-system", () => {
        expect(longhornRecurringJob({ name: "backup-daily", task: "backup", cron: "0 3 * * *", retain: 14, groups: ["default"], concurrency: 1 })).toEqual({
            apiVersion: "longhorn.io/v1beta2",
            kind: "RecurringJob",
            metadata: { name: "backup-daily", namespace: "longhorn-system" },
            spec: { name: "backup-daily", task: "backup", cron: "0 3 * * *", retain: 14, concurrency: 1, groups: ["default"], labels: {} },
        });
    });
});

describe("Rook-Ceph values", () => {
    const input = {
        replicas: 3,
        devices: { useAllDevices: false, nodes: [{ name: "k8s-1", devices: ["nvme0n1"] }, { name: "k8s-2", devices: ["nvme1n1"] }] },
        filesystem: false,
        dataDirHostPath: "/var/lib/rook",
        blockClassName: "ceph-block",
        filesystemClassName: "ceph-filesystem",
        isDefault: true,
        reclaimPolicy: "Retain" as const,
        nodeCount: 8,
    };

    it("selects per-node devices, a filter, or every empty disk", () => {
        expect(rookStorageSelection(input.devices)).toEqual({
            useAllNodes: false,
            useAllDevices: false,
            nodes: [
                { name: "k8s-1", devices: [{ name: "nvme0n1" }] },
                { name: "k8s-2", devices: [{ name: "nvme1n1" }] },
            ],
        });
        expect(rookStorageSelection({ useAllDevices: false, filter: "^sd[b-z]$", nodes: [] })).toEqual({ useAllNodes: true, useAllDevices: false, deviceFilter: "^sd[b-z]$" });
        expect(rookStorageSelection({ useAllDevices: true, nodes: [] })).toEqual({ useAllNodes: true, useAllDevices: true });
    });

    it("gives the block pool its replica count and default flag, with the CSI secrets the chart list would lose", () => {
        const v = rookClusterValues(input) as Record<string, any>;
        expect(v.operatorNamespace).toBe("rook-ceph");
        expect(v.toolbox).toEqual({ enabled: false });
        expect(v.cephClusterSpec.dataDirHostPath).toBe("/var/lib/rook");
        expect(v.cephClusterSpec.mon).toEqual({ count: 3, allowMultiplePerNode: false });
        expect(v.cephClusterSpec.cleanupPolicy).toEqual({ confirmation: "", allowUninstallWithVolumes: false });
        expect(v.cephBlockPools).toHaveLength(1);
        const pool = v.cephBlockPools[0];
        expect(pool.spec).toEqual({ failureDomain: "host", replicated: { size: 3 } });
        expect(pool.storageClass).toMatchObject({ enabled: true, name: "ceph-block", isDefault: true, reclaimPolicy: "Retain" });
        expect(pool.storageClass.parameters["csi.storage.k8s.io/node-stage-secret-name"]).toBe("rook-csi-rbd-node");
        expect(v.cephFileSystems).toEqual([]);
        expect(v.cephObjectStores).toEqual([]);
        expect(rookOperatorValues()).toMatchObject({ crds: { enabled: true } });
    });

    it("adds a never-default CephFS class when asked, and shrinks quorum on tiny clusters", () => {
        const v = rookClusterValues({ ...input, filesystem: true, nodeCount: 1, replicas: 1 }) as Record<string, any>;
        expect(v.cephFileSystems).toHaveLength(1);
        expect(v.cephFileSystems[0].storageClass).toMatchObject({ name: "ceph-filesystem", isDefault: false, pool: "data0" });
        expect(v.cephFileSystems[0].spec.dataPools[0]).toMatchObject({ name: "data0", replicated: { size: 1 } });
        expect(v.cephClusterSpec.mon.count).toBe(1);
        expect(v.cephClusterSpec.mgr.count).toBe(1);
    });
});

describe("OpenEBS, NFS and local-path renderers", () => {
    it("OpenEBS: hostpath only, base path and default flag", () => {
        const v = openebsValues({ basePath: "/var/openebs/local", isDefault: false, reclaimPolicy: "Delete" }) as Record<string, any>;
        expect(v.engines).toEqual({ local: { lvm: { enabled: false }, zfs: { enabled: false } }, replicated: { mayastor: { enabled: false } } });
        expect(v["localpv-provisioner"].hostpathClass).toEqual({ enabled: true, name: "openebs-hostpath", basePath: "/var/openebs/local", isDefaultClass: false, reclaimPolicy: "Delete" });
        // Chart 4.2.0 has no preUpgradeHook.enabled (the hook is unconditional): only its image is
        // set, never from the retired docker.io/bitnami tags.
        expect(Object.keys(v.preUpgradeHook)).toEqual(["image"]);
        expect(v.preUpgradeHook.image.repo).not.toMatch(/^bitnami\//);
        // The VolumeSnapshot CRDs belong to the snapshot controller Git runs, not to OpenEBS.
        expect(v["openebs-crds"]).toEqual({ csi: { volumeSnapshots: { enabled: false } } });
    });

    it("NFS: server, path, class name, archive on delete, explicit non-default annotation", () => {
        const off = nfsValues({ server: "10.0.0.5", path: "/k3s", storageClassName: "nfs-client", isDefault: false, reclaimPolicy: "Retain" }) as Record<string, any>;
        expect(off.nfs).toEqual({ server: "10.0.0.5", path: "/k3s", reclaimPolicy: "Retain" });
        expect(off.storageClass).toEqual({
            name: "nfs-client",
            defaultClass: false,
            reclaimPolicy: "Retain",
            // Retain never deletes a volume: nothing to archive.
            archiveOnDelete: false,
            annotations: { "storageclass.kubernetes.io/is-default-class": "false" },
        });
        const del = nfsValues({ server: "s", path: "/p", storageClassName: "nfs-client", isDefault: false, reclaimPolicy: "Delete" }) as Record<string, any>;
        expect(del.storageClass.archiveOnDelete).toBe(true);
        expect(del.storageClass.pathPattern).toBeUndefined();
        const noArchive = nfsValues({ server: "s", path: "/p", storageClassName: "n", isDefault: false, reclaimPolicy: "Delete", archiveOnDelete: false }) as Record<string, any>;
        expect(noArchive.storageClass.archiveOnDelete).toBe(false);
        const pattern = nfsValues({ server: "s", path: "/p", storageClassName: "n", isDefault: false, reclaimPolicy: "Retain", pathPattern: "${.PVC.namespace}-${.PVC.name}" }) as Record<string, any>;
        expect(pattern.storageClass.pathPattern).toBe("${.PVC.namespace}-${.PVC.name}");
        const on = nfsValues({ server: "s", path: "/p", storageClassName: "nfs-client", isDefault: true, reclaimPolicy: "Retain" }) as Record<string, any>;
        expect(on.storageClass).toMatchObject({ defaultClass: true, annotations: {} });
    });

    it("local-path: pinned images, the host path in config.json, a privileged namespace", () => {
        const o = localPathObjects({ path: "/var/local-path-provisioner", isDefault: true, reclaimPolicy: "Retain", image: "img:1", helperImage: "busybox:1" });
        expect(JSON.parse(o.configMap.data!["config.json" as never] as string)).toEqual({ nodePathMap: [{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/var/local-path-provisioner"] }] });
        expect(localPathConfig("/x")).toContain('"/x"');
        expect(String((o.configMap.data as Record<string, string>)["helperPod.yaml"])).toContain("image: busybox:1");
        expect(JSON.stringify(o.deployment)).toContain('"image":"img:1"');
        expect(o.namespace.metadata).toMatchObject({ name: "local-path-storage", labels: { "pod-security.kubernetes.io/enforce": "privileged" } });
        expect(o.storageClass).toMatchObject({ provisioner: "rancher.io/local-path", reclaimPolicy: "Retain", metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } } });
    });
});

describe("storage rules", () => {
    const errors = (raw: RawConfig) => validateConfig(raw).errors.map((e) => `${e.path}: ${e.message}`);

    it("accept one default, reject two and a disabled one", () => {
        expect(errors(cfg("talos", { longhorn: { enabled: true }, openebs: { enabled: true }, defaultClass: "longhorn" }))).toEqual([]);
        expect(errors(cfg("talos", { longhorn: { enabled: true, default: true }, openebs: { enabled: true, default: true } }))).toEqual([
            "homelab:storage.openebs.default: conflicts with storage.longhorn.default: only one default StorageClass",
        ]);
        expect(errors(cfg("talos", { openebs: { enabled: true }, defaultClass: "nfs" }))).toEqual(["homelab:storage.defaultClass: is not enabled (set storage.nfs.enabled: true)"]);
    });

    it("leave disabled providers' paths alone and accept paths under /var on Talos", () => {
        expect(errors(cfg("talos", { openebs: { enabled: false, basePath: "/mnt/x" }, longhorn: { enabled: true, dataPath: "/var/mnt/lh" } }))).toEqual([]);
        expect(errors(cfg("k3s", { openebs: { enabled: true, basePath: "/mnt/x" } }))).toEqual([]);
    });

    it("warn when a preinstalled k3s keeps its addon next to another default", () => {
        const warn = (k3s: Record<string, unknown>) =>
            validateConfig(cfg("k3s", { longhorn: { enabled: true }, defaultClass: "longhorn" }, k3s)).warnings.filter((w) => w.path === "homelab:cluster.k3s.disable");
        expect(warn({ install: "preinstalled" })).toHaveLength(1);
        expect(warn({ install: "preinstalled", disable: ["local-storage"] })).toHaveLength(0);
        expect(warn({ install: "script" })).toHaveLength(0);
        const kept = validateConfig(cfg("k3s", { longhorn: { enabled: true }, defaultClass: "longhorn" }, { keepBuiltins: ["local-storage"] })).warnings.map((w) => w.path);
        expect(kept).toContain("homelab:cluster.k3s.keepBuiltins");
    });
});
