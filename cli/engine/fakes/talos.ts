/**
 * Fakes for the pulumiverse Talos provider: update-mode outputs with the provider's real shapes
 * (pulumi-talos-0.8.1 schema) and answers for every invoke the Talos node layer uses. Values are
 * deterministic placeholders; nothing here is a usable key or certificate.
 */
import { createHash } from "node:crypto";
import { stringify } from "yaml";
import type { FakeTable } from "./index";
import { placeholder } from "./index";

const pem = (what: string) => Buffer.from(placeholder(what)).toString("base64");
const certKey = (what: string) => ({ cert: pem(`${what}-cert`), key: pem(`${what}-key`) });

/** `machine.Secrets.clientConfiguration` shape. */
function clientConfiguration(name: string) {
    return { caCertificate: pem(`${name}-os-ca`), clientCertificate: pem(`${name}-admin-cert`), clientKey: pem(`${name}-admin-key`) };
}

/** `machine.Secrets.machineSecrets` shape (camelCase, as the bridge returns it). */
function machineSecrets(name: string) {
    return {
        certs: {
            etcd: certKey(`${name}-etcd`),
            k8s: certKey(`${name}-k8s`),
            k8sAggregator: certKey(`${name}-k8s-aggregator`),
            k8sServiceaccount: { key: pem(`${name}-sa-key`) },
            os: certKey(`${name}-os`),
        },
        cluster: { id: placeholder(`${name}-cluster-id`), secret: placeholder(`${name}-cluster-secret`) },
        secrets: {
            bootstrapToken: placeholder(`${name}-bootstrap-token`),
            secretboxEncryptionSecret: placeholder(`${name}-secretbox`),
        },
        trustdinfo: { token: placeholder(`${name}-trustd-token`) },
    };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export const talosFakes: FakeTable = {
    outputs: {
        "talos:machine/secrets:Secrets": (i, name) => ({
            talosVersion: i.talosVersion ?? "v1.13",
            machineSecrets: machineSecrets(name),
            clientConfiguration: clientConfiguration(name),
        }),
        // The image factory's schematic id is a sha256 of the schematic: same input, same id.
        "talos:imageFactory/schematic:Schematic": (i) => ({ id: sha256(String(i.schematic ?? "")) }),
        "talos:machine/configurationApply:ConfigurationApply": (i) => ({
            applyMode: i.applyMode ?? "auto",
            endpoint: i.endpoint ?? i.node,
            resolvedApplyMode: "auto",
            machineConfiguration: placeholder(`machine-configuration-${String(i.node)}`),
            machineConfigurationHash: sha256(JSON.stringify(i.configPatches ?? [])),
        }),
        "talos:machine/bootstrap:Bootstrap": (i) => ({ endpoint: i.endpoint ?? i.node }),
        "talos:cluster/kubeconfig:Kubeconfig": (i, name) => ({
            endpoint: i.endpoint ?? i.node,
            certificateRenewalDuration: i.certificateRenewalDuration ?? "720h",
            kubeconfigRaw: stringify({
                apiVersion: "v1",
                kind: "Config",
                clusters: [{ name, cluster: { server: `https://${String(i.node)}:6443`, "certificate-authority-data": pem(`${name}-k8s-ca`) } }],
                users: [{ name: `admin@${name}`, user: { "client-certificate-data": pem(`${name}-k8s-admin-cert`), "client-key-data": pem(`${name}-k8s-admin-key`) } }],
                contexts: [{ name: `admin@${name}`, context: { cluster: name, user: `admin@${name}` } }],
                "current-context": `admin@${name}`,
            }),
            kubernetesClientConfiguration: {
                host: `https://${String(i.node)}:6443`,
                caCertificate: pem(`${name}-k8s-ca`),
                clientCertificate: pem(`${name}-k8s-admin-cert`),
                clientKey: pem(`${name}-k8s-admin-key`),
            },
        }),
    },
    invokes: {
        "talos:machine/getConfiguration:getConfiguration": (a) => ({
            ...a,
            id: `${String(a.clusterName)}-${String(a.machineType)}`,
            machineConfiguration: stringify({
                version: "v1alpha1",
                machine: { type: a.machineType, token: placeholder("machine-token") },
                cluster: { clusterName: a.clusterName, controlPlane: { endpoint: a.clusterEndpoint } },
            }),
        }),
        "talos:client/getConfiguration:getConfiguration": (a) => ({
            ...a,
            id: String(a.clusterName),
            talosConfig: stringify({
                context: a.clusterName,
                contexts: {
                    [String(a.clusterName)]: {
                        endpoints: a.endpoints ?? [],
                        nodes: a.nodes ?? [],
                        ca: pem("talos-ca"),
                        crt: pem("talos-admin-cert"),
                        key: pem("talos-admin-key"),
                    },
                },
            }),
        }),
        // Installer form of terraform-provider-talos v0.11: factory.talos.dev/<platform>-installer/<id>:<version>.
        "talos:imageFactory/getUrls:getUrls": (a) => {
            const base = `factory.talos.dev/${String(a.platform ?? "metal")}-installer/${String(a.schematicId)}:${String(a.talosVersion)}`;
            const arch = String(a.architecture ?? "amd64");
            const img = (f: string) => `https://factory.talos.dev/image/${String(a.schematicId)}/${String(a.talosVersion)}/${f}`;
            return {
                ...a,
                architecture: arch,
                id: `${String(a.schematicId)}-${String(a.talosVersion)}-${arch}`,
                urls: {
                    installer: base,
                    installerSecureboot: base.replace("-installer/", "-installer-secureboot/"),
                    iso: img(`${String(a.platform ?? "metal")}-${arch}.iso`),
                    isoSecureboot: img(`${String(a.platform ?? "metal")}-${arch}-secureboot.iso`),
                    diskImage: img(`${String(a.platform ?? "metal")}-${arch}.raw.zst`),
                    diskImageSecureboot: img(`${String(a.platform ?? "metal")}-${arch}-secureboot.raw.zst`),
                    initramfs: img(`initramfs-${arch}.xz`),
                    kernel: img(`kernel-${arch}`),
                    kernelCommandLine: img(`cmdline-${String(a.platform ?? "metal")}-${arch}`),
                    pxe: `https://pxe.factory.talos.dev/pxe/${String(a.schematicId)}/${String(a.talosVersion)}/${String(a.platform ?? "metal")}-${arch}`,
                    uki: img(`${String(a.platform ?? "metal")}-${arch}-uki.efi`),
                },
            };
        },
        // Success is "the invoke returned" (the real one errors after its read timeout).
        "talos:cluster/getHealth:getHealth": () => ({ id: "cluster-health" }),
    },
};
