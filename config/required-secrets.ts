/** Which credentials a given config needs, and why. Pure: presence is checked by the loader. */
import type { ParsedConfig } from "./schema";
import { cloudflareTokenKey, type SecretKey } from "./secrets";

export interface SecretRequirement {
    /** Short homelab key, or `cloudflare:apiToken`. */
    readonly key: SecretKey | typeof cloudflareTokenKey;
    /** The setting that makes it necessary, e.g. `cluster.distribution: k3s`. */
    readonly because: string;
    /** Another credential that satisfies the need as well (cert-manager: the narrower DNS token). */
    readonly orKey?: SecretKey;
}

export function requiredSecrets(cfg: ParsedConfig): SecretRequirement[] {
    const out: SecretRequirement[] = [];
    if (cfg.cluster.distribution === "k3s") out.push({ key: "sshPrivateKey", because: "cluster.distribution: k3s" });
    if (cfg.cluster.distribution === "k3s" && cfg.cluster.k3s?.install !== "preinstalled" && cfg.cluster.k3s?.etcdSnapshots.s3) {
        out.push({ key: "k3sEtcdS3AccessKey", because: "cluster.k3s.etcdSnapshots.s3" });
        out.push({ key: "k3sEtcdS3SecretKey", because: "cluster.k3s.etcdSnapshots.s3" });
    }
    const g = cfg.gitops;
    if (g?.repo.credentials === "ssh") out.push({ key: "gitSshPrivateKey", because: "gitops.repo.credentials: ssh" });
    if (g?.repo.credentials === "https") out.push({ key: "gitToken", because: "gitops.repo.credentials: https" });
    const es = g?.secrets.externalSecrets?.provider;
    if (es === "infisical") {
        out.push({ key: "infisicalClientId", because: "gitops.secrets.externalSecrets.provider: infisical" });
        out.push({ key: "infisicalClientSecret", because: "gitops.secrets.externalSecrets.provider: infisical" });
    }
    if (es === "vault") out.push({ key: "vaultToken", because: "gitops.secrets.externalSecrets.provider: vault" });
    if (es === "bitwarden") out.push({ key: "bitwardenAccessToken", because: "gitops.secrets.externalSecrets.provider: bitwarden" });
    const backup = cfg.storage.longhorn?.enabled ? cfg.storage.longhorn.backup : undefined;
    // S3-compatible stores take an access key; CIFS shares take the same two keys as user and password.
    const scheme = backup ? /^([a-z0-9]+):\/\//.exec(backup.target)?.[1] : undefined;
    if (scheme === "s3" || scheme === "cifs") {
        out.push({ key: "backupAccessKeyId", because: `storage.longhorn.backup.target: ${scheme}://` });
        out.push({ key: "backupSecretAccessKey", because: `storage.longhorn.backup.target: ${scheme}://` });
    }
    // Talos etcd snapshots to S3 share the backup credentials (one backup store per homelab).
    const etcd = cfg.cluster.distribution === "talos" ? cfg.cluster.talos?.etcdBackup : undefined;
    if (etcd?.enabled && etcd.s3 && !out.some((r) => r.key === "backupAccessKeyId")) {
        out.push({ key: "backupAccessKeyId", because: "cluster.talos.etcdBackup.s3" });
        out.push({ key: "backupSecretAccessKey", because: "cluster.talos.etcdBackup.s3" });
    }
    if (cfg.cloudflare && (cfg.cloudflare.tunnel.enabled || cfg.cloudflare.dnsRecords.length > 0)) {
        out.push({ key: cloudflareTokenKey, because: "homelab:cloudflare (tunnel or dnsRecords)" });
    } else if (cfg.certManager.enabled && cfg.certManager.solver === "cloudflare") {
        out.push({ key: cloudflareTokenKey, because: "certManager.solver: cloudflare", orKey: "cloudflareDnsToken" });
    }
    return out;
}
