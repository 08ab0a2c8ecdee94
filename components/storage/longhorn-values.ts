/**
 * Pure renderers for Longhorn: Helm values of chart 1.12, the backup-credentials Secret data,
 * and RecurringJob objects. Value names follow longhorn/longhorn `chart/values.yaml` @ v1.12.1.
 */

export const longhornNamespace = "longhorn-system";
export const longhornReleaseName = "longhorn";
/** Secret the backup target reads its credentials from (chart: defaultBackupStore.backupTargetCredentialSecret). */
export const longhornBackupSecretName = "longhorn-backup-credentials";
/** Node label that selects where Longhorn creates its default disk (with createDefaultDiskLabeledNodes). */
export const longhornDiskLabel = "node.longhorn.io/create-default-disk";

/**
 * Helm wait (seconds): Longhorn's first install pulls a dozen images and rolls out a manager,
 * engine image and CSI pods on every node; on Raspberry Pis that takes longer than Helm's 5 minutes.
 */
export const longhornTimeout = 1200;

/** A node taint as the stack writes it (`key=value:Effect` or `key:Effect`). */
export interface Toleration {
    readonly key: string;
    readonly operator: "Equal" | "Exists";
    readonly value?: string;
    readonly effect: string;
}

/** `key=value:Effect` / `key:Effect` -> the toleration that matches exactly that taint. */
export function tolerationFor(taint: string): Toleration {
    const colon = taint.lastIndexOf(":");
    const kv = taint.slice(0, colon);
    const effect = taint.slice(colon + 1);
    const eq = kv.indexOf("=");
    return eq < 0 ? { key: kv, operator: "Exists", effect } : { key: kv.slice(0, eq), operator: "Equal", value: kv.slice(eq + 1), effect };
}

/**
 * Longhorn must run on tainted nodes too, or volumes cannot attach there (a GPU node with a
 * NoSchedule taint could not mount any Longhorn volume). Two places: the `taintToleration`
 * setting for the components Longhorn creates itself (instance managers, engine images, CSI), in
 * its `key=value:Effect;...` syntax, and chart tolerations for the manager and driver deployer.
 * https://longhorn.io/docs/latest/advanced-resources/deploy/taint-toleration/
 */
export function longhornTolerations(taints: readonly string[]): { setting: string; tolerations: Toleration[] } {
    const unique = [...new Set(taints)];
    return { setting: unique.join(";"), tolerations: unique.map(tolerationFor) };
}

export interface LonghornValuesInput {
    readonly replicas: number;
    readonly dataPath: string;
    /** Whether the `longhorn` class is the cluster's default StorageClass. */
    readonly isDefault: boolean;
    readonly reclaimPolicy: "Retain" | "Delete";
    /**
     * Create default disks only on nodes labelled `node.longhorn.io/create-default-disk`
     * ("true" or "config"); without it Longhorn puts a disk on every node and ignores the label.
     */
    readonly labeledDisksOnly?: boolean;
    /** Taints of the cluster's nodes (`key=value:Effect`): Longhorn tolerates every one. */
    readonly nodeTaints?: readonly string[];
    readonly backup?: {
        readonly target: string;
        /** Name of the credentials Secret, when the target needs one. */
        readonly credentialSecret?: string;
        readonly pollInterval?: number;
    };
}

/** Helm values for the longhorn chart. */
export function longhornValues(i: LonghornValuesInput): Record<string, unknown> {
    const perEngine = String(i.replicas);
    const tol = longhornTolerations(i.nodeTaints ?? []);
    const tolerated = tol.tolerations.length > 0;
    return {
        // The chart's NetworkPolicies: Longhorn's API (longhorn-manager, unauthenticated) and its
        // instance/backing-image managers then accept only Longhorn's own pods, not every pod of
        // the cluster; the UI only from k3s' Traefik (chart `networkPolicies.type`, default k3s).
        // Needs a CNI that enforces NetworkPolicy (Cilium, k3s' built-in controller). docs/security.md
        networkPolicies: { enabled: true },
        persistence: {
            // The chart renders this as the class' is-default-class annotation, "true" or "false":
            // every non-default class says so explicitly.
            defaultClass: i.isDefault,
            defaultClassReplicaCount: i.replicas,
            reclaimPolicy: i.reclaimPolicy,
        },
        defaultSettings: {
            defaultDataPath: i.dataPath,
            // Since 1.10 data-engine settings take a per-engine map (rendered as JSON).
            defaultReplicaCount: { v1: perEngine, v2: perEngine },
            // Longhorn's uninstall hook refuses to run unless this is true: a `helm uninstall`
            // cannot wipe the volumes by accident. Flip it by hand to really remove Longhorn.
            deletingConfirmationFlag: false,
            ...(i.labeledDisksOnly ? { createDefaultDiskLabeledNodes: true } : {}),
            ...(tolerated ? { taintToleration: tol.setting } : {}),
        },
        ...(tolerated
            ? {
                  longhornManager: { tolerations: tol.tolerations.map((t) => ({ ...t })) },
                  longhornDriver: { tolerations: tol.tolerations.map((t) => ({ ...t })) },
              }
            : {}),
        ...(i.backup
            ? {
                  defaultBackupStore: {
                      backupTarget: i.backup.target,
                      ...(i.backup.credentialSecret ? { backupTargetCredentialSecret: i.backup.credentialSecret } : {}),
                      ...(i.backup.pollInterval !== undefined ? { pollInterval: i.backup.pollInterval } : {}),
                  },
              }
            : {}),
    };
}

/** Which backup targets need a credentials Secret. NFS targets authenticate by host. */
export function backupNeedsCredentials(target: string): boolean {
    return target.startsWith("s3://") || target.startsWith("cifs://");
}

/**
 * The credentials Secret's data, in the variable names Longhorn reads: AWS_* for S3-compatible
 * stores (AWS_ENDPOINTS for MinIO/Garage/TrueNAS), CIFS_* for SMB shares.
 * https://longhorn.io/docs/latest/snapshots-and-backups/backup-and-restore/set-backup-target/
 */
export function longhornBackupSecretData(target: string, accessKeyId: string, secretAccessKey: string, endpoint?: string): Record<string, string> {
    if (target.startsWith("cifs://")) return { CIFS_USERNAME: accessKeyId, CIFS_PASSWORD: secretAccessKey };
    return {
        AWS_ACCESS_KEY_ID: accessKeyId,
        AWS_SECRET_ACCESS_KEY: secretAccessKey,
        ...(endpoint ? { AWS_ENDPOINTS: endpoint } : {}),
    };
}

export interface RecurringJobInput {
    readonly name: string;
    readonly task: "backup" | "snapshot";
    readonly cron: string;
    readonly retain: number;
    readonly groups: readonly string[];
    readonly concurrency: number;
}

/** A `longhorn.io/v1beta2` RecurringJob (CRD shipped by the chart). Jobs in group `default` apply to every volume without its own job labels. */
export function longhornRecurringJob(job: RecurringJobInput): { apiVersion: string; kind: string; metadata: { name: string; namespace: string }; spec: Record<string, unknown> } {
    return {
        apiVersion: "longhorn.io/v1beta2",
        kind: "RecurringJob",
        metadata: { name: job.name, namespace: longhornNamespace },
        spec: {
            name: job.name,
            task: job.task,
            cron: job.cron,
            retain: job.retain,
            concurrency: job.concurrency,
            groups: [...job.groups],
            labels: {},
        },
    };
}
