/** Schema of `homelab:cloudflare`: zone, tunnel and DNS records. The API token is `cloudflare:apiToken`. */
import { z } from "zod";
import { dnsLabel, dnsName } from "./common";

export const tunnelIngressSchema = z.strictObject({
    hostname: dnsName,
    /** Origin URL, e.g. http://envoy-external.network.svc.cluster.local:80 */
    service: z.string().regex(/^(https?|tcp|ssh|rdp|unix|http_status):/, "must be an origin URL such as http://svc.ns:80"),
    /** Path the rule also matches (a regular expression, cloudflared ingress `path`); unset: every path. */
    path: z.string().optional(),
    noTlsVerify: z.boolean().optional(),
    /**
     * TLS server name (SNI, and the name the certificate is checked against) for an https
     * origin. Needed when the origin's certificate is for the public names, not the .svc name.
     */
    originServerName: dnsName.optional(),
    /** Host header sent to the origin (defaults to the request's). */
    httpHostHeader: z.string().min(1).optional(),
});

export const dnsRecordSchema = z.strictObject({
    /** Record name relative to the zone, or "@". */
    name: z.string().min(1),
    type: z.enum(["A", "AAAA", "CNAME", "TXT", "MX", "CAA", "SRV"]),
    content: z.string().min(1),
    proxied: z.boolean().default(false),
    /** 1 = automatic; otherwise 60-86400 seconds. */
    ttl: z.number().int().refine((v) => v === 1 || (v >= 60 && v <= 86400), "must be 1 (automatic) or 60-86400").default(1),
    /** Required for MX records. */
    priority: z.number().int().min(0).max(65535).optional(),
    comment: z.string().optional(),
});

export const cloudflareSchema = z.strictObject({
    accountId: z.string().regex(/^[0-9a-f]{32}$/, "must be the 32-character hex account id").optional(),
    zone: dnsName,
    tunnel: z
        .strictObject({
            enabled: z.boolean().default(false),
            name: dnsLabel.optional(),
            ingress: z.array(tunnelIngressSchema).default([]),
            replicas: z.number().int().min(1).default(2),
            namespace: dnsLabel.default("network"),
            /**
             * Allow `*.zone` ingress hostnames. Off by default: with a wildcard, any route added
             * in Git is on the internet at once (docs/security.md). Explicit hostnames instead.
             */
            allowWildcard: z.boolean().default(false),
            /**
             * Cloudflare Access in front of the listed admin hostnames: one self-hosted Access
             * application each, allowing only the listed emails / email domains (Cloudflare's
             * one-time PIN or the account's identity providers log them in).
             */
            access: z
                .strictObject({
                    hostnames: z.array(dnsName).min(1),
                    emails: z.array(z.email()).default([]),
                    emailDomains: z.array(dnsName).default([]),
                    /** How long an Access login lasts, e.g. 24h. */
                    sessionDuration: z.string().regex(/^\d+(m|h)$/, "must look like 30m or 24h").default("24h"),
                })
                .optional(),
        })
        .prefault({}),
    dnsRecords: z.array(dnsRecordSchema).default([]),
});
