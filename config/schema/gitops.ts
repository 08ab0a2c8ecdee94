/** Schema of `homelab:gitops`: ArgoCD, the GitOps repository and the root of the app tree. */
import { z } from "zod";
import { dnsLabel, dnsName, duration } from "./common";

/**
 * Where an in-cluster secret operator comes from. `git`: the operator's own Application in the
 * GitOps repository installs it (Pulumi only provides what it needs at start); `helm`: Pulumi
 * installs the pinned chart from config/versions.ts and the repository must not install it too.
 */
const controllerSource = z.enum(["git", "helm"]);

/**
 * Charts (and the cloudflared Deployment) Pulumi installs that the GitOps repository may take over
 * (`gitops.handoff`). Names are the Helm release names, so the Git Application uses the same one.
 */
export const handoffNames = [
    "cilium",
    "metallb",
    "kube-vip",
    "cert-manager",
    "tunnel",
    "longhorn",
    "rook-ceph",
    "openebs",
    "nfs-subdir-external-provisioner",
    "external-secrets",
    "sealed-secrets",
    "argocd",
] as const;
export type HandoffName = (typeof handoffNames)[number];

/**
 * What the root Application / ApplicationSets may additionally wait for (`gitops.rootWaitsFor`).
 * By default the root waits only for ArgoCD and what its first sync reads; see docs/gitops.md
 * "Ordering" for when a repository needs more.
 */
export const rootWaitTargets = ["storage", "certManager", "loadBalancer"] as const;

const sealedSecretsBlock = z.strictObject({
    enabled: z.boolean().default(true),
    /** Namespace of the controller: its keys must live there. kubeseal's default is kube-system. */
    namespace: dnsLabel.default("kube-system"),
    controller: controllerSource.default("git"),
    /** Validity of the self-signed sealing certificate (kubeseal warns about an expired one). */
    certValidityDays: z.number().int().min(365).max(36500).default(3650),
});

export const gitopsSchema = z.strictObject({
    argocd: z
        .strictObject({
            /** Public host name of the ArgoCD UI, if any. */
            domain: dnsName.optional(),
            /**
             * Serve plain HTTP because TLS ends at the tunnel or ingress. Rejected with a
             * LoadBalancer/NodePort argocd-server Service (LAN clients would send the password in
             * clear); false: argocd-server serves TLS itself (docs/security.md).
             */
            insecure: z.boolean().default(true),
            /** argocd-cm `admin.enabled`: set false once SSO works from Git (docs/security.md). */
            admin: z.strictObject({ enabled: z.boolean().default(true) }).prefault({}),
            /** How often ArgoCD polls Git (timeout.reconciliation). */
            reconciliation: duration.default("180s"),
            /** Extra Helm values merged over ours. */
            values: z.record(z.string(), z.unknown()).default({}),
            /**
             * Handoff: true once the GitOps repository carries an Application for ArgoCD itself
             * (docs/gitops.md). Pulumi then stops upgrading the release (ignoreChanges on chart,
             * version and values) and keeps it on `pulumi destroy` of this layer.
             */
            selfManaged: z.boolean().default(false),
            /** Extra SSH known_hosts lines for a self-hosted Git server (GitHub/GitLab/Bitbucket are built in). */
            sshKnownHosts: z.array(z.string().min(1)).default([]),
        })
        .prefault({}),
    repo: z.strictObject({
        url: z.string().regex(/^(https:\/\/|ssh:\/\/|git@)/, "must be an https://, ssh:// or git@ URL"),
        revision: z.string().min(1).default("HEAD"),
        /** Folder the root Application watches (layout app-of-apps). */
        path: z.string().min(1).optional(),
        /** Let the root Application read subfolders of `path` too (directory.recurse). */
        recurse: z.boolean().default(false),
        /** none: public repo; ssh: homelab:gitSshPrivateKey; https: homelab:gitToken. */
        credentials: z.enum(["none", "ssh", "https"]).default("none"),
        /** HTTPS user name sent with the token (GitHub accepts any; GitLab wants oauth2 or the token name). */
        username: z.string().optional(),
    }),
    layout: z.enum(["app-of-apps", "applicationsets"]).default("app-of-apps"),
    /**
     * The AppProject the root Application / ApplicationSets (and the apps they generate) belong
     * to: sources limited to `repo.url`, destinations this cluster only.
     */
    project: z
        .strictObject({
            name: dnsLabel.default("homelab-root"),
            /** GnuPG key IDs (16 hex digits) commits must be signed with before ArgoCD syncs them. */
            signatureKeys: z.array(z.string().regex(/^[0-9A-Fa-f]{16}$/, "must be a 16-hex-digit GnuPG key ID")).default([]),
        })
        .prefault({}),
    /**
     * applicationsets layout: one ApplicationSet per entry, generating one Application per folder
     * directly under `path` (relative to the repository root).
     */
    applicationSets: z
        .array(
            z.strictObject({
                name: dnsLabel,
                path: z.string().min(1),
                /** Target namespace of the generated apps; default: the folder's name. */
                namespace: dnsLabel.optional(),
            }),
        )
        .default([]),
    secrets: z
        .strictObject({
            externalSecrets: z
                .strictObject({
                    provider: z.enum(["infisical", "vault", "bitwarden"]),
                    /** Infisical project slug / Vault server / Bitwarden org, as the store needs. */
                    project: z.string().optional(),
                    environment: z.string().optional(),
                    server: z.string().optional(),
                    /** Namespace of the operator and of the credential Secret Pulumi writes. */
                    namespace: dnsLabel.default("external-secrets"),
                    controller: controllerSource.default("git"),
                    /**
                     * Bitwarden with `controller: helm`: the chart's bitwarden-sdk-server mounts the
                     * Secret `bitwarden-tls-certs` (tls.crt, tls.key, ca.crt) and does not start
                     * without it. `pulumi`: generated here (self-signed, for the SDK server's
                     * in-cluster name); `existing`: you create it before `pulumi up`.
                     */
                    bitwardenTls: z.enum(["pulumi", "existing"]).optional(),
                })
                .optional(),
            /** `true` is short for `{ enabled: true }` (defaults: kube-system, controller from Git). */
            sealedSecrets: z
                .preprocess((v) => (typeof v === "boolean" ? { enabled: v } : v), sealedSecretsBlock)
                .prefault({ enabled: false }),
        })
        .prefault({}),
    /**
     * Charts the GitOps repository owns after the first install: Pulumi installs them once, then
     * ignores chart/version/values changes and keeps them on delete (docs/gitops.md "Handoff").
     */
    handoff: z.array(z.enum(handoffNames)).default([]),
    /** Extra waits for the root's first sync (docs/gitops.md "Ordering"); none by default. */
    rootWaitsFor: z.array(z.enum(rootWaitTargets)).default([]),
});
