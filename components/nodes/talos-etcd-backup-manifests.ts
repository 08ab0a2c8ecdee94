/**
 * Scheduled etcd snapshots on Talos, rendered as plain objects (pure; the TalosEtcdBackup
 * component registers them).
 *
 * Mechanism (Talos "Talos API access from Kubernetes",
 * https://docs.siderolabs.com/kubernetes-guides/advanced-guides/talos-api-access-from-k8s):
 * control planes get `machine.features.kubernetesTalosAPIAccess` with the role `os:etcd:backup`
 * for one namespace (talos-patches.ts `talosApiAccessPatch`); a `talos.dev/v1alpha1`
 * ServiceAccount there makes Talos issue a talosconfig Secret of the same name, mounted at
 * /var/run/secrets/talos.dev (talosctl's in-cluster default). The CronJob runs
 * `talosctl etcd snapshot` (the siderolabs/talosctl image has no shell) into an emptyDir, then a
 * shell container copies it off-cluster: `aws s3 cp` to an S3-compatible bucket, or a copy to an
 * NFS export with the oldest snapshots pruned. Restore: docs/disaster-recovery.md.
 */
import type { TalosSettings } from "../../config/spec";
import { images } from "../../config/versions";

/** kube-system: exempt from Talos' default PodSecurity admission, and no namespace to own. */
export const ETCD_BACKUP_NAMESPACE = "kube-system";
export const ETCD_BACKUP_NAME = "talos-etcd-backup";
/** Where Talos mounts the talosconfig of a Talos ServiceAccount (talosctl looks there by default). */
export const TALOS_SECRET_MOUNT = "/var/run/secrets/talos.dev";

export type EtcdBackupSettings = NonNullable<TalosSettings["etcdBackup"]>;
export type EtcdBackupTarget = { kind: "s3"; s3: NonNullable<EtcdBackupSettings["s3"]> } | { kind: "nfs"; nfs: NonNullable<EtcdBackupSettings["nfs"]> };

/** The configured target, or undefined when backups are off or have no target. */
export function etcdBackupTarget(b: TalosSettings["etcdBackup"]): EtcdBackupTarget | undefined {
    if (!b?.enabled) return undefined;
    if (b.s3) return { kind: "s3", s3: b.s3 };
    if (b.nfs) return { kind: "nfs", nfs: b.nfs };
    return undefined;
}

/** The Talos ServiceAccount (CRD from Talos) granting `os:etcd:backup`. */
export function talosServiceAccount(): Record<string, unknown> {
    return {
        apiVersion: "talos.dev/v1alpha1",
        kind: "ServiceAccount",
        metadata: { name: ETCD_BACKUP_NAME, namespace: ETCD_BACKUP_NAMESPACE },
        spec: { roles: ["os:etcd:backup"] },
    };
}

/** Shell run by the copy container; the snapshot name carries the UTC time. */
export function copyScript(target: EtcdBackupTarget, keep: number): string {
    const name = 'etcd-$(date -u +%Y%m%dT%H%M%SZ).snapshot';
    if (target.kind === "s3") {
        const url = `s3://${target.s3.bucket}/${target.s3.prefix}`;
        return `set -eu; f="${name}"; aws s3 cp /snapshot/etcd.snapshot "${url}$f" --endpoint-url "${target.s3.endpoint}" --only-show-errors; echo "uploaded ${url}$f"`;
    }
    return [
        "set -eu",
        `f="${name}"`,
        'cp /snapshot/etcd.snapshot "/target/$f.partial" && mv "/target/$f.partial" "/target/$f"',
        `ls -1 /target/etcd-*.snapshot | sort -r | tail -n +${keep + 1} | xargs -r rm -f --`,
        'echo "wrote /target/$f"',
    ].join("; ");
}

/**
 * The CronJob. `controlPlanes` are the online control-plane IPs: talosctl asks the first that
 * answers (`-e` all of them, `-n` one), one snapshot per run. `Forbid` concurrency, bounded run
 * time, no retries storm.
 */
export function etcdBackupCronJob(args: { target: EtcdBackupTarget; schedule: string; keep: number; talosVersion: string; controlPlanes: readonly string[] }): Record<string, unknown> {
    const { target } = args;
    const volumes: Record<string, unknown>[] = [
        { name: "talos-secrets", secret: { secretName: ETCD_BACKUP_NAME } },
        { name: "snapshot", emptyDir: {} },
    ];
    const copyMounts: Record<string, unknown>[] = [{ name: "snapshot", mountPath: "/snapshot", readOnly: true }];
    if (target.kind === "nfs") {
        volumes.push({ name: "target", nfs: { server: target.nfs.server, path: target.nfs.path } });
        copyMounts.push({ name: "target", mountPath: "/target" });
    }
    const s3Env =
        target.kind === "s3"
            ? [
                  { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: ETCD_BACKUP_NAME + "-s3", key: "accessKeyId" } } },
                  { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: ETCD_BACKUP_NAME + "-s3", key: "secretAccessKey" } } },
                  { name: "AWS_DEFAULT_REGION", value: target.s3.region },
                  // The CLI writes its cache under $HOME; uid 65534 has none.
                  { name: "HOME", value: "/tmp" },
              ]
            : [];
    const security = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: "RuntimeDefault" } };
    return {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: ETCD_BACKUP_NAME, namespace: ETCD_BACKUP_NAMESPACE },
        spec: {
            schedule: args.schedule,
            timeZone: "Etc/UTC",
            concurrencyPolicy: "Forbid",
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 3,
            jobTemplate: {
                spec: {
                    backoffLimit: 2,
                    activeDeadlineSeconds: 1800,
                    template: {
                        spec: {
                            restartPolicy: "OnFailure",
                            // Control planes carry the Talos API endpoint; tolerate their taint.
                            tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }],
                            initContainers: [
                                {
                                    name: "snapshot",
                                    image: `ghcr.io/siderolabs/talosctl:${args.talosVersion}`,
                                    args: ["-e", args.controlPlanes.join(","), "-n", args.controlPlanes[0], "etcd", "snapshot", "/snapshot/etcd.snapshot"],
                                    volumeMounts: [
                                        { name: "talos-secrets", mountPath: TALOS_SECRET_MOUNT, readOnly: true },
                                        { name: "snapshot", mountPath: "/snapshot" },
                                    ],
                                    securityContext: security,
                                },
                            ],
                            containers: [
                                {
                                    name: "copy",
                                    image: target.kind === "s3" ? images.awsCli : images.busybox,
                                    command: ["/bin/sh", "-c", copyScript(target, args.keep)],
                                    env: s3Env,
                                    volumeMounts: copyMounts,
                                    // An NFS export must let uid 65534 write (or squash every uid to one that can).
                                    securityContext: security,
                                },
                            ],
                            volumes,
                        },
                    },
                },
            },
        },
    };
}
