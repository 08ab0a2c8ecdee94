// Nested output object types, named like the generated @pulumiverse/talos v0.8.1 SDK.
import * as outputs from "./output";

export namespace client {
    export interface GetConfigurationClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }
}

export namespace cluster {
    export interface GetHealthClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface GetHealthTimeouts {
        read?: string;
    }

    export interface GetKubeconfigClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface GetKubeconfigKubernetesClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
        host: string;
    }

    export interface GetKubeconfigTimeouts {
        read?: string;
    }

    export interface KubeconfigClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface KubeconfigKubernetesClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
        host: string;
    }

    export interface KubeconfigTimeouts {
        create?: string;
        update?: string;
    }
}

export namespace imageFactory {
    export interface GetExtensionsVersionsExactFilters {
        names?: string[];
    }

    export interface GetExtensionsVersionsExtensionsInfo {
        author: string;
        description: string;
        digest: string;
        name: string;
        ref: string;
    }

    export interface GetExtensionsVersionsFilters {
        names?: string[];
    }

    export interface GetOverlaysVersionsFilters {
        name?: string;
    }

    export interface GetOverlaysVersionsOverlaysInfo {
        digest: string;
        image: string;
        name: string;
        ref: string;
    }

    export interface GetUrlsUrls {
        diskImage: string;
        diskImageSecureboot: string;
        initramfs: string;
        /** e.g. factory.talos.dev/metal-installer/<schematicId>:<talosVersion> */
        installer: string;
        installerSecureboot: string;
        iso: string;
        isoSecureboot: string;
        kernel: string;
        kernelCommandLine: string;
        pxe: string;
        uki: string;
    }

    export interface GetVersionsFilters {
        stableVersionsOnly?: boolean;
    }
}

export namespace machine {
    export interface BootstrapClientConfigurationWo {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface BootstrapTimeouts {
        create?: string;
    }

    export interface Certificate {
        cert: string;
        key: string;
    }

    export interface Certificates {
        etcd: outputs.machine.Certificate;
        k8s: outputs.machine.Certificate;
        k8sAggregator: outputs.machine.Certificate;
        k8sServiceaccount: outputs.machine.Key;
        os: outputs.machine.Certificate;
    }

    export interface ClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface Cluster {
        id: string;
        secret: string;
    }

    export interface ConfigurationApplyClientConfigurationWo {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface ConfigurationApplyOnDestroy {
        graceful: boolean;
        reboot: boolean;
        reset: boolean;
    }

    export interface GetDisksClientConfiguration {
        caCertificate: string;
        clientCertificate: string;
        clientKey: string;
    }

    export interface GetDisksDisk {
        busPath: string;
        cdrom: boolean;
        devPath: string;
        ioSize: number;
        modalias: string;
        model: string;
        prettySize: string;
        readonly: boolean;
        rotational: boolean;
        secondaryDisks: string[];
        sectorSize: number;
        serial: string;
        size: number;
        subSystem: string;
        symlinks: string[];
        transport: string;
        uuid: string;
        wwid: string;
    }

    export interface GetDisksTimeouts {
        read?: string;
    }

    export interface Key {
        key: string;
    }

    export interface KubernetesSecrets {
        aescbcEncryptionSecret?: string;
        bootstrapToken: string;
        secretboxEncryptionSecret: string;
    }

    export interface MachineSecrets {
        certs: outputs.machine.Certificates;
        cluster: outputs.machine.Cluster;
        secrets: outputs.machine.KubernetesSecrets;
        trustdinfo: outputs.machine.TrustdInfo;
    }

    export interface Timeout {
        create?: string;
        delete?: string;
        update?: string;
    }

    export interface TrustdInfo {
        token: string;
    }
}
