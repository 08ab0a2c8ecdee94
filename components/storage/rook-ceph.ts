/**
 * Rook-Ceph: the operator chart, then the cluster chart (CephCluster, block pool and class,
 * optionally CephFS) in the same privileged namespace. The cluster release waits for the
 * operator's, whose CRDs it needs.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { rookCephSchema } from "../../config/schema/storage";
import { charts } from "../../config/versions";
import { chartRelease, storageNamespace, type StorageComponentArgs } from "./common";
import { rookClusterReleaseName, rookClusterValues, rookNamespace, rookOperatorReleaseName, rookOperatorValues, rookTimeouts } from "./rook-ceph-values";

export type RookCephSettings = z.output<typeof rookCephSchema>;

/** Arguments of {@link RookCeph}. */
export interface RookCephArgs extends StorageComponentArgs {
    /** `homelab:storage.rookCeph`, defaults applied. */
    readonly settings: RookCephSettings;
    /** Online nodes (sizes the mon and mgr counts). */
    readonly nodeCount: number;
}

/** `homelab:storage:RookCeph` */
export class RookCeph extends pulumi.ComponentResource {
    public readonly operator: k8s.helm.v3.Release;
    public readonly cluster: k8s.helm.v3.Release;
    public readonly storageClassNames: string[];

    constructor(name: string, args: RookCephArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:storage:RookCeph", name, {}, opts);
        const s = args.settings;
        const provider = args.provider;
        // The namespace holds the CephCluster and pool objects: deleting it would tear the cluster down.
        // privileged: OSDs, mons and the CSI node plugin use hostPath, host networking and privileged containers.
        const ns = storageNamespace(`${name}-namespace`, rookNamespace, { provider, parent: this, dependsOn: args.dependsOn, podSecurity: "privileged" });

        this.operator = chartRelease(
            `${name}-operator`,
            { name: rookOperatorReleaseName, namespace: rookNamespace, pin: charts.rookCeph, values: rookOperatorValues() },
            // Kept with the cluster: a Ceph cluster without its operator is not reconciled any more.
            // Slow on small nodes (image pulls, CRDs, CSI rollout): 15 minutes, not Helm's 5.
            { provider, parent: this, dependsOn: [ns, ...args.dependsOn], retainOnDelete: true, handoff: args.handoff, timeout: rookTimeouts.operator },
        );
        this.cluster = chartRelease(
            `${name}-cluster`,
            {
                name: rookClusterReleaseName,
                namespace: rookNamespace,
                pin: charts.rookCephCluster,
                values: rookClusterValues({
                    replicas: s.replicas,
                    devices: s.devices,
                    filesystem: s.filesystem,
                    dataDirHostPath: s.dataDirHostPath,
                    blockClassName: s.blockClassName,
                    filesystemClassName: s.filesystemClassName,
                    isDefault: args.isDefault,
                    reclaimPolicy: s.reclaimPolicy,
                    nodeCount: args.nodeCount,
                }),
            },
            // The release is the Ceph cluster: `pulumi destroy` forgets it instead of uninstalling.
            { provider, parent: this, dependsOn: [this.operator], retainOnDelete: true, handoff: args.handoff, timeout: rookTimeouts.cluster },
        );
        this.storageClassNames = [s.blockClassName, ...(s.filesystem ? [s.filesystemClassName] : [])];
        this.registerOutputs({ operator: this.operator, cluster: this.cluster, storageClassNames: this.storageClassNames });
    }
}
