/**
 * Longhorn: replicated block storage. Its namespace (privileged), the backup-target credentials
 * Secret, the chart, and the recurring snapshot/backup jobs. The node-side needs (Talos
 * extensions and kubelet mount, k3s host packages) come from stacks/prerequisites.ts.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { longhornSchema } from "../../config/schema/storage";
import { charts } from "../../config/versions";
import { chartRelease, storageNamespace, type StorageComponentArgs } from "./common";
import {
    backupNeedsCredentials,
    longhornBackupSecretData,
    longhornBackupSecretName,
    longhornNamespace,
    longhornRecurringJob,
    longhornReleaseName,
    longhornTimeout,
    longhornValues,
} from "./longhorn-values";

export type LonghornSettings = z.output<typeof longhornSchema>;

/** Arguments of {@link Longhorn}. */
export interface LonghornArgs extends StorageComponentArgs {
    /** `homelab:storage.longhorn`, defaults applied. */
    readonly settings: LonghornSettings;
    /** Only nodes labelled node.longhorn.io/create-default-disk get a default disk. */
    readonly labeledDisksOnly?: boolean;
    /** Taints of the cluster's nodes: Longhorn tolerates them so volumes attach everywhere. */
    readonly nodeTaints?: readonly string[];
    /** Backup-target credentials (secret Outputs), required for s3:// and used for cifs:// targets. */
    readonly backupCredentials?: { readonly accessKeyId: pulumi.Input<string>; readonly secretAccessKey: pulumi.Input<string> };
}

/** `homelab:storage:Longhorn` */
export class Longhorn extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;
    public readonly storageClassName = "longhorn";

    constructor(name: string, args: LonghornArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:storage:Longhorn", name, {}, opts);
        const s = args.settings;
        const provider = args.provider;
        // privileged: the manager and instance managers are privileged with hostPath and host
        // PID/network access to attach iSCSI devices. Retained like every namespace: it holds the Volume objects.
        const ns = storageNamespace(`${name}-namespace`, longhornNamespace, { provider, parent: this, dependsOn: args.dependsOn, podSecurity: "privileged" });

        let secret: k8s.core.v1.Secret | undefined;
        const target = s.backup?.target;
        if (target && backupNeedsCredentials(target)) {
            const creds = args.backupCredentials;
            if (creds) {
                const data = pulumi
                    .all([creds.accessKeyId, creds.secretAccessKey])
                    .apply(([id, key]) => longhornBackupSecretData(target, id, key, s.backup?.endpoint));
                secret = new k8s.core.v1.Secret(
                    `${name}-backup-credentials`,
                    {
                        metadata: { name: longhornBackupSecretName, namespace: longhornNamespace },
                        type: "Opaque",
                        stringData: pulumi.secret(data),
                    },
                    { parent: this, provider, dependsOn: [ns], retainOnDelete: true },
                );
            } else {
                void pulumi.log.warn(`storage.longhorn.backup.target ${target} needs credentials: set backupAccessKeyId and backupSecretAccessKey`, this);
            }
        }

        this.release = chartRelease(
            `${name}-release`,
            {
                name: longhornReleaseName,
                namespace: longhornNamespace,
                pin: charts.longhorn,
                values: longhornValues({
                    replicas: s.replicas,
                    dataPath: s.dataPath,
                    isDefault: args.isDefault,
                    reclaimPolicy: s.reclaimPolicy,
                    labeledDisksOnly: args.labeledDisksOnly ?? false,
                    nodeTaints: args.nodeTaints ?? [],
                    ...(target ? { backup: { target, credentialSecret: secret ? longhornBackupSecretName : undefined, pollInterval: s.backup?.pollInterval } } : {}),
                }),
            },
            // The release holds every volume: `pulumi destroy` forgets it instead of uninstalling.
            {
                provider,
                parent: this,
                dependsOn: [ns, ...(secret ? [secret] : []), ...args.dependsOn],
                retainOnDelete: true,
                handoff: args.handoff,
                timeout: longhornTimeout,
            },
        );

        // RecurringJob's CRD ships with the chart: create the jobs only after it.
        const jobs = s.recurringJobs.map((j) => {
            const obj = longhornRecurringJob(j);
            return new k8s.apiextensions.CustomResource(`${name}-job-${j.name}`, obj, { parent: this, provider, dependsOn: [this.release] });
        });

        this.registerOutputs({ release: this.release, storageClassName: this.storageClassName, recurringJobs: jobs.map((j) => j.metadata.name) });
    }
}
