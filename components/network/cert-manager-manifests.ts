/** Pure builders for cert-manager: chart values and ACME ClusterIssuer specs. */
import type { ClusterSpec } from "../../config/spec";
import { deepMerge, type Values } from "./merge";

export type CertManagerSpec = ClusterSpec["certManager"];
export type IssuerKind = CertManagerSpec["issuers"][number];

export const certManagerNamespace = "cert-manager";

/** Secret holding the Cloudflare API token for DNS-01, and its key. */
export const cloudflareTokenSecret = { name: "cloudflare-api-token", key: "api-token" } as const;

/** Let's Encrypt ACME directories. https://letsencrypt.org/docs/environments/ */
export const acmeServers: Record<IssuerKind, string> = {
    production: "https://acme-v02.api.letsencrypt.org/directory",
    staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
};

/**
 * Chart values. CRDs come with the chart and stay when the release is removed (deleting them
 * would delete every Certificate). The DNS-01 self-check asks public resolvers only, so a LAN
 * resolver with split-horizon records cannot make it fail.
 * https://cert-manager.io/docs/configuration/acme/dns01/#setting-nameservers-for-dns01-self-check
 */
export function certManagerValues(cm: CertManagerSpec): Values {
    return deepMerge(
        {
            crds: { enabled: true, keep: true },
            dns01RecursiveNameservers: cm.recursiveNameservers.join(","),
            dns01RecursiveNameserversOnly: true,
        },
        cm.values,
    );
}

/** Name of a ClusterIssuer kind, as configured. */
export function issuerName(cm: CertManagerSpec, kind: IssuerKind): string {
    return cm.issuerNames[kind];
}

/** `ClusterIssuer.spec` (cert-manager.io/v1): ACME with a Cloudflare DNS-01 solver for the zone. */
export function clusterIssuerSpec(cm: CertManagerSpec, kind: IssuerKind, zone: string | undefined): Record<string, unknown> {
    return {
        acme: {
            server: acmeServers[kind],
            email: cm.email,
            privateKeySecretRef: { name: `${issuerName(cm, kind)}-account-key` },
            solvers: [
                {
                    dns01: { cloudflare: { apiTokenSecretRef: { name: cloudflareTokenSecret.name, key: cloudflareTokenSecret.key } } },
                    ...(zone ? { selector: { dnsZones: [zone] } } : {}),
                },
            ],
        },
    };
}
