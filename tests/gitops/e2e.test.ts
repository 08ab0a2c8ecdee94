/**
 * End to end with the real node layers: each seed stack in preview through `runProgram`
 * (config -> spec -> nodes -> network -> storage -> gitops), as a fresh `pulumi preview` would.
 */
import { requiredSecrets } from "../../config/required-secrets";
import { validateConfig } from "../../config/validate";
import { everythingPrinted, ok, one, readFixture, runProgram } from "../harness";

describe.each(["Pulumi.homelab.yaml", "Pulumi.pi-k3s.yaml", "Pulumi.ha-k3s.yaml"])("%s, preview through runProgram", (file) => {
    it("completes; ArgoCD uses the node layer's provider and the root waits for it; no credential printed", async () => {
        const { raw } = readFixture(file);
        const secrets: Record<string, string> = {};
        for (const need of requiredSecrets(validateConfig(raw).config!)) secrets[need.key] = `canary-e2e-${need.key.replace(":", "-")}-0b7d`;
        const r = ok(await runProgram(raw, { secrets }));
        const release = one(r, "kubernetes:helm.sh/v3:Release", "argocd");
        const provider = r.resources.find((x) => x.urn === release.provider);
        expect(provider?.type).toBe("pulumi:providers:kubernetes");
        const roots = r.resources.filter((x) => x.type.startsWith("kubernetes:argoproj.io/v1alpha1:"));
        expect(roots.length).toBeGreaterThan(0);
        for (const root of roots) {
            expect(root.dependencies).toContain(release.urn);
            expect(root.provider).toBe(release.provider);
        }
        const printed = everythingPrinted(r);
        for (const v of Object.values(secrets)) expect(printed).not.toContain(v);
    });
});
