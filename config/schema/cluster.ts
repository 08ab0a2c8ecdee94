/** Schema of `homelab:cluster`: identity, distribution and the distribution-specific block. */
import { z } from "zod";
import { cidr, dnsLabel, k3sVersion, kubeVersion, vVersion } from "./common";
import { k3sBinary, k3sEtcdSnapshots, k3sTimeouts, k3sUpgrade } from "./k3s";

/** An h/m/s duration (`20m`, `1h30m`): the rollout scripts hand it to `timeout` in seconds. */
const hmsDuration = z.string().regex(/^(?=\d)(\d+h)?(\d+m)?(\d+s)?$/, "must be a duration of hours/minutes/seconds like 20m or 1h30m");

/**
 * How a changed machine configuration reaches a node (`ConfigurationApply.applyMode`,
 * terraform-provider-talos v0.11.0). `staged_if_needing_reboot` (the default) asks the node with
 * a dry run whether the change needs a reboot, applies it immediately when not, and stages it
 * when it does; the per-node reboot steps then reboot the staged nodes one at a time.
 */
export const talosApplyModes = ["auto", "no_reboot", "reboot", "staged", "staged_if_needing_reboot"] as const;
export const talosApplyMode = z.enum(talosApplyModes);

/**
 * Scheduled etcd snapshots (Talos API from a CronJob). The target is off-cluster: an
 * S3-compatible bucket (credentials `homelab:etcdBackupAccessKeyId` / `etcdBackupSecretAccessKey`)
 * or an NFS export.
 */
export const etcdBackupBlock = z.strictObject({
    enabled: z.boolean().default(true),
    /** Cron schedule (UTC). */
    schedule: z.string().regex(/^(\S+\s+){4}\S+$/, "must be a 5-field cron expression").default("0 3 * * *"),
    /** Snapshots kept on an NFS target (S3: use the bucket's lifecycle rules). */
    keep: z.number().int().min(1).max(365).default(14),
    s3: z
        .strictObject({
            endpoint: z.url(),
            bucket: z.string().min(3),
            region: z.string().min(1).default("us-east-1"),
            prefix: z.string().default("etcd/"),
        })
        .optional(),
    nfs: z.strictObject({ server: z.string().min(1), path: z.string().startsWith("/") }).optional(),
});

/** Extra Talos config patches, as YAML documents (strings) or objects, appended after ours. */
const patchList = z.array(z.union([z.string().min(1), z.record(z.string(), z.unknown())]));

export const talosBlock = z.strictObject({
    /** Talos version installed on the nodes (installer image tag), e.g. v1.13.9. */
    version: vVersion.default("v1.13.9"),
    /** Machine-config contract passed to the provider; defaults to the major.minor of `version`. */
    configVersion: z.string().regex(/^v\d+\.\d+$/, "must look like v1.13").optional(),
    /** Official system extensions baked into the image-factory schematic. */
    extensions: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "must look like siderolabs/i915")).default([]),
    /** Extra kernel arguments for the schematic. */
    extraKernelArgs: z.array(z.string().min(1)).default([]),
    /** Image-factory platform for the installer image. */
    platform: z.string().default("metal"),
    /** Default install disk when a node does not name its own. */
    installDisk: z.string().startsWith("/dev/").default("/dev/sda"),
    /** Let workloads run on control planes. */
    allowSchedulingOnControlPlanes: z.boolean().default(true),
    /** Keep Talos' CoreDNS; set false when the cluster brings its own. */
    coreDNS: z.boolean().default(true),
    /** Extra sysctls for every node. */
    sysctls: z.record(z.string(), z.string()).default({}),
    /** Containerd CRI customisation written to /etc/cri/conf.d/20-customization.part (TOML). */
    criCustomization: z.string().optional(),
    /**
     * Disaster recovery: path (on the machine running pulumi) of an existing cluster's
     * `secrets.yaml` (`talosctl gen secrets`) to import into the protected Secrets resource on the
     * next `pulumi up`, instead of generating new cluster secrets. See docs/disaster-recovery.md.
     */
    importSecrets: z.string().min(1).optional(),
    /**
     * The control plane that bootstraps etcd (the provider's `Bootstrap`) and serves the
     * kubeconfig. Named, never taken from list order (DESIGN "Explicit identity"); with one
     * control plane it may be left out. Reordering `homelab:nodes` then changes nothing.
     */
    bootstrapNode: dnsLabel.optional(),
    /**
     * Apply mode of every node's configuration, unless a node sets `talosApplyMode`. The default
     * never reboots a running node on apply: a change that needs a reboot is staged and the
     * rollout reboots one node at a time (docs/talos.md "Changes and reboots").
     */
    applyMode: talosApplyMode.default("staged_if_needing_reboot"),
    /** Upper bound of one node's rollout step (upgrade or reboot, then health). */
    rolloutTimeout: hmsDuration.default("20m"),
    /** Upper bound of `talosctl upgrade-k8s`. */
    kubernetesUpgradeTimeout: hmsDuration.default("30m"),
    /** Scheduled off-cluster etcd snapshots (created when a target is set). */
    etcdBackup: etcdBackupBlock.optional(),
    /**
     * Host hardening (components/nodes/talos-hardening.ts, docs/security.md): control-plane
     * metrics on localhost unless exposed, and an optional ingress firewall.
     */
    hardening: z
        .strictObject({
            /**
             * Let in-cluster Prometheus scrape etcd (2381, on the node address), controller-manager
             * (10257) and scheduler (10259) (on 0.0.0.0: their liveness probes call localhost).
             * Default: all three on localhost only.
             */
            exposeControlPlaneMetrics: z.boolean().default(false),
            firewall: z
                .strictObject({
                    /** Limit apid, trustd, API server, kubelet and etcd ports to the cluster's networks. */
                    enabled: z.boolean().default(false),
                    /**
                     * Everything else: `accept` (only the listed ports are limited) or `block`
                     * (then open the CNI's ports yourself with NetworkRuleConfig patches).
                     */
                    defaultAction: z.enum(["accept", "block"]).default("accept"),
                    /** Extra source networks for talosctl (50000) and kubectl (6443): admin LAN, VPN. */
                    adminCidrs: z.array(cidr).default([]),
                })
                .prefault({}),
        })
        .prefault({}),
    /** Extra user patches appended after the generated ones. */
    patches: z
        .strictObject({
            all: patchList.default([]),
            controlplane: patchList.default([]),
            worker: patchList.default([]),
            nodes: z.record(z.string(), patchList).default({}),
        })
        .prefault({}),
});

