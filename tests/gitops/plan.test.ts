/**
 * The GitOps layer of every committed stack file, built on layers constructed here (the node
 * layers are not needed to exercise it) and written out by the plan's Kubernetes writer:
 * helm/argocd.yaml and the root objects under manifests/, dependencies, and no credential in
 * any file.
 */
import * as fs from "node:fs";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { kubernetesArtifacts } from "../../cli/artifacts/kubernetes";
import type { PlanFile } from "../../cli/artifacts/types";
import type { RunResult } from "../../cli/engine/run";
import { requiredSecrets } from "../../config/required-secrets";
import type { ClusterSpec } from "../../config/spec";
import { validateConfig } from "../../config/validate";
import { charts } from "../../config/versions";
import { buildGitops } from "../../stacks/gitops";
import { everythingPrinted, ok, one, readFixture, ROOT, runComponent, specFrom } from "../harness";

/** A parsed manifest or values tree, indexed freely in assertions. */
type Doc = { [key: string]: Doc };

/** Every committed stack file with a gitops block. */
const stacks = fs
    .readdirSync(ROOT)
    .filter((f) => /^Pulumi\.(.+)\.yaml$/.test(f) && readFixture(f).raw.gitops !== undefined)
    .sort();

/** A recognisable canary per credential the stack requires (cloudflare's too: the spec wants it). */
function canaries(raw: Record<string, unknown>): Record<string, string> {
    const cfg = validateConfig(raw).config!;
    const out: Record<string, string> = {};
    for (const need of requiredSecrets(cfg)) out[need.key] = `canary-${need.key.replace(":", "-")}-5e1f`;
    return out;
}

async function planGitops(spec: ClusterSpec, preview: boolean): Promise<{ run: RunResult; files: PlanFile[] }> {
    const run = ok(
        await runComponent(() => {
            const provider = new k8s.Provider("k8s", { kubeconfig: "fake" });
            const component = new pulumi.ComponentResource("homelab:nodes:Nodes", "nodes", {});
            const cilium = new k8s.helm.v3.Release("cilium", { name: "cilium", chart: "cilium" }, { provider });
            buildGitops(spec, { component, apiReady: [component], provider, kubeconfig: pulumi.secret("kc") }, { ready: [cilium], podNetwork: [component, cilium], clusterIssuers: [] }, { ready: [] });
        }, { preview }),
    );
    return { run, files: kubernetesArtifacts({ resources: run.resources, spec }) };
}

it("covers the five seed stacks", () => expect(stacks.length).toBeGreaterThanOrEqual(5));

describe.each(stacks)("GitOps plan of %s", (file) => {
    const { raw } = readFixture(file);
    const secrets = canaries(raw);
    const spec = specFrom(raw, secrets);
    const g = spec.gitops!;

    it.each([true, false])("writes helm/argocd.yaml and the root after the release, never a credential (preview %s)", async (preview) => {
        const { run, files } = await planGitops(spec, preview);
        const helm = files.find((f) => f.path === "helm/argocd.yaml");
        expect(helm).toBeDefined();
        const h = parse(helm!.content) as Doc;
        expect(h).toMatchObject({ chart: "argo-cd", repo: charts.argocd.repo, version: charts.argocd.version, namespace: "argocd" });
        // Generated password: unknown until the provider creates it (preview), then secret.
        expect(h.values.configs.secret.argocdServerAdminPassword).toBe(preview ? "[unknown]" : "[secret]");
        expect(h.values.configs.cm["timeout.reconciliation"]).toBe(g.argocd.reconciliation);

        const release = one(run, "kubernetes:helm.sh/v3:Release", "argocd");
        const roots = g.layout === "app-of-apps" ? ["Application_argocd_root.yaml"] : g.applicationSets.map((s) => `ApplicationSet_argocd_${s.name}.yaml`);
        for (const name of roots) {
            const f = files.find((x) => x.path === `manifests/${name}`);
            expect(f).toBeDefined();
            const m = parse(f!.content) as Doc;
            expect(m.spec.syncPolicy).toBeDefined();
        }
        const project = one(run, "kubernetes:argoproj.io/v1alpha1:AppProject", "root-project");
        const rootRecords = run.resources.filter((r) => r.type.startsWith("kubernetes:argoproj.io/") && r !== project);
        expect(rootRecords).toHaveLength(roots.length);
        for (const r of rootRecords) expect(r.dependencies).toEqual(expect.arrayContaining([release.urn, project.urn]));
        // The root's AppProject: only the GitOps repository as source (docs/security.md).
        expect(parse(files.find((x) => x.path === `manifests/AppProject_argocd_${g.project.name}.yaml`)!.content)).toMatchObject({ spec: { sourceRepos: [g.repo.url] } });

        if (g.repo.credentials !== "none") {
            const repo = parse(files.find((f) => f.path === "manifests/Secret_argocd_gitops-repo.yaml")!.content) as Doc;
            expect(repo.metadata.labels).toEqual({ "argocd.argoproj.io/secret-type": "repository" });
            expect(repo.data).toBe("[secret]");
        }
        const everything = files.map((f) => f.content).join("\n") + everythingPrinted(run);
        for (const v of Object.values(secrets)) expect(everything).not.toContain(v);
    });
});

