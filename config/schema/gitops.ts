/** Schema of `homelab:gitops`: ArgoCD, the GitOps repository and the root of the app tree. */
import { z } from "zod";
import { dnsLabel, dnsName, duration } from "./common";

export const gitopsSchema = z.strictObject({
    argocd: z
        .strictObject({
            /** Public host name of the ArgoCD UI, if any. */
            domain: dnsName.optional(),
            /** Serve plain HTTP because TLS ends at the tunnel or ingress. */
            insecure: z.boolean().default(true),
            /** How often ArgoCD polls Git (timeout.reconciliation). */
            reconciliation: duration.default("180s"),
            /** Extra Helm values merged over ours. */
            values: z.record(z.string(), z.unknown()).default({}),
        })
        .prefault({}),
    repo: z.strictObject({
        url: z.string().regex(/^(https:\/\/|ssh:\/\/|git@)/, "must be an https://, ssh:// or git@ URL"),
        revision: z.string().min(1).default("HEAD"),
        path: z.string().min(1),
        /** none: public repo; ssh: homelab:gitSshPrivateKey; https: homelab:gitToken. */
        credentials: z.enum(["none", "ssh", "https"]).default("none"),
        username: z.string().optional(),
    }),
    layout: z.enum(["app-of-apps", "applicationsets"]).default("app-of-apps"),
    /** applicationsets layout: one ApplicationSet per entry over the directories under `path`. */
    applicationSets: z
        .array(z.strictObject({ name: dnsLabel, path: z.string().min(1), namespace: dnsLabel.optional() }))
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
                })
                .optional(),
            sealedSecrets: z.boolean().default(false),
        })
        .prefault({}),
});
