/**
 * ArgoCD hardening through the whole program (docs/security.md): argocd-server's certificate
 * comes from the network layer's ClusterIssuer when it serves TLS itself; the local admin can be
 * turned off. The node layer is a stand-in (as in program.test.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { NodesLayer } from "../../stacks/types";
import { ok, one, readFixture, runProgram, type RawConfig } from "../harness";

jest.mock("../../stacks/nodes", () => ({
    buildNodes: (): NodesLayer => {
        const component = new pulumi.ComponentResource("homelab:test:Nodes", "nodes", {});
        const kubeconfig = pulumi.secret("apiVersion: v1\nkind: Config\n");
        return { component, apiReady: [component], kubeconfig, provider: new k8s.Provider("kubernetes", { kubeconfig }, { parent: component }) };
    },
}));

type Doc = { [key: string]: Doc };
const secrets = { "cloudflare:apiToken": "t", gitSshPrivateKey: "k", infisicalClientId: "i", infisicalClientSecret: "s" };

function homelabWith(argocd: Record<string, unknown>, certManager = true): RawConfig {
    const raw = structuredClone(readFixture("Pulumi.homelab.yaml").raw) as RawConfig & { gitops: Record<string, unknown>; certManager: Record<string, unknown> };
    raw.gitops.argocd = argocd;
    if (!certManager) {
        raw.certManager = { enabled: false };
        // Nothing to hand over to Git either (gitops.handoff may only name what the stack installs).
        raw.gitops.handoff = (raw.gitops.handoff as string[]).filter((h) => h !== "cert-manager");
    }
    return raw;
}
const argocdValues = async (raw: RawConfig) => one(ok(await runProgram(raw, { secrets })), "kubernetes:helm.sh/v3:Release", "argocd").inputs.values as Doc;

describe("ArgoCD TLS and admin through the program", () => {
    it("TLS from argocd-server with a domain: a Certificate from the production ClusterIssuer; admin off on request", async () => {
        const v = await argocdValues(homelabWith({ insecure: false, domain: "argocd.example.com", admin: { enabled: false } }));
        expect(v.configs.params["server.insecure"]).toBe(false);
        expect(v.server.certificate).toEqual({ enabled: true, domain: "argocd.example.com", issuer: { kind: "ClusterIssuer", name: "letsencrypt-production" } });
        expect(v.configs.cm["admin.enabled"]).toBe(false);
    });

    it("a chart-rendered Certificate makes the ArgoCD release wait for cert-manager (its CRDs); otherwise it does not", async () => {
        const certManagerRelease = "urn:pulumi:test::homelab::homelab:network:CertManager$kubernetes:helm.sh/v3:Release::homelab-cert-manager-release";
        const releaseDeps = async (raw: RawConfig) => {
            const r = ok(await runProgram(raw, { secrets }));
            const cm = r.resources.find((x) => x.urn.endsWith("::homelab-cert-manager"));
            const argocd = one(r, "kubernetes:helm.sh/v3:Release", "argocd");
            return { argocd, cm, r };
        };
        const tls = await releaseDeps(homelabWith({ insecure: false, domain: "argocd.example.com" }));
        expect(tls.cm).toBeDefined();
        // Through the ArgoCD component's dependsOn: the release's dependencies hold cert-manager's release.
        expect(tls.argocd.dependencies).toContain(certManagerRelease);
        const plain = await releaseDeps(homelabWith({ insecure: true, domain: "argocd.example.com" }));
        expect(plain.argocd.dependencies).not.toContain(certManagerRelease);
    });

    it("without cert-manager: ArgoCD's own self-signed certificate (no Certificate)", async () => {
        const v = await argocdValues(homelabWith({ insecure: false, domain: "argocd.example.com" }, false));
        expect(v.server.certificate).toBeUndefined();
        expect(v.configs.cm["admin.enabled"]).toBeUndefined();
    });
});
