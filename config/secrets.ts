/**
 * Credential config keys. Each is declared `secret: true` in Pulumi.yaml and must be set with
 * `pulumi config set --secret`. None is ever written to a committed stack file.
 *
 * The Cloudflare token is the provider's own key, `cloudflare:apiToken` (Pulumi.yaml may not
 * declare keys outside the project namespace). cert-manager's DNS-01 solver takes the narrower
 * `cloudflareDnsToken` when set, else that token (with a warning; docs/security.md).
 */
export const secretKeys = [
    "sshPrivateKey",
    "k3sToken",
    "k3sEtcdS3AccessKey",
    "k3sEtcdS3SecretKey",
    "gitSshPrivateKey",
    "gitToken",
    "argocdAdminPassword",
    "backupAccessKeyId",
    "backupSecretAccessKey",
    "infisicalClientId",
    "infisicalClientSecret",
    "vaultToken",
    "bitwardenAccessToken",
    "cloudflareDnsToken",
] as const;

export type SecretKey = (typeof secretKeys)[number];

/**
 * How to set a credential. Multi-line keys must come from a file: at a terminal `pulumi config
 * set` reads one line, so a pasted key would be cut after its first line.
 */
export function setSecretCommand(key: string): string {
    const file: Partial<Record<string, string>> = { sshPrivateKey: "~/.ssh/id_ed25519", gitSshPrivateKey: "path/to/deploy-key" };
    return `pulumi config set --secret ${key}${file[key] ? ` < ${file[key]}` : ""}`;
}

/** Fully qualified name of the Cloudflare credential. */
export const cloudflareTokenKey = "cloudflare:apiToken";

/** What each credential is for; shown in errors and in Pulumi.yaml. */
export const secretPurpose: Record<SecretKey | "cloudflareApiToken", string> = {
    sshPrivateKey: "SSH private key that reaches every k3s node (k3s distribution)",
    k3sToken: "an existing k3s cluster token (/var/lib/rancher/k3s/server/token), to rebuild or adopt a cluster with the same identity; generated when unset",
    k3sEtcdS3AccessKey: "S3 access key of the k3s etcd snapshot target (cluster.k3s.etcdSnapshots.s3)",
    k3sEtcdS3SecretKey: "S3 secret key of the k3s etcd snapshot target (cluster.k3s.etcdSnapshots.s3)",
    gitSshPrivateKey: "deploy key for the GitOps repository (gitops.repo.credentials: ssh)",
    gitToken: "access token for the GitOps repository (gitops.repo.credentials: https)",
    argocdAdminPassword: "ArgoCD admin password; generated when unset",
    backupAccessKeyId: "S3 access key id of the Longhorn backup target",
    backupSecretAccessKey: "S3 secret access key of the Longhorn backup target",
    infisicalClientId: "Infisical universal-auth client id for External Secrets",
    infisicalClientSecret: "Infisical universal-auth client secret for External Secrets",
    vaultToken: "Vault token for External Secrets",
    bitwardenAccessToken: "Bitwarden Secrets Manager access token for External Secrets",
    cloudflareDnsToken: "Cloudflare API token for cert-manager's DNS-01 solver only (Zone.DNS:Edit on the zone); falls back to cloudflare:apiToken",
    cloudflareApiToken: "Cloudflare API token (DNS edit, Tunnel edit) as cloudflare:apiToken",
};
