/**
 * GitOps components and the layer under the mock engine: what is registered, with which
 * provider, dependencies, protection and secretness, and that no credential is ever printed.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ArgoCD } from "../../components/gitops/argocd";
import { bcrypt, bcryptVerify } from "../../components/gitops/bcrypt";
import { BootstrapSecrets } from "../../components/gitops/bootstrap-secrets";
import { Repository } from "../../components/gitops/repository";
import { RootApp } from "../../components/gitops/root-app";
import { SealedSecretsKey } from "../../components/gitops/sealed-secrets-key";
import { charts } from "../../config/versions";
import { buildGitops } from "../../stacks/gitops";
import type { GitopsLayer } from "../../stacks/types";
import { baseConfig, everythingPrinted, ofType, ok, one, outputValue, runComponent, specFrom } from "../harness";

/** A parsed manifest or values tree, indexed freely in assertions. */
type Doc = { [key: string]: Doc };

const RELEASE = "kubernetes:helm.sh/v3:Release";
const SECRET = "kubernetes:core/v1:Secret";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const APPLICATION = "kubernetes:argoproj.io/v1alpha1:Application";
const APPSET = "kubernetes:argoproj.io/v1alpha1:ApplicationSet";
const APPPROJECT = "kubernetes:argoproj.io/v1alpha1:AppProject";
const LOCAL_COMMAND = "command:local:Command";
const RANDOM_BYTES = "random:index/randomBytes:RandomBytes";