export const k3sBlock = z.strictObject({
    /**
     * k3s release installed on every node unless a node pins its own. Default: a v1.36 release of
     * the `stable` channel (Kubernetes 1.33 and 1.34 are end of life; config/k3s-versions.ts).
     */
    version: k3sVersion.default("v1.36.3+k3s1"),
    /**
     * The server that initialises embedded etcd (`cluster-init`); every other server joins it in
     * a chain. Required with more than one server; a single server is its own bootstrap server.
     * Never chosen by list order, so reordering `homelab:nodes` never moves `cluster-init`.
     */
    bootstrapServer: dnsLabel.optional(),
    timeouts: k3sTimeouts.prefault({}),
    upgrade: k3sUpgrade.prefault({}),
    binary: k3sBinary.prefault({}),
    /** etcd snapshot schedule and (optional) S3 target for every server. */
    etcdSnapshots: k3sEtcdSnapshots.prefault({}),
    /**
     * Raspberry Pi OS without memory cgroups: add `cgroup_memory=1 cgroup_enable=memory` to
     * cmdline.txt and reboot the node (then `pulumi up` again). Off: the install fails with the fix.
     */
    piCgroupsAutoFix: z.boolean().default(false),
    /** `script`: install with the official script over SSH; `preinstalled`: the OS manages k3s, only read the kubeconfig. */
    install: z.enum(["script", "preinstalled"]).default("script"),
    /** SSH user for every node unless the node overrides it. */
    sshUser: z.string().min(1).default("root"),
    sshPort: z.number().int().min(1).max(65535).default(22),
    /** Built-ins to disable in addition to those our own components replace. */
    disable: z.array(z.enum(["coredns", "servicelb", "traefik", "local-storage", "metrics-server"])).default([]),
    /**
     * Built-ins to keep although the program would disable them: traefik is disabled by default
     * (the GitOps repository brings its own ingress); local-storage is kept only when
     * storage.localPath is enabled and is (or may be) the default class, since k3s re-marks its
     * class as default on every start (see localStoragePlan in config/schema/storage.ts). Keep
     * traefik when the repository relies on k3s' packaged Traefik (its CRDs and
     * `@kubernetescrd` middlewares).
     */
    keepBuiltins: z.array(z.enum(["traefik", "local-storage"])).default([]),
    /**
     * `secrets-encryption` (Secrets encrypted at rest in etcd). Default: on for a new cluster,
     * off when `cluster.adopt` (state what the running cluster uses). k3s cannot turn it on for
     * a cluster started without it: such clusters must say false (docs/security.md).
     */
    secretsEncryption: z.boolean().optional(),
    /** Extra server flags, as config.yaml keys (e.g. { "etcd-expose-metrics": true }). */
    serverConfig: z.record(z.string(), z.unknown()).default({}),
    /** Extra agent flags, as config.yaml keys. */
    agentConfig: z.record(z.string(), z.unknown()).default({}),
    /** Path of the kubeconfig on the bootstrap server (preinstalled mode may differ). */
    kubeconfigPath: z.string().startsWith("/").default("/etc/rancher/k3s/k3s.yaml"),
    /**
     * Any string; changing it re-reads the kubeconfig (preinstalled: after the OS rotated the k3s
     * client certificate; `up` warns 30 days before the stored one expires).
     */
    kubeconfigRefresh: z.string().min(1).optional(),
});

export const clusterSchema = z.strictObject({
    name: dnsLabel,
    distribution: z.enum(["talos", "k3s"]),
    /** API endpoint host (VIP or first control-plane IP, or a DNS name), without scheme or port. */
    endpoint: z.string().regex(/^[A-Za-z0-9.:-]+$/, "must be a host name or IP without scheme or port"),
    /** API server port. */
    apiPort: z.number().int().min(1).max(65535).default(6443),
    kubernetesVersion: kubeVersion.optional(),
    /**
     * Take over machines that already run this cluster (same identity imported: Talos
     * `talos.importSecrets`, k3s `homelab:k3sToken`): converge with no bootstrap, no
     * `cluster-init`, no etcd change and no reboot. Preflight refuses a fresh bootstrap where a
     * cluster already answers. See docs/disaster-recovery.md (takeover runbook).
     */
    adopt: z.boolean().default(false),
    talos: talosBlock.optional(),
    k3s: k3sBlock.optional(),
});
