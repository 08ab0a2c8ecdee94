/**
 * The whole program (config -> spec -> layers) in preview for the homelab stack, with the node
 * layer replaced by a stand-in that only provides the Kubernetes provider, so the GitOps layer
 * runs end to end through `runProgram` whatever state the node layers are in.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { NodesLayer } from "../../stacks/types";
import { everythingPrinted, ok, one, readFixture, runProgram } from "../harness";

jest.mock("../../stacks/nodes", () => ({
    buildNodes: (): NodesLayer => {
        const component = new pulumi.ComponentResource("homelab:test:Nodes", "nodes", {});
        const kubeconfig = pulumi.secret("apiVersion: v1\nkind: Config\n");
        return { component, apiReady: [component], kubeconfig, provider: new k8s.Provider("kubernetes", { kubeconfig }, { parent: component }) };
    },
}));

const secrets = {
    "cloudflare:apiToken": "canary-program-cf-token",
    gitSshPrivateKey: "canary-program-ssh-key",
    infisicalClientId: "canary-program-client-id",
    infisicalClientSecret: "canary-program-client-secret",
};

describe("homelab stack, preview, through runProgram", () => {
    it("completes, creates ArgoCD and the root after it, prints no credential", async () => {
        const { raw } = readFixture("Pulumi.homelab.yaml");
        const r = ok(await runProgram(raw, { secrets }));
        const release = one(r, "kubernetes:helm.sh/v3:Release", "argocd");
        const root = one(r, "kubernetes:argoproj.io/v1alpha1:Application", "root-application");
        expect(root.dependencies).toContain(release.urn);
        expect(release.provider).toMatch(/pulumi:providers:kubernetes::kubernetes$/);
        expect((root.inputs.spec as { source: { path: string } }).source.path).toBe("kubernetes/argo/apps");
        expect(one(r, "kubernetes:core/v1:Secret", "external-secrets-infisical").inputs.stringData).toBe("[secret]");
        const printed = everythingPrinted(r);
        for (const v of Object.values(secrets)) expect(printed).not.toContain(v);
    });

    it("update: exports the generated admin password and the sealing certificate as stack outputs", async () => {
        const { raw } = readFixture("Pulumi.pi-k3s.yaml");
        const r = ok(await runProgram(raw, { secrets: { ...secrets, sshPrivateKey: "canary-program-node-key", backupAccessKeyId: "canary-program-s3-id", backupSecretAccessKey: "canary-program-s3-secret" }, preview: false }));
        // The mock's RandomPassword result: the value the operator logs in with.
        expect(r.outputs?.argocdAdminPassword).toBe("fake-password-argocd-admin-password");
        expect(r.outputs).toHaveProperty("sealedSecretsCertificate");
        expect(everythingPrinted(r)).not.toContain("fake-password-argocd-admin-password");
        expect(everythingPrinted(r)).not.toContain("canary-program-node-key");
    });
});