const argoSettings = { insecure: true, reconciliation: "180s", sshKnownHosts: [], values: {}, selfManaged: false };
/** A Secret's `data` map, base64-decoded. */
const decoded = (data: unknown) => Object.fromEntries(Object.entries(data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
const testProvider = () => new k8s.Provider("k8s", { kubeconfig: "fake" });
// As the engine names it (the mock engine's extra Stack$ qualifier is dropped by the recorder).
const providerUrn = "urn:pulumi:test::homelab::pulumi:providers:kubernetes::k8s";

describe("ArgoCD", () => {
    it("installs the pinned chart in its own namespace with a generated, bcrypt-hashed admin password", async () => {
        const r = ok(
            await runComponent(() => {
                const provider = testProvider();
                const cilium = new k8s.helm.v3.Release("cilium", { chart: "cilium" }, { provider });
                new ArgoCD("argocd", { provider, settings: argoSettings, dependsOn: [cilium] });
            }, { preview: false }),
        );
        const ns = one(r, NAMESPACE, "argocd-namespace");
        expect(ns.inputs.metadata).toEqual({
            name: "argocd",
            labels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted" },
            annotations: { "argocd.argoproj.io/sync-options": "Delete=false,Prune=false" },
        });
        expect(ns.retainOnDelete).toBe(true);
        const rel = one(r, RELEASE, "argocd");
        expect(rel.parent).toMatch(/homelab:gitops:ArgoCD::argocd$/);
        expect(rel.provider).toBe(providerUrn);
        expect(rel.inputs).toMatchObject({
            name: "argocd",
            chart: charts.argocd.chart,
            version: charts.argocd.version,
            repositoryOpts: { repo: charts.argocd.repo },
            namespace: "argocd",
            createNamespace: false,
            skipAwait: false,
        });
        expect(rel.dependencies).toEqual(expect.arrayContaining([ns.urn, one(r, RELEASE, "cilium").urn, one(r, "random:index/randomPassword:RandomPassword").urn]));
        // Only the hash leaf is secret; the rest of the values stays readable.
        expect(rel.secretPaths).toEqual(["values.configs.secret.argocdServerAdminPassword"]);
        const values = rel.inputs.values as Doc;
        expect(values.configs.secret.argocdServerAdminPassword).toBe("[secret]");
        expect(values.configs.params["server.insecure"]).toBe(true);
        expect(values.crds).toEqual({ install: true, keep: true });
        const pw = one(r, "random:index/randomPassword:RandomPassword");
        expect(pw.inputs).toMatchObject({ length: 32, special: false });
        expect(pw.protect).toBe(false);
        expect(pw.ignoreChanges).toEqual(expect.arrayContaining(["length", "special"]));
        expect(pw.additionalSecretOutputs).toEqual(expect.arrayContaining(["result", "bcryptHash"]));
        // The mock's generated password and hash never reach anything printable.
        expect(everythingPrinted(r)).not.toContain("fake-password-argocd-admin-password");
        expect(everythingPrinted(r)).not.toContain("fakehash");
        expect(rel.ignoreChanges).toEqual([]);
        expect(rel.retainOnDelete).toBe(false);
        // The password mtime is stamped by a local command keyed (secretly) on the hash.
        const mtime = one(r, LOCAL_COMMAND, "argocd-admin-password-mtime");
        expect(mtime.parent).toMatch(/homelab:gitops:ArgoCD::argocd$/);
        expect(mtime.inputs.create).toBe("date -u +%Y-%m-%dT%H:%M:%SZ");
        expect(mtime.inputs.triggers).toEqual(["[secret]"]);
        expect(rel.dependencies).toContain(mtime.urn);
        expect(values.configs.secret.argocdServerAdminPasswordMtime).toBe("2026-01-01T00:00:00Z");
    });

    it("hashes an operator-set password (secret, stable) and registers no RandomPassword", async () => {
        const canary = "canary-admin-pw-7f3a";
        let out: pulumi.Output<string> | undefined;
        const run = () =>
            runComponent(() => {
                const c = new ArgoCD("argocd", { provider: testProvider(), settings: argoSettings, adminPassword: pulumi.secret(canary) });
                out = c.adminPassword;
            }, { preview: false });
        const r = ok(await run());
        expect(ofType(r, "random:index/randomPassword:RandomPassword")).toHaveLength(0);
        const rel = one(r, RELEASE, "argocd");
        const hash = (rel.plainInputs.values as Doc).configs.secret.argocdServerAdminPassword as unknown as string;
        expect(bcryptVerify(canary, hash)).toBe(true);
        // The salt is a random resource kept in state, secret, and it is what the hash uses.
        const salt = one(r, RANDOM_BYTES, "argocd-admin-salt");
        expect(salt.inputs).toEqual({ length: 16 });
        expect(salt.parent).toMatch(/homelab:gitops:ArgoCD::argocd$/);
        expect(salt.additionalSecretOutputs).toEqual(expect.arrayContaining(["base64", "hex"]));
        expect(rel.dependencies).toContain(salt.urn);
        const fakeSalt = Buffer.from("fake-bytes-argocd-admin-salt".padEnd(32, "x")).subarray(0, 16);
        expect(hash.slice(7, 29)).toBe(bcrypt("", new Uint8Array(fakeSalt), 4).slice(7, 29));
        expect(hash.startsWith("$2a$10$")).toBe(true);
        expect(rel.secretPaths).toContain("values.configs.secret.argocdServerAdminPassword");
        expect(everythingPrinted(r)).not.toContain(canary);
        expect(everythingPrinted(r)).not.toContain(hash);
        await expect(outputValue(out!)).resolves.toEqual({ value: canary, known: true, secret: true });
        // Same config, same inputs: the mtime stamp's trigger does not move either.
        const again = ok(await run());
        expect(one(again, RELEASE, "argocd").plainInputs.values).toEqual(rel.plainInputs.values);
        const trigger = (res: typeof r) => one(res, LOCAL_COMMAND, "argocd-admin-password-mtime").plainInputs.triggers;
        expect(trigger(again)).toEqual(trigger(r));
        expect(one(r, LOCAL_COMMAND, "argocd-admin-password-mtime").inputs.triggers).toEqual(["[secret]"]);
        // A new password changes the hash, so the trigger changes and the stamp is taken again.
        const rotated = ok(await runComponent(() => new ArgoCD("argocd", { provider: testProvider(), settings: argoSettings, adminPassword: pulumi.secret("a-new-password") }), { preview: false }));
        expect(trigger(rotated)).not.toEqual(trigger(r));
    });

    it("after the handoff (selfManaged) never upgrades the release and keeps it on delete", async () => {
        const r = ok(await runComponent(() => new ArgoCD("argocd", { provider: testProvider(), settings: { ...argoSettings, selfManaged: true } })));
        const rel = one(r, RELEASE, "argocd");
        expect(rel.ignoreChanges).toEqual(expect.arrayContaining(["chart", "version", "values", "repositoryOpts"]));
        expect(rel.retainOnDelete).toBe(true);
    });
});

describe("Repository", () => {
    it("SSH: a labelled repository Secret whose key is secret", async () => {
        const key = "-----BEGIN OPENSSH PRIVATE KEY-----canary-ssh-key";
        const r = ok(
            await runComponent(() =>
                new Repository("gitops-repo", { provider: testProvider(), namespace: "argocd", repo: { url: "git@github.com:x/y.git", credentials: "ssh" }, sshPrivateKey: pulumi.secret(key) }),
            ),
        );
        const s = one(r, SECRET, "gitops-repo-secret");
        expect(s.provider).toBe(providerUrn);
        expect(s.inputs.metadata).toEqual({ name: "gitops-repo", namespace: "argocd", labels: { "argocd.argoproj.io/secret-type": "repository" } });
        expect(s.inputs.data).toBe("[secret]");
        expect(decoded(s.plainInputs.data)).toEqual({ type: "git", url: "git@github.com:x/y.git", sshPrivateKey: key });
        expect(everythingPrinted(r)).not.toContain("canary-ssh-key");
    });

    it("HTTPS: user name and token", async () => {
        const r = ok(
            await runComponent(() =>
                new Repository("gitops-repo", {
                    provider: testProvider(),
                    namespace: "argocd",
                    repo: { url: "https://gitlab.com/x/y.git", credentials: "https", username: "oauth2" },
                    token: pulumi.secret("canary-token-91"),
                }),
            ),
        );
        const s = one(r, SECRET, "gitops-repo-secret");
        expect(decoded(s.plainInputs.data)).toEqual({ type: "git", url: "https://gitlab.com/x/y.git", username: "oauth2", password: "canary-token-91" });
        expect(s.secretPaths).toContain("data");
        expect(everythingPrinted(r)).not.toContain(Buffer.from("canary-token-91").toString("base64"));
        expect(everythingPrinted(r)).not.toContain("canary-token-91");
    });

    it("public repository: no Secret; missing credential: a clear error", async () => {
        const r = ok(await runComponent(() => new Repository("gitops-repo", { provider: testProvider(), namespace: "argocd", repo: { url: "https://github.com/x/y", credentials: "none" } })));
        expect(ofType(r, SECRET)).toHaveLength(0);
        expect(() => new Repository("x", { provider: undefined as unknown as k8s.Provider, namespace: "argocd", repo: { url: "https://github.com/x/y", credentials: "https" } })).toThrow(
            "homelab:gitToken is not set",
        );
    });
});

describe("RootApp", () => {
    it("app-of-apps: one Application after the ArgoCD release", async () => {
        const r = ok(
            await runComponent(() => {
                const provider = testProvider();
                const release = new k8s.helm.v3.Release("argocd", { chart: "argo-cd" }, { provider });
                new RootApp("root", {
                    provider,
                    namespace: "argocd",
                    repo: { url: "git@github.com:x/y.git", revision: "main", path: "kubernetes/argocd/applications", recurse: false },
                    layout: "app-of-apps",
                    applicationSets: [],
                    dependsOn: [release],
                });
            }),
        );
        const app = one(r, APPLICATION, "root-application");
        expect(app.provider).toBe(providerUrn);
        expect(app.dependencies).toContain(one(r, RELEASE, "argocd").urn);
        expect(app.inputs).toMatchObject({
            apiVersion: "argoproj.io/v1alpha1",
            kind: "Application",
            metadata: { name: "root", namespace: "argocd" },
            spec: { source: { path: "kubernetes/argocd/applications", targetRevision: "main" }, syncPolicy: { automated: { prune: true, selfHeal: true } } },
        });
        expect(ofType(r, APPSET)).toHaveLength(0);
        // Its own AppProject, created first: sources limited to the GitOps repository.
        const project = one(r, APPPROJECT, "root-project");
        expect(project.parent).toMatch(/homelab:gitops:RootApp::root$/);
        expect(project.provider).toBe(providerUrn);
        expect(project.dependencies).toContain(one(r, RELEASE, "argocd").urn);
        expect(project.inputs).toMatchObject({ metadata: { name: "homelab-root", namespace: "argocd" }, spec: { sourceRepos: ["git@github.com:x/y.git"] } });
        expect((app.inputs.spec as Doc).project).toBe("homelab-root");
        expect(app.dependencies).toContain(project.urn);
    });

    it("applicationsets: one ApplicationSet per layer, in order, each after the release", async () => {
        const layers = ["cluster-init-apps", "cluster-critical-apps", "cluster-platform-apps", "cluster-media-apps"];
        const r = ok(
            await runComponent(() => {
                const provider = testProvider();
                const release = new k8s.helm.v3.Release("argocd", { chart: "argo-cd" }, { provider });
                new RootApp("root", {
                    provider,
                    namespace: "argocd",
                    repo: { url: "https://github.com/x/y", revision: "HEAD", recurse: false },
                    layout: "applicationsets",
                    applicationSets: layers.map((name) => ({ name, path: name })),
                    dependsOn: [release],
                    project: { name: "infra", signatureKeys: ["4AEE18F83AFDEB23"] },
                });
            }),
        );
        const sets = ofType(r, APPSET);
        expect(sets.map((s) => (s.inputs.metadata as { name: string }).name)).toEqual(layers);
        const releaseUrn = one(r, RELEASE, "argocd").urn;
        sets.forEach((s, i) => {
            expect(s.dependencies).toContain(releaseUrn);
            if (i > 0) expect(s.dependencies).toContain(sets[i - 1].urn);
            expect((s.inputs.spec as Doc).generators[0].git.directories).toEqual([{ path: `${layers[i]}/*` }]);
            expect((s.inputs.spec as Doc).template.spec.project).toBe("infra");
            expect(s.dependencies).toContain(one(r, APPPROJECT, "root-project").urn);
        });
        expect(one(r, APPPROJECT, "root-project").inputs).toMatchObject({ metadata: { name: "infra" }, spec: { sourceRepos: ["https://github.com/x/y"], signatureKeys: [{ keyID: "4AEE18F83AFDEB23" }] } });
        expect(ofType(r, APPLICATION)).toHaveLength(0);
    });
});

describe("BootstrapSecrets", () => {
    it("Infisical universal auth in the external-secrets namespace, secret, operator from Git", async () => {
        const r = ok(
            await runComponent(() =>
                new BootstrapSecrets("external-secrets", {
                    provider: testProvider(),
                    externalSecrets: { provider: "infisical", namespace: "external-secrets", controller: "git" },
                    credentials: { infisicalClientId: pulumi.secret("canary-client-id"), infisicalClientSecret: pulumi.secret("canary-client-secret") },
                }),
            ),
        );
        expect(one(r, NAMESPACE, "external-secrets-namespace").inputs.metadata).toMatchObject({
            name: "external-secrets",
            labels: { "pod-security.kubernetes.io/enforce": "baseline" },
        });
        expect(one(r, NAMESPACE, "external-secrets-namespace").retainOnDelete).toBe(true);
        const s = one(r, SECRET, "external-secrets-infisical");
        expect(s.inputs.metadata).toMatchObject({ name: "infisical-universal-auth", namespace: "external-secrets" });
        expect(s.plainInputs.stringData).toEqual({ clientId: "canary-client-id", clientSecret: "canary-client-secret" });
        expect(s.inputs.stringData).toBe("[secret]");
        expect(ofType(r, RELEASE)).toHaveLength(0);
        const printed = everythingPrinted(r);
        expect(printed).not.toContain("canary-client-id");
        expect(printed).not.toContain("canary-client-secret");
    });

    it("Vault token, and the pinned operator chart when controller is helm", async () => {
        const r = ok(
            await runComponent(() =>
                new BootstrapSecrets("external-secrets", {
                    provider: testProvider(),
                    externalSecrets: { provider: "vault", namespace: "eso", controller: "helm" },
                    credentials: { vaultToken: pulumi.secret("canary-vault-token") },
                }),
            ),
        );
        const s = one(r, SECRET, "external-secrets-vault");
        expect(s.plainInputs.stringData).toEqual({ token: "canary-vault-token" });
        const rel = one(r, RELEASE, "external-secrets-external-secrets");
        expect(rel.inputs).toMatchObject({ chart: charts.externalSecrets.chart, version: charts.externalSecrets.version, namespace: "eso", name: "external-secrets" });
        expect(everythingPrinted(r)).not.toContain("canary-vault-token");
        expect(() =>
            new BootstrapSecrets("x", { provider: undefined as unknown as k8s.Provider, externalSecrets: { provider: "bitwarden", namespace: "e", controller: "git" }, credentials: {} }),
        ).toThrow("homelab:bitwardenAccessToken is not set");
    });
});

describe("SealedSecretsKey", () => {
    it("generates a protected RSA 4096 key and certificate and installs them as the active key", async () => {
        const r = ok(await runComponent(() => new SealedSecretsKey("sealed-secrets", { provider: testProvider(), settings: { namespace: "kube-system", controller: "git", certValidityDays: 3650 } }), { preview: false }));
        const key = one(r, "tls:index/privateKey:PrivateKey");
        const cert = one(r, "tls:index/selfSignedCert:SelfSignedCert");
        expect(key.protect).toBe(true);
        expect(cert.protect).toBe(true);
        expect(key.inputs).toEqual({ algorithm: "RSA", rsaBits: 4096 });
        expect(cert.inputs).toMatchObject({ subject: { commonName: "sealed-secret", organization: "sealed-secret" }, validityPeriodHours: 3650 * 24 });
        const s = one(r, SECRET, "sealed-secrets-secret");
        expect(s.inputs).toMatchObject({
            type: "kubernetes.io/tls",
            metadata: { name: "sealed-secrets-key-homelab", namespace: "kube-system", labels: { "sealedsecrets.bitnami.com/sealed-secrets-key": "active" } },
        });
        expect(s.dependencies).toEqual(expect.arrayContaining([key.urn, cert.urn]));
        expect(s.secretPaths).toContain("stringData");
        expect(s.protect).toBe(false);
        // kube-system exists: not created (nor deleted) by Pulumi; the controller comes from Git.
        expect(ofType(r, NAMESPACE)).toHaveLength(0);
        expect(ofType(r, RELEASE)).toHaveLength(0);
    });

    it("controller: helm installs the pinned chart only after the key Secret", async () => {
        const r = ok(await runComponent(() => new SealedSecretsKey("sealed-secrets", { provider: testProvider(), settings: { namespace: "sealed-secrets", controller: "helm", certValidityDays: 3650 } })));
        const ns = one(r, NAMESPACE, "sealed-secrets-namespace");
        const s = one(r, SECRET, "sealed-secrets-secret");
        const rel = one(r, RELEASE, "sealed-secrets-controller");
        expect(rel.inputs).toMatchObject({ chart: charts.sealedSecrets.chart, version: charts.sealedSecrets.version, namespace: "sealed-secrets", values: { keyrenewperiod: "0" } });
        expect(rel.dependencies).toEqual(expect.arrayContaining([s.urn, ns.urn]));
        expect(s.dependencies).toContain(ns.urn);
    });
});

describe("buildGitops (layers constructed in the test)", () => {
    const secrets = {
        gitSshPrivateKey: "canary-layer-ssh-key",
        infisicalClientId: "canary-layer-client-id",
        infisicalClientSecret: "canary-layer-client-secret",
        argocdAdminPassword: "canary-layer-admin",
    };
    const gitops = {
        repo: { url: "git@github.com:example/home-ops.git", revision: "main", path: "kubernetes/argo/apps", credentials: "ssh" },
        secrets: { externalSecrets: { provider: "infisical", project: "home-ops", environment: "prod" }, sealedSecrets: true },
    };

    async function runLayer(cfg: Record<string, unknown>, preview = true) {
        const spec = specFrom(cfg, secrets);
        let layer: GitopsLayer | undefined;
        const r = ok(
            await runComponent(() => {
                const provider = testProvider();
                const component = new pulumi.ComponentResource("homelab:nodes:Talos", "nodes", {});
                const cilium = new k8s.helm.v3.Release("cilium", { chart: "cilium" }, { provider });
                const sc = new k8s.storage.v1.StorageClass("default-class", { metadata: { name: "ceph-block" }, provisioner: "x" }, { provider });
                layer = buildGitops(spec, { component, apiReady: [component], provider, kubeconfig: pulumi.secret("kc") }, { ready: [cilium], podNetwork: [component, cilium], clusterIssuers: [] }, { ready: [sc] });
            }, { preview }),
        );
        return { r, layer: layer! };
    }

    it("wires ArgoCD after the pod network only (not storage), and the root after everything the first sync needs", async () => {
        const { r, layer } = await runLayer({ ...baseConfig(), gitops });
        const release = one(r, RELEASE, "argocd");
        expect(release.dependencies).toContain(one(r, RELEASE, "cilium").urn);
        // Storage is not what ArgoCD needs: the class appears in parallel and PVCs bind when it does.
        expect(release.dependencies).not.toContain(one(r, "kubernetes:storage.k8s.io/v1:StorageClass").urn);
        const root = one(r, APPLICATION, "root-application");
        expect(root.dependencies).toEqual(
            expect.arrayContaining([release.urn, one(r, SECRET, "gitops-repo-secret").urn, one(r, SECRET, "external-secrets-infisical").urn, one(r, SECRET, "sealed-secrets-secret").urn]),
        );
        for (const res of r.resources.filter((x) => x.type.startsWith("kubernetes:") && x.name !== "cilium" && x.name !== "default-class")) {
            expect(res.provider).toBe(providerUrn);
        }
        expect(layer.ready).toHaveLength(1);
        await expect(outputValue(layer.argocdAdminPassword!)).resolves.toMatchObject({ secret: true });
        const printed = everythingPrinted(r);
        for (const v of Object.values(secrets)) expect(printed).not.toContain(v);
    });

    it("update mode: every credential is secret in what the engine receives, and never printed", async () => {
        const { r } = await runLayer({ ...baseConfig(), gitops }, false);
        expect(one(r, RELEASE, "argocd").secretPaths).toEqual(["values.configs.secret.argocdServerAdminPassword"]);
        expect(one(r, SECRET, "gitops-repo-secret").inputs.data).toBe("[secret]");
        for (const name of ["external-secrets-infisical", "sealed-secrets-secret"]) {
            expect(one(r, SECRET, name).inputs.stringData).toBe("[secret]");
        }
        const printed = everythingPrinted(r);
        for (const v of Object.values(secrets)) expect(printed).not.toContain(v);
    });

    it("applicationsets layout and no gitops block", async () => {
        const { r } = await runLayer({
            ...baseConfig(),
            gitops: {
                repo: { url: "https://github.com/x/y", revision: "main" },
                layout: "applicationsets",
                applicationSets: [
                    { name: "cluster-init-apps", path: "cluster-init-apps" },
                    { name: "cluster-critical-apps", path: "cluster-critical-apps" },
                ],
            },
        });
        expect(ofType(r, APPSET)).toHaveLength(2);
        expect(ofType(r, SECRET)).toHaveLength(0);
        const none = await runLayer(baseConfig());
        expect(none.layer.ready).toEqual([]);
        expect(ofType(none.r, RELEASE).map((x) => x.name)).toEqual(["cilium"]);
    });
});
