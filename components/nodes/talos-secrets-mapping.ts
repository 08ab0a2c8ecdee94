/**
 * Explicit mapping of `machine.Secrets` outputs to the argument shapes of the invokes and
 * resources that consume them.
 *
 * Passing `Secrets.machineSecrets` straight into `machine.getConfiguration` has broken before
 * on shape and casing differences between the resource output and the invoke input
 * (pulumiverse/pulumi-talos#103, #200). Building the argument field by field makes the shape
 * explicit, type-checked against the SDK, and testable; a missing field fails here with a clear
 * message instead of deep inside the provider.
 */
import type * as talos from "@pulumiverse/talos";

type MachineSecretsOut = talos.types.output.machine.MachineSecrets;
type MachineSecretsIn = talos.types.input.machine.MachineSecrets;
type ClientConfigurationOut = talos.types.output.machine.ClientConfiguration;

function need<T>(v: T | undefined | null, path: string): T {
    if (v === undefined || v === null || (typeof v === "string" && v === "")) {
        throw new Error(`machine secrets: ${path} is missing (was the Secrets resource imported from an incomplete secrets.yaml?)`);
    }
    return v;
}

const cert = (c: { cert: string; key: string } | undefined, path: string) => {
    const v = need(c, path);
    return { cert: need(v.cert, `${path}.cert`), key: need(v.key, `${path}.key`) };
};

/** `Secrets.machineSecrets` -> `getConfiguration({ machineSecrets })`, field by field. */
export function toMachineSecretsInput(ms: MachineSecretsOut): MachineSecretsIn {
    const certs = need(ms?.certs, "certs");
    const cluster = need(ms.cluster, "cluster");
    const secrets = need(ms.secrets, "secrets");
    const trustdinfo = need(ms.trustdinfo, "trustdinfo");
    const out: MachineSecretsIn = {
        certs: {
            etcd: cert(certs.etcd, "certs.etcd"),
            k8s: cert(certs.k8s, "certs.k8s"),
            k8sAggregator: cert(certs.k8sAggregator, "certs.k8sAggregator"),
            k8sServiceaccount: { key: need(need(certs.k8sServiceaccount, "certs.k8sServiceaccount").key, "certs.k8sServiceaccount.key") },
            os: cert(certs.os, "certs.os"),
        },
        cluster: { id: need(cluster.id, "cluster.id"), secret: need(cluster.secret, "cluster.secret") },
        secrets: {
            bootstrapToken: need(secrets.bootstrapToken, "secrets.bootstrapToken"),
            secretboxEncryptionSecret: need(secrets.secretboxEncryptionSecret, "secrets.secretboxEncryptionSecret"),
        },
        trustdinfo: { token: need(trustdinfo.token, "trustdinfo.token") },
    };
    // Optional in the schema (older contracts generate it, newer ones use secretbox only).
    if (secrets.aescbcEncryptionSecret) out.secrets.aescbcEncryptionSecret = secrets.aescbcEncryptionSecret;
    return out;
}

/** `Secrets.clientConfiguration` -> the `{caCertificate, clientCertificate, clientKey}` every consumer takes. */
export function toClientConfiguration(cc: ClientConfigurationOut): { caCertificate: string; clientCertificate: string; clientKey: string } {
    const v = need(cc, "clientConfiguration");
    return {
        caCertificate: need(v.caCertificate, "clientConfiguration.caCertificate"),
        clientCertificate: need(v.clientCertificate, "clientConfiguration.clientCertificate"),
        clientKey: need(v.clientKey, "clientConfiguration.clientKey"),
    };
}