describe("seed specifics", () => {
    it("pi-k3s: app-of-apps over kubernetes/argocd/applications, 180s, and the sealing key in kube-system", async () => {
        const { raw } = readFixture("Pulumi.pi-k3s.yaml");
        const { files, run } = await planGitops(specFrom(raw, canaries(raw)), true);
        const root = parse(files.find((f) => f.path === "manifests/Application_argocd_root.yaml")!.content) as Doc;
        expect(root.spec.source.path).toBe("kubernetes/argocd/applications");
        expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
        const key = parse(files.find((f) => f.path === "manifests/Secret_kube-system_sealed-secrets-key-homelab.yaml")!.content) as Doc;
        expect(key.type).toBe("kubernetes.io/tls");
        expect(one(run, "tls:index/privateKey:PrivateKey").protect).toBe(true);
    });

    it("ha-k3s: four layered ApplicationSets, the catch-all excluding the other layers", async () => {
        const { raw } = readFixture("Pulumi.ha-k3s.yaml");
        const { files } = await planGitops(specFrom(raw, canaries(raw)), true);
        const sets = files.filter((f) => f.path.startsWith("manifests/ApplicationSet_")).map((f) => parse(f.content) as Doc);
        expect(sets.map((s) => s.metadata.name)).toEqual(["cluster-init-apps", "cluster-critical-apps", "cluster-platform-apps", "cluster-apps"]);
        const catchAll = sets[3].spec.generators[0].git.directories as unknown as Array<{ path: string; exclude?: boolean }>;
        expect(catchAll.filter((d) => d.exclude).map((d) => d.path)).toEqual([
            "cluster-init-apps/*",
            "cluster-critical-apps/*",
            "cluster-platform-apps/*",
        ]);
    });

    it("homelab (nuc-talos): Infisical universal-auth credentials in external-secrets, secret", async () => {
        const { raw } = readFixture("Pulumi.homelab.yaml");
        const secrets = canaries(raw);
        const { files, run } = await planGitops(specFrom(raw, secrets), false);
        const s = parse(files.find((f) => f.path === "manifests/Secret_external-secrets_infisical-universal-auth.yaml")!.content) as Doc;
        expect(s.stringData).toBe("[secret]");
        expect(one(run, "kubernetes:core/v1:Secret", "external-secrets-infisical").plainInputs.stringData).toEqual({
            clientId: secrets.infisicalClientId,
            clientSecret: secrets.infisicalClientSecret,
        });
        expect(files.some((f) => f.path === "manifests/Namespace__external-secrets.yaml")).toBe(true);
    });
});
