/**
 * NFS subdir external provisioner: one StorageClass whose volumes are directories on an
 * existing NFS export. The pod only mounts NFS (allowed under `baseline`), so its namespace
 * needs no privileged label.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { nfsSchema } from "../../config/schema/storage";
import { charts } from "../../config/versions";
import { chartRelease, storageNamespace, type StorageComponentArgs } from "./common";
import { nfsNamespace, nfsReleaseName, nfsValues } from "./nfs-values";

export type NfsSettings = z.output<typeof nfsSchema>;

/** Arguments of {@link NfsProvisioner}. */
export interface NfsProvisionerArgs extends StorageComponentArgs {
    /** `homelab:storage.nfs`, defaults applied; validation guarantees server and path. */
    readonly settings: NfsSettings;
}

/** `homelab:storage:NfsProvisioner` */
export class NfsProvisioner extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;
    public readonly storageClassName: string;

    constructor(name: string, args: NfsProvisionerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:storage:NfsProvisioner", name, {}, opts);
        const s = args.settings;
        if (!s.server || !s.path) throw new Error("storage.nfs needs server and path (validation should have caught this)");
        const provider = args.provider;
        // baseline: the provisioner mounts the export as an `nfs` volume, which baseline admits
        // (restricted does not: it allows only configMap/secret/PVC-like volume types).
        const ns = storageNamespace(`${name}-namespace`, nfsNamespace, { provider, parent: this, dependsOn: args.dependsOn, podSecurity: "baseline" });
        this.storageClassName = s.storageClassName;
        this.release = chartRelease(
            `${name}-release`,
            {
                name: nfsReleaseName,
                namespace: nfsNamespace,
                pin: charts.nfsSubdir,
                values: nfsValues({
                    server: s.server,
                    path: s.path,
                    storageClassName: s.storageClassName,
                    isDefault: args.isDefault,
                    reclaimPolicy: s.reclaimPolicy,
                    pathPattern: s.pathPattern,
                    archiveOnDelete: s.archiveOnDelete,
                }),
            },
            { provider, parent: this, dependsOn: [ns, ...args.dependsOn], handoff: args.handoff },
        );
        this.registerOutputs({ release: this.release, storageClassName: this.storageClassName });
    }
}
