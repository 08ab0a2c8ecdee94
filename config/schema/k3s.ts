/**
 * k3s-specific parts of the stack config that have a life beyond the first install: the
 * bootstrap server, bounded remote steps, rolling upgrades, air-gapped installs, etcd snapshots,
 * per-node settings and SSH host keys. Wired into `cluster.k3s` (./cluster.ts) and `nodes[]`
 * (./nodes.ts). Facts: k3s-io/k3s install.sh, k3s-io/docs cli/server.md, cli/token.md,
 * datastore/backup-restore.md (see docs/k3s.md).
 */
import { z } from "zod";

/** Seconds, bounded: every remote step has a finite wait. */
const seconds = (def: number) => z.number().int().min(5).max(7200).default(def);

/** Bounds of the remote steps (docs/k3s.md "Bounded"). */
export const k3sTimeouts = z.strictObject({
    /** How long `systemctl restart k3s` may take to report ready (the unit has TimeoutStartSec=0). */
    startSeconds: seconds(600),
    /** How long a server waits for its API server's /readyz after start. */
    readySeconds: seconds(300),
    /** How long the installer (download + unit setup) may run. */
    installSeconds: seconds(600),
});

/** Rolling upgrades: servers one at a time, then agents in bounded batches. */
export const k3sUpgrade = z.strictObject({
    /** Agents installed/upgraded at the same time, after the last server (batches in config order). */
    agentConcurrency: z.number().int().min(1).max(100).default(1),
    /** Cordon and drain a node (from the bootstrap server) before its k3s version changes; uncordon after. */
    drain: z.boolean().default(false),
    /** `kubectl drain --timeout` in seconds. */
    drainTimeoutSeconds: seconds(300),
});

/** Where the k3s binary comes from (install.sh GITHUB_URL / INSTALL_K3S_SKIP_DOWNLOAD). */
export const k3sBinary = z.strictObject({
    /**
     * A mirror of https://github.com/k3s-io/k3s/releases (install.sh's GITHUB_URL): the binary and
     * its sha256sum file are fetched from `<mirror>/download/<version>/`.
     */
    mirror: z.string().regex(/^https?:\/\/[^\s'"]+[^/\s'"]$/, "must be an http(s) URL without a trailing slash").optional(),
    /**
     * Air-gapped hosts: the k3s binary of the pinned version is already at /usr/local/bin/k3s and
     * the install script at `installScriptPath` (install.sh runs with INSTALL_K3S_SKIP_DOWNLOAD=true;
     * images go to /var/lib/rancher/k3s/agent/images/, k3s docs installation/airgap.md).
     */
    preplaced: z.boolean().default(false),
    /** Where the pre-placed install.sh lives on each host (preplaced only). */
    installScriptPath: z.string().startsWith("/").default("/usr/local/share/k3s/install.sh"),
});

/** S3 target of the etcd snapshots (the keys come from secret stack config, never from here). */
export const k3sEtcdS3 = z.strictObject({
    /** S3 endpoint host[:port], e.g. s3.amazonaws.com or minio.lan:9000 (no scheme). */
    endpoint: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$/, "must be host[:port] without a scheme").default("s3.amazonaws.com"),
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
    region: z.string().min(1).default("us-east-1"),
    folder: z.string().min(1).optional(),
    /** Plain HTTP (etcd-s3-insecure). */
    insecure: z.boolean().default(false),
});

/** Scheduled etcd snapshots on every server (k3s' own scheduler; S3 upload when `s3` is set). */
export const k3sEtcdSnapshots = z.strictObject({
    /** Cron spec (etcd-snapshot-schedule-cron); k3s' default is every 12 hours. */
    schedule: z.string().regex(/^\S+( \S+){4}$/, "must be a five-field cron spec").default("0 */12 * * *"),
    /** Snapshots kept per server (etcd-snapshot-retention). */
    retention: z.number().int().min(1).max(1000).default(5),
    s3: k3sEtcdS3.optional(),
});

/** Per-node k3s settings, merged last into that node's config.yaml. */
export const nodeK3s = z.strictObject({
    /** config.yaml keys for this node only, e.g. { default-runtime: nvidia, kubelet-arg: [...] }. */
    config: z.record(z.string().min(1), z.unknown()).default({}),
});

const keyType = /^(ssh-(ed25519|rsa)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

/**
 * Accepts a bare OpenSSH public key (`ssh-ed25519 AAAA...`) or a line of `ssh-keyscan` output
 * (`<host> ssh-ed25519 AAAA...`, the form `ssh-keyscan -t ed25519 <ip>` prints) and keeps
 * `<type> <base64>`: the connection compares the key, not the host name.
 */
export function normalizeHostKey(value: string): string | undefined {
    const fields = value.trim().split(/\s+/);
    const at = fields.findIndex((f) => keyType.test(f));
    if (at < 0 || at > 1) return undefined;
    const blob = fields[at + 1];
    if (!blob || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return undefined;
    return `${fields[at]} ${blob}`;
}

export const hostKey = z.string().transform((v, ctx) => {
    const key = normalizeHostKey(v);
    if (!key) {
        ctx.addIssue({ code: "custom", message: "must be an OpenSSH public host key (`ssh-ed25519 AAAA...`) or a line of `ssh-keyscan` output (`<host> ssh-ed25519 AAAA...`)" });
        return z.NEVER;
    }
    return key;
});
