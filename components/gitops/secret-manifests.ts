/**
 * Names, labels and contents of the Secrets the GitOps layer writes, and the Helm values of the
 * secret operators Pulumi may install, as pure functions. Credential values are type parameters:
 * secret Outputs in the program, plain strings in tests; nothing here reads or logs them.
 */

/** ArgoCD picks up repositories from Secrets with this label (declarative setup). */
export const REPOSITORY_SECRET_LABEL = { "argocd.argoproj.io/secret-type": "repository" } as const;
export const REPOSITORY_SECRET_NAME = "gitops-repo";

export type RepoCredentials<T> =
    | { readonly kind: "none" }
    | { readonly kind: "ssh"; readonly sshPrivateKey: T }
    | { readonly kind: "https"; readonly username: string; readonly password: T };

/**
 * `stringData` of the repository Secret
 * (https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#repositories).
 */
export function repositorySecretData<T>(url: string, creds: RepoCredentials<T>): Record<string, string | T> {
    const base = { type: "git", url };
    switch (creds.kind) {
        case "ssh":
            return { ...base, sshPrivateKey: creds.sshPrivateKey };
        case "https":
            return { ...base, username: creds.username, password: creds.password };
        default:
            return base;
    }
}

export type ExternalSecretsProvider = "infisical" | "vault" | "bitwarden";
/** Credential config keys an external-secrets provider reads (see config/secrets.ts). */
export type ExternalSecretsCredentialKey = "infisicalClientId" | "infisicalClientSecret" | "vaultToken" | "bitwardenAccessToken";

/**
 * The Secret the user's ClusterSecretStore (in Git) references: its name and, per data key,
 * the credential it holds. These names are a contract documented in docs/gitops.md.
 */
export function externalSecretsCredentialLayout(provider: ExternalSecretsProvider): {
    readonly secretName: string;
    readonly keys: Readonly<Record<string, ExternalSecretsCredentialKey>>;
} {
    switch (provider) {
        case "infisical":
            return { secretName: "infisical-universal-auth", keys: { clientId: "infisicalClientId", clientSecret: "infisicalClientSecret" } };
        case "vault":
            return { secretName: "vault-token", keys: { token: "vaultToken" } };
        case "bitwarden":
            return { secretName: "bitwarden-access-token", keys: { token: "bitwardenAccessToken" } };
    }
}

/** Values of the external-secrets chart when Pulumi installs it (controller: helm). */
export function externalSecretsValues(provider: ExternalSecretsProvider): Record<string, unknown> {
    return {
        installCRDs: true,
        // The chart templates its CRDs: an uninstall (the feature switched off) would delete them,
        // and with them every ExternalSecret in Git and the Secrets they own. Keep them.
        crds: { annotations: { "helm.sh/resource-policy": "keep" } },
        resources: { requests: { cpu: "10m", memory: "64Mi" } },
        webhook: { resources: { requests: { cpu: "10m", memory: "32Mi" } } },
        certController: { resources: { requests: { cpu: "10m", memory: "32Mi" } } },
        // The Bitwarden Secrets Manager provider talks to the SDK server sidecar chart.
        ...(provider === "bitwarden" ? { "bitwarden-sdk-server": { enabled: true } } : {}),
    };
}

/** The label that makes the sealed-secrets controller load a key (bring your own certificates). */
export const SEALED_SECRETS_KEY_LABEL = { "sealedsecrets.bitnami.com/sealed-secrets-key": "active" } as const;
export const SEALED_SECRETS_KEY_NAME = "sealed-secrets-key-homelab";
/** kubeseal's default `--controller-name`; the chart's fullnameOverride. */
export const SEALED_SECRETS_CONTROLLER_NAME = "sealed-secrets-controller";
/** Subject the controller itself uses for the keys it generates. */
export const SEALED_SECRETS_CERT_SUBJECT = { commonName: "sealed-secret", organization: "sealed-secret" } as const;

/**
 * Values of the sealed-secrets chart when Pulumi installs it (controller: helm). Key renewal is
 * off: a key the controller generated itself would not be in Pulumi's state, so secrets sealed
 * with it could not be decrypted by a rebuilt cluster.
 */
export function sealedSecretsValues(): Record<string, unknown> {
    return {
        fullnameOverride: SEALED_SECRETS_CONTROLLER_NAME,
        keyrenewperiod: "0",
        resources: { requests: { cpu: "10m", memory: "32Mi" } },
    };
}

/** The Secret the external-secrets chart's bitwarden-sdk-server mounts (it serves HTTPS only). */
export const BITWARDEN_TLS_SECRET = "bitwarden-tls-certs";

/** In-cluster names of the bitwarden-sdk-server Service, for its certificate. */
export function bitwardenSdkServerDnsNames(namespace: string): string[] {
    const svc = "bitwarden-sdk-server";
    return [svc, `${svc}.${namespace}`, `${svc}.${namespace}.svc`, `${svc}.${namespace}.svc.cluster.local`];
}

/** The settings of `gitops.secrets.externalSecrets` a ClusterSecretStore needs. */
export interface StoreSettings {
    readonly provider: ExternalSecretsProvider;
    readonly namespace: string;
    readonly project?: string;
    readonly environment?: string;
    readonly server?: string;
}

/**
 * The ClusterSecretStore (external-secrets.io/v1) for the repository, referencing the credential
 * Secret Pulumi writes: the stack's `project`, `environment` and `server` go here. Pulumi does
 * not apply it (the store's CRD comes with the operator, which Git may install later); the stack
 * exports it as `externalSecretsStore` to commit next to the operator's Application.
 * Undefined for Bitwarden, whose store needs organization and project ids the stack does not carry.
 */
export function clusterSecretStoreManifest(s: StoreSettings, name = "homelab"): Record<string, unknown> | undefined {
    const layout = externalSecretsCredentialLayout(s.provider);
    const ref = (key: string) => ({ name: layout.secretName, namespace: s.namespace, key });
    let provider: Record<string, unknown>;
    switch (s.provider) {
        case "infisical":
            provider = {
                infisical: {
                    auth: { universalAuthCredentials: { clientId: ref("clientId"), clientSecret: ref("clientSecret") } },
                    secretsScope: { projectSlug: s.project, environmentSlug: s.environment },
                    ...(s.server ? { hostAPI: s.server } : {}),
                },
            };
            break;
        case "vault":
            provider = { vault: { server: s.server, path: "secret", version: "v2", auth: { tokenSecretRef: ref("token") } } };
            break;
        case "bitwarden":
            return undefined;
    }
    return { apiVersion: "external-secrets.io/v1", kind: "ClusterSecretStore", metadata: { name }, spec: { provider } };
}
