/**
 * Access to the GitOps repository: an ArgoCD repository Secret with an SSH deploy key or an
 * HTTPS token. A public repository (credentials: none) needs no Secret.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { REPOSITORY_SECRET_LABEL, REPOSITORY_SECRET_NAME, repositorySecretData, type RepoCredentials } from "./secret-manifests";

/** Inputs of {@link Repository}. */
export interface RepositoryArgs {
    readonly provider: k8s.Provider;
    /** ArgoCD's namespace (the Secret must live there). */
    readonly namespace: pulumi.Input<string>;
    /** `gitops.repo` (url, credentials kind, HTTPS user name). */
    readonly repo: { readonly url: string; readonly credentials: "none" | "ssh" | "https"; readonly username?: string };
    /** homelab:gitSshPrivateKey (secret), for credentials ssh. */
    readonly sshPrivateKey?: pulumi.Output<string>;
    /** homelab:gitToken (secret), for credentials https. */
    readonly token?: pulumi.Output<string>;
}

/** `homelab:gitops:Repository` */
export class Repository extends pulumi.ComponentResource {
    /** The repository Secret; undefined for a public repository. */
    public readonly secret?: k8s.core.v1.Secret;

    constructor(name: string, args: RepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:gitops:Repository", name, {}, opts);
        const creds = credentials(args);
        if (creds.kind !== "none") {
            this.secret = new k8s.core.v1.Secret(
                `${name}-secret`,
                {
                    metadata: { name: REPOSITORY_SECRET_NAME, namespace: args.namespace, labels: { ...REPOSITORY_SECRET_LABEL } },
                    type: "Opaque",
                    // `data` (base64), not `stringData`: the SDK marks either map secret as a
                    // whole, so the plain repository URL inside it would count as a secret value,
                    // and the plan refuses to write a file where that text appears (it does, in
                    // clear, in the root Application's repoURL). Encoded, the map holds no text
                    // that is printed elsewhere.
                    data: base64Values(repositorySecretData(args.repo.url, creds)),
                },
                { parent: this, provider: args.provider },
            );
        }
        this.registerOutputs({ secretName: this.secret ? REPOSITORY_SECRET_NAME : undefined });
    }
}

/** Base64 of every value (Outputs stay Outputs, and stay secret). */
function base64Values(m: Record<string, string | pulumi.Output<string>>): Record<string, pulumi.Input<string>> {
    const b64 = (v: string) => Buffer.from(v, "utf8").toString("base64");
    const out: Record<string, pulumi.Input<string>> = {};
    for (const [k, v] of Object.entries(m)) out[k] = typeof v === "string" ? b64(v) : v.apply(b64);
    return out;
}

/** Picks the credential the config asks for; the loader already required it to be set. */
function credentials(args: RepositoryArgs): RepoCredentials<pulumi.Output<string>> {
    switch (args.repo.credentials) {
        case "ssh":
            if (!args.sshPrivateKey) throw new Error("gitops.repo.credentials is ssh but homelab:gitSshPrivateKey is not set");
            return { kind: "ssh", sshPrivateKey: pulumi.secret(args.sshPrivateKey) };
        case "https":
            if (!args.token) throw new Error("gitops.repo.credentials is https but homelab:gitToken is not set");
            // GitHub accepts any non-empty user with a token; GitLab wants oauth2 or the token's name.
            return { kind: "https", username: args.repo.username ?? "git", password: pulumi.secret(args.token) };
        default:
            return { kind: "none" };
    }
}
