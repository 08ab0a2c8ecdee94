/** Schema of `homelab:certManager`: cert-manager and its ACME issuers. */
import { z } from "zod";
import { dnsLabel } from "./common";

export const certManagerSchema = z.strictObject({
    enabled: z.boolean().default(false),
    email: z.email().optional(),
    /** Which ACME ClusterIssuers to create. */
    issuers: z.array(z.enum(["production", "staging"])).default(["production", "staging"]),
    /**
     * ClusterIssuer names, for repositories whose Ingresses already name one
     * (`cert-manager.io/cluster-issuer: letsencrypt-prod`).
     */
    issuerNames: z
        .strictObject({
            production: dnsLabel.default("letsencrypt-production"),
            staging: dnsLabel.default("letsencrypt-staging"),
        })
        .prefault({}),
    /** DNS-01 solver; Cloudflare uses the `cloudflare:apiToken` credential. */
    solver: z.enum(["cloudflare"]).default("cloudflare"),
    /** Recursive nameservers for the DNS-01 self-check (avoids split-horizon LAN DNS). */
    recursiveNameservers: z.array(z.string().min(1)).default(["1.1.1.1:53", "1.0.0.1:53"]),
    /** Extra Helm values merged over ours. */
    values: z.record(z.string(), z.unknown()).default({}),
});
