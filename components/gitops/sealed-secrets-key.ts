/**
 * The Sealed Secrets sealing key, owned by Pulumi: an RSA 4096 key and a self-signed certificate
 * generated once and protected, installed as the controller's active key before the controller
 * starts. A rebuilt cluster therefore decrypts the SealedSecrets already in Git
 * (https://github.com/bitnami-labs/sealed-secrets/blob/main/docs/bring-your-own-certificates.md).
 */
import { pinnedRelease } from "../helm";
import { builtinNamespaces, platformNamespace } from "../namespace";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { charts, type ChartPin } from "../../config/versions";
import { SEALED_SECRETS_CERT_SUBJECT, SEALED_SECRETS_KEY_LABEL, SEALED_SECRETS_KEY_NAME, sealedSecretsValues } from "./secret-manifests";

/** Inputs of {@link SealedSecretsKey}. */
export interface SealedSecretsKeyArgs {
    readonly provider: k8s.Provider;
    /** `gitops.secrets.sealedSecrets`. */
    readonly settings: { readonly namespace: string; readonly controller: "git" | "helm"; readonly certValidityDays: number };
    /** What the controller's pods need first (CNI); only used when Pulumi installs the chart. */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
    readonly chart?: ChartPin;
    /** The GitOps repository owns the chart after the first install (gitops.handoff); the key stays Pulumi's. */
    readonly handoff?: boolean;
}

/** `homelab:gitops:SealedSecretsKey` */
export class SealedSecretsKey extends pulumi.ComponentResource {
    public readonly privateKey: tls.PrivateKey;
    public readonly certificate: tls.SelfSignedCert;
    public readonly secret: k8s.core.v1.Secret;
    public readonly release?: k8s.helm.v3.Release;
    /** The public sealing certificate (PEM): `kubeseal --cert` works offline with it. */
    public readonly certificatePem: pulumi.Output<string>;
    /** What the root must wait for. */
    public readonly ready: pulumi.Resource[];

    constructor(name: string, args: SealedSecretsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("homelab:gitops:SealedSecretsKey", name, {}, opts);
        // Every object waits for the layers below (a component's own dependsOn does not reach its children).
        const k8sOpts = { parent: this, provider: args.provider, dependsOn: args.dependsOn ?? [] };
        const s = args.settings;

        // Protected: losing the key means every SealedSecret in Git must be re-sealed.
        this.privateKey = new tls.PrivateKey(`${name}-private-key`, { algorithm: "RSA", rsaBits: 4096 }, { parent: this, protect: true });
        this.certificate = new tls.SelfSignedCert(
            `${name}-certificate`,
            {
                privateKeyPem: this.privateKey.privateKeyPem,
                subject: { ...SEALED_SECRETS_CERT_SUBJECT },
                validityPeriodHours: s.certValidityDays * 24,
                allowedUses: ["key_encipherment", "data_encipherment"],
            },
            // Expiry does not stop decryption (the controller only uses the key); kubeseal warns.
            { parent: this, protect: true },
        );
        this.certificatePem = this.certificate.certPem;

        // baseline: the controller needs no host access (warns at restricted).
        const namespace = builtinNamespaces.has(s.namespace)
            ? undefined
            : platformNamespace(`${name}-namespace`, { name: s.namespace, podSecurity: "baseline" }, k8sOpts);

        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: { name: SEALED_SECRETS_KEY_NAME, namespace: namespace ? namespace.metadata.name : s.namespace, labels: { ...SEALED_SECRETS_KEY_LABEL } },
                type: "kubernetes.io/tls",
                stringData: {
                    "tls.crt": this.certificate.certPem,
                    "tls.key": pulumi.secret(this.privateKey.privateKeyPem),
                },
            },
            k8sOpts,
        );

        if (s.controller === "helm") {
            const pin = args.chart ?? charts.sealedSecrets;
            // After the key Secret: a controller that starts without a key generates its own.
            this.release = pinnedRelease(
                `${name}-controller`,
                { release: "sealed-secrets", pin, namespace: s.namespace, values: sealedSecretsValues(), timeout: 600, handoff: args.handoff },
                { ...k8sOpts, dependsOn: [this.secret, ...(namespace ? [namespace] : []), ...(args.dependsOn ?? [])] },
            );
        }
        this.ready = this.release ? [this.secret, this.release] : [this.secret];
        this.registerOutputs({ certificatePem: this.certificatePem, secretName: SEALED_SECRETS_KEY_NAME });
    }
}
