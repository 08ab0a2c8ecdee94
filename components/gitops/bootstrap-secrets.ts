/**
 * Credentials an in-cluster secret operator needs before Git can take over: the External Secrets
 * provider credential (Infisical universal auth, Vault token or Bitwarden access token) as a
 * Secret that the ClusterSecretStore in the GitOps repository references. Optionally installs the
 * operator itself from the pinned chart.
 */
import { pinnedRelease } from "../helm";
import { builtinNamespaces, platformNamespace } from "../namespace";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { charts, type ChartPin } from "../../config/versions";
import {
    BITWARDEN_TLS_SECRET,
    bitwardenSdkServerDnsNames,
    clusterSecretStoreManifest,
    externalSecretsCredentialLayout,
    externalSecretsValues,
    type ExternalSecretsCredentialKey,
    type ExternalSecretsProvider,
} from "./secret-manifests";

/** Inputs of {@link BootstrapSecrets}. */
export interface BootstrapSecretsArgs {
    readonly provider: k8s.Provider;
    /** `gitops.secrets.externalSecrets`. */
    readonly externalSecrets: {
        readonly provider: ExternalSecretsProvider;
        readonly namespace: string;
        readonly controller: "git" | "helm";
        readonly project?: string;
        readonly environment?: string;
        readonly server?: string;
        /** Bitwarden + helm: where the SDK server's certificate comes from (validation requires it). */
        readonly bitwardenTls?: "pulumi" | "existing";
    };
    /** The credentials from secret config (only the provider's are read). */
    readonly credentials: Readonly<Partial<Record<ExternalSecretsCredentialKey, pulumi.Output<string>>>>;
    /** What the operator's pods need first (CNI); only used when Pulumi installs the chart. */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly chart?: ChartPin;
    /** The GitOps repository owns the chart after the first install (gitops.handoff); the credential stays Pulumi's. */
    readonly handoff?: boolean;
}

/** `homelab:gitops:BootstrapSecrets` */
export class BootstrapSecrets extends pulumi.ComponentResource {
    /** The operator's namespace; undefined when it is a built-in one (kube-system), never created or deleted. */
    public readonly namespace?: k8s.core.v1.Namespace;
    public readonly secret: k8s.core.v1.Secret;
    /** The operator's release, when Pulumi installs it. */
    public readonly release?: k8s.helm.v3.Release;
    /** What the root must wait for. */
    public readonly ready: pulumi.Resource[];
    /** The ClusterSecretStore to commit to Git (see clusterSecretStoreManifest). */
    public readonly clusterSecretStore?: Record<string, unknown>;

    constructor(name: string, args: BootstrapSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:gitops:BootstrapSecrets", name, {}, opts);
        // Every object waits for the layers below (a component's own dependsOn does not reach its children).
        const k8sOpts = { parent: this, provider: args.provider, dependsOn: args.dependsOn ?? [] };
        const es = args.externalSecrets;
        const layout = externalSecretsCredentialLayout(es.provider);

        // baseline: the operator needs no host access (warns at restricted).
        this.namespace = builtinNamespaces.has(es.namespace)
            ? undefined
            : platformNamespace(`${name}-namespace`, { name: es.namespace, podSecurity: "baseline" }, k8sOpts);
        const nsName: pulumi.Input<string> = this.namespace ? this.namespace.metadata.name : es.namespace;
        const nsDeps: pulumi.Resource[] = this.namespace ? [this.namespace] : [];
        this.clusterSecretStore = clusterSecretStoreManifest(es);

        const stringData: Record<string, pulumi.Output<string>> = {};
        for (const [dataKey, configKey] of Object.entries(layout.keys)) {
            const v = args.credentials[configKey];
            if (!v) throw new Error(`gitops.secrets.externalSecrets.provider is ${es.provider} but homelab:${configKey} is not set`);
            stringData[dataKey] = pulumi.secret(v);
        }
        this.secret = new k8s.core.v1.Secret(
            `${name}-${es.provider}`,
            {
                metadata: {
                    name: layout.secretName,
                    namespace: nsName,
                    labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "homelab-bootstrap" },
                },
                type: "Opaque",
                stringData,
            },
            k8sOpts,
        );

        if (es.controller === "helm") {
            const pin = args.chart ?? charts.externalSecrets;
            const tlsSecret = es.provider === "bitwarden" && es.bitwardenTls === "pulumi" ? this.bitwardenTls(name, es.namespace, nsName, nsDeps, k8sOpts) : undefined;
            this.release = pinnedRelease(
                `${name}-external-secrets`,
                {
                    release: "external-secrets",
                    pin,
                    namespace: nsName,
                    values: externalSecretsValues(es.provider),
                    timeout: 600,
                    handoff: args.handoff,
                },
                { ...k8sOpts, dependsOn: [...nsDeps, ...(tlsSecret ? [tlsSecret] : []), ...(args.dependsOn ?? [])] },
            );
        }
        this.ready = this.release ? [this.secret, this.release] : [this.secret];
        this.registerOutputs({ secretName: layout.secretName, namespace: es.namespace });
    }

    /**
     * The bitwarden-sdk-server's certificate: a self-signed ECDSA certificate for its in-cluster
     * names, generated once and kept in state (like the sealing key), as `bitwarden-tls-certs`
     * with tls.crt, tls.key and ca.crt (the store's caBundle is that same certificate).
     */
    private bitwardenTls(
        name: string,
        namespace: string,
        nsName: pulumi.Input<string>,
        nsDeps: pulumi.Resource[],
        k8sOpts: pulumi.CustomResourceOptions,
    ): k8s.core.v1.Secret {
        const key = new tls.PrivateKey(`${name}-bitwarden-tls-key`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
        const cert = new tls.SelfSignedCert(
            `${name}-bitwarden-tls-cert`,
            {
                privateKeyPem: key.privateKeyPem,
                subject: { commonName: `bitwarden-sdk-server.${namespace}.svc.cluster.local` },
                dnsNames: bitwardenSdkServerDnsNames(namespace),
                isCaCertificate: true,
                validityPeriodHours: 10 * 365 * 24,
                allowedUses: ["digital_signature", "key_encipherment", "server_auth", "cert_signing"],
            },
            { parent: this },
        );
        return new k8s.core.v1.Secret(
            `${name}-bitwarden-tls`,
            {
                metadata: { name: BITWARDEN_TLS_SECRET, namespace: nsName },
                type: "kubernetes.io/tls",
                stringData: { "tls.crt": cert.certPem, "ca.crt": cert.certPem, "tls.key": pulumi.secret(key.privateKeyPem) },
            },
            { ...k8sOpts, dependsOn: nsDeps, additionalSecretOutputs: ["data", "stringData"] },
        );
    }
}
