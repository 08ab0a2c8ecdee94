/**
 * Storage layer: one component per enabled provider and exactly one default StorageClass.
 * Every provider waits for the node layer and the network layer's `ready` resources (nothing
 * schedules before the CNI). Node-side prerequisites were handed to the node layer beforehand
 * (stacks/prerequisites.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { defaultStorageProvider, localStoragePlan, storageClassName } from "../config/schema/storage";
import { onlineNodes, type ClusterSpec } from "../config/spec";
import { LocalPath } from "../components/storage/local-path";
import { Longhorn } from "../components/storage/longhorn";
import { longhornDiskLabel } from "../components/storage/longhorn-values";
import { NfsProvisioner } from "../components/storage/nfs-provisioner";
import { OpenEbs } from "../components/storage/openebs";
import { RookCeph } from "../components/storage/rook-ceph";
import { localPathHostPath } from "./prerequisites";
import type { NetworkLayer, NodesLayer, StorageLayer } from "./types";

/** k3s' built-in local-path class (addon "local-storage"). */
const k3sBuiltinClass = "local-path";

/** Name of the one default StorageClass for the spec, if the cluster gets one. */
export function defaultStorageClassName(spec: Pick<ClusterSpec, "cluster" | "storage">): string | undefined {
    const def = defaultStorageProvider(spec.storage);
    if (def) return storageClassName(spec.storage, def);
    const local = localStoragePlan(spec.cluster.distribution, spec.cluster.k3s, spec.storage);
    // No provider chosen: on k3s the kept addon's class stays the default, as k3s ships it.
    return local.k3sBuiltin === "keep" ? k3sBuiltinClass : undefined;
}

export function buildStorage(spec: ClusterSpec, nodes: NodesLayer, network: NetworkLayer): StorageLayer {
    const s = spec.storage;
    const def = defaultStorageProvider(s);
    const provider = nodes.provider;
    const dependsOn: pulumi.Resource[] = [...nodes.apiReady, ...network.ready];
    const ready: pulumi.Resource[] = [];
    const classes: string[] = [];

    if (s.longhorn?.enabled) {
        const { backupAccessKeyId, backupSecretAccessKey } = spec.secrets;
        const lh = new Longhorn("longhorn", {
            settings: s.longhorn,
            isDefault: def === "longhorn",
            // A stack that labels any node for Longhorn disks means "only those nodes".
            labeledDisksOnly: spec.nodes.some((n) => longhornDiskLabel in n.labels),
            ...(backupAccessKeyId && backupSecretAccessKey ? { backupCredentials: { accessKeyId: backupAccessKeyId, secretAccessKey: backupSecretAccessKey } } : {}),
            provider,
            dependsOn,
        });
        ready.push(lh);
        classes.push(lh.storageClassName);
    }
    if (s.rookCeph?.enabled) {
        const rook = new RookCeph("rook-ceph", { settings: s.rookCeph, isDefault: def === "rookCeph", nodeCount: onlineNodes(spec).length, provider, dependsOn });
        ready.push(rook);
        classes.push(...rook.storageClassNames);
    }
    if (s.openebs?.enabled) {
        const openebs = new OpenEbs("openebs", { settings: s.openebs, isDefault: def === "openebs", provider, dependsOn });
        ready.push(openebs);
        classes.push(openebs.storageClassName);
    }
    if (s.nfs?.enabled) {
        const nfs = new NfsProvisioner("nfs", { settings: s.nfs, isDefault: def === "nfs", provider, dependsOn });
        ready.push(nfs);
        classes.push(nfs.storageClassName);
    }
    const local = localStoragePlan(spec.cluster.distribution, spec.cluster.k3s, s);
    if (local.localPath === "deploy" && s.localPath) {
        const lp = new LocalPath("local-path", {
            path: localPathHostPath(spec),
            isDefault: def === "localPath",
            reclaimPolicy: s.localPath.reclaimPolicy,
            provider,
            dependsOn,
        });
        ready.push(lp);
        classes.push(lp.storageClassName);
    } else if (local.k3sBuiltin === "keep") {
        classes.push(k3sBuiltinClass);
    }

    const defaultStorageClass = defaultStorageClassName(spec);
    return { ready, storageClasses: classes, ...(defaultStorageClass ? { defaultStorageClass } : {}) };
}
