/**
 * `homelab:nodes:TalosEtcdBackup`: scheduled etcd snapshots copied off-cluster (S3-compatible
 * bucket or NFS export). Objects are rendered in talos-etcd-backup-manifests.ts; the control
 * planes' Talos API access for the CronJob is a TalosCluster patch (`talosApiAccessPatch`).
 * Restore: docs/disaster-recovery.md ("Restore etcd from a snapshot").
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ETCD_BACKUP_NAME, ETCD_BACKUP_NAMESPACE, etcdBackupCronJob, talosServiceAccount, type EtcdBackupTarget } from "./talos-etcd-backup-manifests";

/** Arguments of {@link TalosEtcdBackup}. */
export interface TalosEtcdBackupArgs {
    readonly target: EtcdBackupTarget;
    /** Cron schedule (UTC). */
    readonly schedule: string;
    /** Snapshots kept on an NFS target. */
    readonly keep: number;
    /** Talos version of the cluster: the talosctl image tag (client and server should match). */
    readonly talosVersion: string;
    /** Online control-plane IPs (Talos API endpoints). */
    readonly controlPlanes: readonly string[];
    /** S3 credentials (secrets), required for an S3 target. */
    readonly s3Credentials?: { accessKeyId: pulumi.Input<string>; secretAccessKey: pulumi.Input<string> };
    /** The cluster's Kubernetes provider. */
    readonly provider: k8s.Provider;
}

export class TalosEtcdBackup extends pulumi.ComponentResource {
    public readonly cronJob: k8s.batch.v1.CronJob;

    constructor(name: string, args: TalosEtcdBackupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:nodes:TalosEtcdBackup", name, {}, opts);
        const child = { parent: this, provider: args.provider };

        // Talos creates the talosconfig Secret (same name) for this ServiceAccount.
        const sa = talosServiceAccount();
        const serviceAccount = new k8s.apiextensions.CustomResource(
            `${name}-service-account`,
            { apiVersion: String(sa.apiVersion), kind: String(sa.kind), metadata: sa.metadata as k8s.types.input.meta.v1.ObjectMeta, spec: sa.spec },
            child,
        );
        const deps: pulumi.Resource[] = [serviceAccount];
        if (args.target.kind === "s3") {
            if (!args.s3Credentials) throw new Error("cluster.talos.etcdBackup.s3 needs homelab:backupAccessKeyId and homelab:backupSecretAccessKey");
            deps.push(
                new k8s.core.v1.Secret(
                    `${name}-s3`,
                    {
                        metadata: { name: `${ETCD_BACKUP_NAME}-s3`, namespace: ETCD_BACKUP_NAMESPACE },
                        stringData: { accessKeyId: pulumi.secret(args.s3Credentials.accessKeyId), secretAccessKey: pulumi.secret(args.s3Credentials.secretAccessKey) },
                    },
                    child,
                ),
            );
        }
        const cron = etcdBackupCronJob({ target: args.target, schedule: args.schedule, keep: args.keep, talosVersion: args.talosVersion, controlPlanes: args.controlPlanes });
        this.cronJob = new k8s.batch.v1.CronJob(`${name}-cronjob`, cron as unknown as k8s.batch.v1.CronJobArgs, { ...child, dependsOn: deps });
        this.registerOutputs({ cronJob: this.cronJob.metadata.name });
    }
}
