/**
 * cert-manager (chart with CRDs), the Cloudflare API token for DNS-01 in a Secret, and the ACME
 * ClusterIssuers. The issuers depend on the release: their CRD and the webhook that admits them
 * come from the chart.
 */
import { pinnedRelease } from "../helm";
import { platformNamespace } from "../namespace";
import { inheritedDependsOn } from "../dependencies";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { charts } from "../../config/versions";
import {
    certManagerNamespace,
    certManagerValues,
    cloudflareTokenSecret,
    clusterIssuerSpec,
    issuerName,
    type CertManagerSpec,
} from "./cert-manager-manifests";

export interface CertManagerArgs {
    /** `homelab:certManager` (enabled). */
    readonly certManager: CertManagerSpec;
    /** Cloudflare zone the DNS-01 solver answers for. */
    readonly zone?: string;
    /** Cloudflare API token (secret). Absent only in runs without credentials; then no Secret is made. */
    readonly apiToken?: pulumi.Input<string>;
    /**
     * homelab:cloudflareDnsToken (secret): a token that can only edit DNS of the zone, for the
     * DNS-01 solver. Preferred over `apiToken`, which can also edit the tunnel (docs/security.md).
     */
    readonly dnsToken?: pulumi.Input<string>;
    readonly provider: k8s.Provider;
    /** The GitOps repository owns the chart after the first install (gitops.handoff); the issuers stay Pulumi's. */
    readonly handoff?: boolean;
}

export class CertManager extends pulumi.ComponentResource {
    public readonly release: k8s.helm.v3.Release;
    /** Names of the ClusterIssuers, production first. */
    public readonly issuerNames: string[];

    constructor(name: string, args: CertManagerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:network:CertManager", name, {}, opts);
        const k = { parent: this, provider: args.provider, dependsOn: inheritedDependsOn(opts) };
        const cm = args.certManager;
        // restricted: the chart's pods run as non-root with a RuntimeDefault seccomp profile and no
        // capabilities (cert-manager's own "best practice" installation).
        const ns = platformNamespace(`${name}-namespace`, { name: certManagerNamespace, podSecurity: "restricted" }, k);
        const pin = charts.certManager;
        this.release = pinnedRelease(
            `${name}-release`,
            { release: "cert-manager", pin, namespace: ns.metadata.name, values: certManagerValues(cm), handoff: args.handoff },
            { ...k, dependsOn: [ns] },
        );
        const issuerDeps: pulumi.Resource[] = [this.release];
        const token = args.dnsToken ?? args.apiToken;
        if (args.dnsToken === undefined && args.apiToken !== undefined) {
            void pulumi.log.warn(
                "cert-manager uses cloudflare:apiToken, which can also edit the tunnel: set homelab:cloudflareDnsToken to a token limited to Zone.DNS:Edit on the zone (docs/security.md)",
                this,
            );
        }
        if (token !== undefined) {
            issuerDeps.push(
                new k8s.core.v1.Secret(
                    `${name}-cloudflare-token`,
                    {
                        metadata: { name: cloudflareTokenSecret.name, namespace: certManagerNamespace },
                        type: "Opaque",
                        stringData: { [cloudflareTokenSecret.key]: pulumi.secret(token) },
                    },
                    { ...k, dependsOn: [ns], additionalSecretOutputs: ["data", "stringData"] },
                ),
            );
        } else {
            void pulumi.log.warn("cloudflare:apiToken is not set (nor homelab:cloudflareDnsToken): the DNS-01 token Secret is not created, so the ClusterIssuers cannot solve challenges", this);
        }
        const kinds = (["production", "staging"] as const).filter((kind) => cm.issuers.includes(kind));
        this.issuerNames = kinds.map((kind) => issuerName(cm, kind));
        for (const kind of kinds) {
            new k8s.apiextensions.CustomResource(
                `${name}-issuer-${kind}`,
                {
                    apiVersion: "cert-manager.io/v1",
                    kind: "ClusterIssuer",
                    metadata: { name: issuerName(cm, kind) },
                    spec: clusterIssuerSpec(cm, kind, args.zone),
                },
                { ...k, dependsOn: issuerDeps },
            );
        }
        this.registerOutputs({ issuers: this.issuerNames });
    }
}
