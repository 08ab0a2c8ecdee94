/**
 * Fakes for the pulumi-command provider (update mode only). A remote command reports empty
 * output, except the k3s kubeconfig read (recognised by its script marker), which reports a
 * deterministic kubeconfig shaped like the one k3s writes (server https://127.0.0.1:6443), so
 * tests can follow it through the server rewrite into the Kubernetes provider.
 */
import { JOIN_TOKENS_MARKER, KUBECONFIG_READ_MARKER } from "../../../components/nodes/k3s-scripts";
import type { FakeTable } from "./index";

/** Same marker as `placeholder()` in ./index (not imported: index imports this file). */
const placeholder = (what: string) => `offline-placeholder:${what}`;

/** What k3s writes to /etc/rancher/k3s/k3s.yaml, with placeholder credentials. */
export function fakeK3sKubeconfig(name: string): string {
    const b64 = (s: string) => Buffer.from(placeholder(s)).toString("base64");
    return [
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        `    certificate-authority-data: ${b64(`${name}-ca`)}`,
        "    server: https://127.0.0.1:6443",
        "  name: default",
        "contexts:",
        "- context:",
        "    cluster: default",
        "    user: default",
        "  name: default",
        "current-context: default",
        "kind: Config",
        "preferences: {}",
        "users:",
        "- name: default",
        "  user:",
        `    client-certificate-data: ${b64(`${name}-client-cert`)}`,
        `    client-key-data: ${b64(`${name}-client-key`)}`,
        "",
    ].join("\n");
}

export const commandFakes: FakeTable = {
    outputs: {
        "command:remote:Command": (inputs, name) => {
            const create = String(inputs.create ?? "");
            // The k3s join-token read prints the server and agent tokens in secure format.
            const tokens = `K10${placeholder(`${name}-ca-hash`)}::server:${placeholder("server-token")}\nK10${placeholder(`${name}-ca-hash`)}::node:${placeholder("agent-token")}`;
            return { stdout: create.includes(KUBECONFIG_READ_MARKER) ? fakeK3sKubeconfig(name) : create.includes(JOIN_TOKENS_MARKER) ? tokens : "", stderr: "" };
        },
        // A local `date` (the ArgoCD admin password mtime stamp): a fixed instant offline.
        "command:local:Command": () => ({ stdout: "2026-01-01T00:00:00Z\n", stderr: "" }),
    },
    invokes: {},
};
