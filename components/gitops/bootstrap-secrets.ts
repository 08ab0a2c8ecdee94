/**
 * Credentials an in-cluster secret operator needs before Git can take over: the External Secrets
 * provider credential (Infisical universal auth, Vault token or Bitwarden access token) as a
 * Secret that the ClusterSecretStore in the GitOps repository references. Optionally installs the
 * operator itself from the pinned chart.
 */
import { pinnedRelease } from "../helm";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { charts, type ChartPin } from "../../config/versions";
import {
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
    };
    /** The credentials from secret config (only the provider's are read). */
    readonly credentials: Readonly<Partial<Record<ExternalSecretsCredentialKey, pulumi.Output<string>>>>;
    /** What the operator's pods need first (CNI); only used when Pulumi installs the chart. */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly chart?: ChartPin;
}

/** `homelab:gitops:BootstrapSecrets` */
export class BootstrapSecrets extends pulumi.ComponentResource {
    public readonly namespace: k8s.core.v1.Namespace;
    public readonly secret: k8s.core.v1.Secret;
    /** The operator's release, when Pulumi installs it. */
    public readonly release?: k8s.helm.v3.Release;
    /** What the root must wait for. */
    public readonly ready: pulumi.Resource[];

    constructor(name: string, args: BootstrapSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:gitops:BootstrapSecrets", name, {}, opts);
        // Every object waits for the layers below (a component's own dependsOn does not reach its children).
        const k8sOpts = { parent: this, provider: args.provider, dependsOn: args.dependsOn ?? [] };
        const es = args.externalSecrets;
        const layout = externalSecretsCredentialLayout(es.provider);

        this.namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: es.namespace } }, k8sOpts);

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
                    namespace: this.namespace.metadata.name,
                    labels: { "app.kubernetes.io/managed-by": "pulumi", "app.kubernetes.io/part-of": "homelab-bootstrap" },
                },
                type: "Opaque",
                stringData,
            },
            k8sOpts,
        );

        if (es.controller === "helm") {
            const pin = args.chart ?? charts.externalSecrets;
            this.release = pinnedRelease(
                `${name}-external-secrets`,
                { release: "external-secrets", pin, namespace: this.namespace.metadata.name, values: externalSecretsValues(es.provider), timeout: 600 },
                { ...k8sOpts, dependsOn: [this.namespace, ...(args.dependsOn ?? [])] },
            );
        }
        this.ready = this.release ? [this.secret, this.release] : [this.secret];
        this.registerOutputs({ secretName: layout.secretName, namespace: es.namespace });
    }
}
