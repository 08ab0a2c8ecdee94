// Nested input object types, named like the generated @pulumiverse/talos v0.8.1 SDK.
// Types used by resources have one (Input-typed) form; types used by invokes have a plain
// form (for `getX`) and an `...Args` form (for `getXOutput`).
import * as pulumi from "@pulumi/pulumi";
import * as inputs from "./input";

export namespace client {
    /** talos:client/getConfigurationClientConfiguration */
    export interface GetConfigurationClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface GetConfigurationClientConfigurationArgs {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }
}

export namespace cluster {
    export interface GetHealthClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface GetHealthClientConfigurationArgs {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }

    export interface GetHealthTimeouts {
        /** Go duration string, e.g. "10m". */
        read?: string;
    }

    export interface GetHealthTimeoutsArgs {
        read?: pulumi.Input<string | undefined>;
    }

    export interface GetKubeconfigClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface GetKubeconfigClientConfigurationArgs {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }

    export interface GetKubeconfigTimeouts {
        read?: string;
    }

    export interface GetKubeconfigTimeoutsArgs {
        read?: pulumi.Input<string | undefined>;
    }

    export interface KubeconfigClientConfiguration {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }

    export interface KubeconfigKubernetesClientConfiguration {
        caCertificate?: pulumi.Input<string | undefined>;
        clientCertificate?: pulumi.Input<string | undefined>;
        clientKey?: pulumi.Input<string | undefined>;
        host?: pulumi.Input<string | undefined>;
    }

    export interface KubeconfigTimeouts {
        create?: pulumi.Input<string | undefined>;
        update?: pulumi.Input<string | undefined>;
    }
}

export namespace imageFactory {
    export interface GetExtensionsVersionsExactFilters {
        names?: string[];
    }

    export interface GetExtensionsVersionsExactFiltersArgs {
        names?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    }

    export interface GetExtensionsVersionsFilters {
        names?: string[];
    }

    export interface GetExtensionsVersionsFiltersArgs {
        names?: pulumi.Input<pulumi.Input<string>[] | undefined>;
    }

    export interface GetOverlaysVersionsFilters {
        name?: string;
    }

    export interface GetOverlaysVersionsFiltersArgs {
        name?: pulumi.Input<string | undefined>;
    }

    export interface GetVersionsFilters {
        stableVersionsOnly?: boolean;
    }

    export interface GetVersionsFiltersArgs {
        stableVersionsOnly?: pulumi.Input<boolean | undefined>;
    }
}

export namespace machine {
    export interface BootstrapClientConfigurationWo {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }

    export interface BootstrapTimeouts {
        create?: pulumi.Input<string | undefined>;
    }

    export interface Certificate {
        cert: string;
        key: string;
    }

    export interface CertificateArgs {
        cert: pulumi.Input<string>;
        key: pulumi.Input<string>;
    }

    export interface Certificates {
        etcd: inputs.machine.Certificate;
        k8s: inputs.machine.Certificate;
        k8sAggregator: inputs.machine.Certificate;
        k8sServiceaccount: inputs.machine.Key;
        os: inputs.machine.Certificate;
    }

    export interface CertificatesArgs {
        etcd: pulumi.Input<inputs.machine.CertificateArgs>;
        k8s: pulumi.Input<inputs.machine.CertificateArgs>;
        k8sAggregator: pulumi.Input<inputs.machine.CertificateArgs>;
        k8sServiceaccount: pulumi.Input<inputs.machine.KeyArgs>;
        os: pulumi.Input<inputs.machine.CertificateArgs>;
    }

    /** talos:machine/generated:ClientConfiguration (as returned by `machine.Secrets.clientConfiguration`). */
    export interface ClientConfiguration {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }

    /**
     * @deprecated Local alias only: the published SDK names this type
     * `types.input.machine.ClientConfiguration`. Use that name so swapping in the
     * published package stays a package.json-only change.
     */
    export type ClientConfigurationArgs = ClientConfiguration;

    export interface Cluster {
        id: string;
        secret: string;
    }

    export interface ClusterArgs {
        id: pulumi.Input<string>;
        secret: pulumi.Input<string>;
    }

    export interface ConfigurationApplyClientConfigurationWo {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }

    export interface ConfigurationApplyOnDestroy {
        /** Default true. */
        graceful?: pulumi.Input<boolean | undefined>;
        /** Default false. */
        reboot?: pulumi.Input<boolean | undefined>;
        /** Default false. */
        reset?: pulumi.Input<boolean | undefined>;
    }

    export interface GetDisksClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface GetDisksClientConfigurationArgs {
        caCertificate: pulumi.Input<string>;
        clientCertificate: pulumi.Input<string>;
        clientKey: pulumi.Input<string>;
    }

    export interface GetDisksTimeouts {
        read?: string;
    }

    export interface GetDisksTimeoutsArgs {
        read?: pulumi.Input<string | undefined>;
    }

    export interface Key {
        key: string;
    }

    export interface KeyArgs {
        key: pulumi.Input<string>;
    }

    export interface KubernetesSecrets {
        aescbcEncryptionSecret?: string;
        bootstrapToken: string;
        secretboxEncryptionSecret: string;
    }

    export interface KubernetesSecretsArgs {
        aescbcEncryptionSecret?: pulumi.Input<string | undefined>;
        bootstrapToken: pulumi.Input<string>;
        secretboxEncryptionSecret: pulumi.Input<string>;
    }

    /** talos:machine/generated:MachineSecrets (the shape of `machine.Secrets.machineSecrets`). */
    export interface MachineSecrets {
        certs: inputs.machine.Certificates;
        cluster: inputs.machine.Cluster;
        secrets: inputs.machine.KubernetesSecrets;
        trustdinfo: inputs.machine.TrustdInfo;
    }

    export interface MachineSecretsArgs {
        certs: pulumi.Input<inputs.machine.CertificatesArgs>;
        cluster: pulumi.Input<inputs.machine.ClusterArgs>;
        secrets: pulumi.Input<inputs.machine.KubernetesSecretsArgs>;
        trustdinfo: pulumi.Input<inputs.machine.TrustdInfoArgs>;
    }

    /** Go duration strings. */
    export interface Timeout {
        create?: pulumi.Input<string | undefined>;
        delete?: pulumi.Input<string | undefined>;
        update?: pulumi.Input<string | undefined>;
    }

    export interface TrustdInfo {
        token: string;
    }

    export interface TrustdInfoArgs {
        token: pulumi.Input<string>;
    }
}
