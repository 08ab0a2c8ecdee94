/** Pure builders of the GitOps layer: bcrypt, ArgoCD values, root manifests, secret layouts, config rules. */
import { argocdValues, deepMerge, serverCertificate, type ArgocdValuesSettings } from "../../components/gitops/argocd-values";
import { adminPasswordHash, bcrypt, bcryptVerify, isBcryptHash, passwordChangeKey } from "../../components/gitops/bcrypt";
import { IN_CLUSTER, layerApplicationSet, normalizePath, overlappingLayers, rootApplication, rootProject } from "../../components/gitops/root-manifests";
import {
    externalSecretsCredentialLayout,
    externalSecretsValues,
    repositorySecretData,
    sealedSecretsValues,
} from "../../components/gitops/secret-manifests";
import { validateConfig } from "../../config/validate";
import { formatIssue } from "../../config/issues";
import { baseConfig, readFixture } from "../harness";

/** A parsed manifest or values tree, indexed freely in assertions. */
type Doc = { [key: string]: Doc };

describe("bcrypt", () => {
    // Expected hashes produced by the system crypt(3) (libxcrypt) through Python's crypt module.
    it.each([
        ["U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"],
        ["", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"],
        ["U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"],
        ["pässwörd 🔑", "$2b$04$abcdefghijklmnopqrstuuI9bZCuY3iL1D8aa7mpGEju3kdgOOzj6"],
        // Longer than 72 bytes: bcrypt reads only the first 72.
        ["x".repeat(80), "$2b$04$abcdefghijklmnopqrstuubzadhGtS2zEF.gu0yd0opP6cVzb.e0i"],
    ])("matches crypt(3) for %j", (password, hash) => {
        expect(bcryptVerify(password, hash)).toBe(true);
        expect(bcryptVerify(`!${password}`, hash)).toBe(false);
    });

    it("ignores bytes after the 72nd, as every bcrypt does", () => {
        expect(bcryptVerify(`${"x".repeat(80)}-tail`, "$2b$04$abcdefghijklmnopqrstuubzadhGtS2zEF.gu0yd0opP6cVzb.e0i")).toBe(true);
    });

    it("hashes an operator password with the given salt, at cost 10, as crypt(3) does", () => {
        const zeros = new Uint8Array(16);
        const h = adminPasswordHash("correct horse", zeros);
        // Checked with libxcrypt: perl -e 'print crypt("correct horse", "\$2a\$10\$" . ("." x 22))'
        expect(h).toBe("$2a$10$......................nv4jBSA75t.uN3qW4leIgHZlQfUKZUi");
        expect(adminPasswordHash("correct horse", zeros)).toBe(h);
        // A different (random) salt gives a different hash of the same password, still valid.
        const other = adminPasswordHash("correct horse", new Uint8Array(16).fill(7));
        expect(other).not.toBe(h);
        expect(bcryptVerify("correct horse", other)).toBe(true);
        expect(isBcryptHash(h)).toBe(true);
    });

    it("keys the password-change stamp on the hash: same hash same key, new hash new key, hash not readable in it", () => {
        const a = "$2a$10$......................nv4jBSA75t.uN3qW4leIgHZlQfUKZUi";
        const b = adminPasswordHash("another password", new Uint8Array(16));
        expect(passwordChangeKey(a)).toBe(passwordChangeKey(a));
        expect(passwordChangeKey(a)).not.toBe(passwordChangeKey(b));
        expect(passwordChangeKey(a)).toMatch(/^[0-9a-f]{64}$/);
        expect(passwordChangeKey(a)).not.toContain("nv4jBSA75t");
    });

    it("passes an already hashed password through and rejects bad salts or costs", () => {
        const given = "$2a$10$Y4seHQzGHrLYe2KWooleyeEGHByr3tU085vVB73dgxexsKs0yArJa";
        expect(adminPasswordHash(given, new Uint8Array(16))).toBe(given);
        expect(isBcryptHash("hunter2")).toBe(false);
        expect(() => bcrypt("x", new Uint8Array(15), 4)).toThrow("16 bytes");
        expect(() => bcrypt("x", new Uint8Array(16), 3)).toThrow("cost");
        expect(bcryptVerify("x", "not-a-hash")).toBe(false);
    });
});

const settings: ArgocdValuesSettings = { insecure: true, reconciliation: "180s", sshKnownHosts: [], values: {} };

describe("argocdValues", () => {
    it("sets CRDs, insecure mode, reconciliation, tracking, small requests, no dex or redis-ha", () => {
        const v = argocdValues(settings, "HASH", "MTIME") as Doc;
        expect(v.crds).toEqual({ install: true, keep: true });
        expect(v.configs.params).toEqual({ "server.insecure": true });
        expect(v.configs.cm["timeout.reconciliation"]).toBe("180s");
        expect(v.configs.cm["application.resourceTrackingMethod"]).toBe("annotation");
        expect(v.configs.secret).toEqual({ argocdServerAdminPassword: "HASH", argocdServerAdminPasswordMtime: "MTIME" });
        expect(v.configs.cm["admin.enabled"]).toBeUndefined();
        expect(v.server.certificate).toBeUndefined();
        expect(v.dex).toEqual({ enabled: false });
        expect(v["redis-ha"]).toEqual({ enabled: false });
        for (const c of ["controller", "server", "repoServer", "applicationSet", "notifications", "redis"]) {
            expect(v[c].resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        }
        expect(v.global).toBeUndefined();
        expect(v.configs.ssh).toBeUndefined();
    });

    it("adds the domain, known hosts and TLS mode from settings", () => {
        const v = argocdValues({ ...settings, insecure: false, reconciliation: "5m", domain: "argocd.example.com", sshKnownHosts: ["git.lan ssh-ed25519 AAAA", "git2.lan ssh-rsa BBBB"] }, "H", "M") as Doc;
        expect(v.global).toEqual({ domain: "argocd.example.com" });
        expect(v.configs.params["server.insecure"]).toBe(false);
        expect(v.configs.cm["timeout.reconciliation"]).toBe("5m");
        expect(v.configs.ssh.extraHosts).toBe("git.lan ssh-ed25519 AAAA\ngit2.lan ssh-rsa BBBB");
    });

    it("merges operator values over ours, but the admin password always comes from secret config", () => {
        const v = argocdValues(
            { ...settings, values: { server: { replicas: 2 }, controller: { resources: { requests: { cpu: "1" } } }, configs: { secret: { argocdServerAdminPassword: "x" }, cm: { "exec.enabled": true } } } },
            "HASH",
            "MTIME",
        ) as Doc;
        expect(v.server).toEqual({ replicas: 2, resources: { requests: { cpu: "50m", memory: "64Mi" } } });
        expect(v.controller.resources.requests).toEqual({ cpu: "1", memory: "256Mi" });
        expect(v.configs.cm).toMatchObject({ "exec.enabled": true, "timeout.reconciliation": "180s" });
        expect(v.configs.secret.argocdServerAdminPassword).toBe("HASH");
    });

    it("turns the local admin off on request (argocd-cm admin.enabled)", () => {
        const v = argocdValues({ ...settings, admin: { enabled: false } }, "H", "M") as Doc;
        expect(v.configs.cm["admin.enabled"]).toBe(false);
        expect((argocdValues({ ...settings, admin: { enabled: true } }, "H", "M") as Doc).configs.cm["admin.enabled"]).toBeUndefined();
    });

    it("argocd-server TLS: a cert-manager Certificate when it serves TLS, has a domain and an issuer exists; else self-signed", () => {
        const tls = { ...settings, insecure: false, domain: "argocd.example.com", certificateIssuer: "letsencrypt-production" };
        const v = argocdValues(tls, "H", "M") as Doc;
        expect(v.server.certificate).toEqual({ enabled: true, domain: "argocd.example.com", issuer: { kind: "ClusterIssuer", name: "letsencrypt-production" } });
        expect(v.server.resources).toBeDefined();
        // No certificate (ArgoCD's self-signed one) without an issuer or a domain, or in insecure mode.
        expect(serverCertificate({ ...tls, certificateIssuer: undefined })).toBeUndefined();
        expect(serverCertificate({ ...tls, domain: undefined })).toBeUndefined();
        expect(serverCertificate({ ...tls, insecure: true })).toBeUndefined();
    });

    it("deepMerge replaces arrays and scalars and leaves its inputs alone", () => {
        const base = { a: { b: [1, 2], c: 1 } };
        expect(deepMerge(base, { a: { b: [3] } })).toEqual({ a: { b: [3], c: 1 } });
        expect(base).toEqual({ a: { b: [1, 2], c: 1 } });
    });
});

describe("root manifests", () => {
    const src = { repoURL: "git@github.com:example/home-ops.git", revision: "main", project: "homelab-root" };

    it("app-of-apps: watches the path with automated prune/self-heal, CreateNamespace, SSA and retry", () => {
        const app = rootApplication({ ...src, name: "root", namespace: "argocd", path: "./kubernetes/argocd/applications/", recurse: false });
        expect(app).toEqual({
            apiVersion: "argoproj.io/v1alpha1",
            kind: "Application",
            metadata: { name: "root", namespace: "argocd" },
            spec: {
                project: "homelab-root",
                source: { repoURL: src.repoURL, targetRevision: "main", path: "kubernetes/argocd/applications" },
                destination: { server: IN_CLUSTER, namespace: "argocd" },
                syncPolicy: {
                    automated: { prune: true, selfHeal: true },
                    syncOptions: ["CreateNamespace=true", "ServerSideApply=true"],
                    retry: { limit: 10, refresh: true, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
                },
            },
        });
        expect((app.metadata as Record<string, unknown>).finalizers).toBeUndefined();
        const rec = rootApplication({ ...src, name: "root", namespace: "argocd", path: "apps", recurse: true });
        expect((rec.spec.source as Record<string, unknown>).directory).toEqual({ recurse: true });
    });

    it("applicationsets: one Application per folder under <path>/*", () => {
        const set = layerApplicationSet({ ...src, name: "cluster-init-apps", namespace: "argocd", path: "cluster-init-apps/" });
        const spec = set.spec as Doc;
        expect(set.kind).toBe("ApplicationSet");
        expect(set.metadata).toEqual({ name: "cluster-init-apps", namespace: "argocd" });
        expect(spec.generators).toEqual([{ git: { repoURL: src.repoURL, revision: "main", directories: [{ path: "cluster-init-apps/*" }] } }]);
        expect(spec.goTemplate).toBe(true);
        expect(spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
        expect(spec.template.metadata).toEqual({ name: "{{.path.basename}}" });
        expect(spec.template.spec.source).toEqual({ repoURL: src.repoURL, targetRevision: "main", path: "{{.path.path}}" });
        expect(spec.template.spec.project).toBe("homelab-root");
        expect(spec.template.spec.destination).toEqual({ server: IN_CLUSTER, namespace: "{{.path.basename}}" });
        expect(spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
        const pinned = layerApplicationSet({ ...src, name: "x", namespace: "argocd", path: "apps", targetNamespace: "apps" });
        expect((pinned.spec as Doc).template.spec.destination.namespace).toBe("apps");
    });

    it("a catch-all layer (cluster-*-apps) leaves the folders of the other layers to them", () => {
        const layers = ["cluster-init-apps", "cluster-critical-apps", "cluster-platform-apps", "cluster-*-apps"].map((path) => ({ path }));
        const ex = overlappingLayers(layers);
        expect(ex).toEqual([[], [], [], ["cluster-init-apps", "cluster-critical-apps", "cluster-platform-apps"]]);
        expect(overlappingLayers([{ path: "apps/*" }, { path: "apps/x/y" }, { path: "apps/x" }])).toEqual([["apps/x"], [], []]);
        const set = layerApplicationSet({ ...src, name: "cluster-apps", namespace: "argocd", path: "cluster-*-apps", exclude: ex[3] });
        expect((set.spec as Doc).generators[0].git.directories).toEqual([
            { path: "cluster-*-apps/*" },
            { path: "cluster-init-apps/*", exclude: true },
            { path: "cluster-critical-apps/*", exclude: true },
            { path: "cluster-platform-apps/*", exclude: true },
        ]);
    });

    it("the root's AppProject allows only the GitOps repository and this cluster, with optional signature keys", () => {
        const p = rootProject({ name: "homelab-root", namespace: "argocd", repoURL: src.repoURL, signatureKeys: [] });
        expect(p.apiVersion).toBe("argoproj.io/v1alpha1");
        expect(p.kind).toBe("AppProject");
        expect(p.metadata).toEqual({ name: "homelab-root", namespace: "argocd" });
        expect(p.spec.sourceRepos).toEqual([src.repoURL]);
        expect(p.spec.destinations).toEqual([{ server: "https://kubernetes.default.svc", namespace: "*" }]);
        expect(p.spec.signatureKeys).toBeUndefined();
        const signed = rootProject({ name: "x", namespace: "argocd", repoURL: src.repoURL, signatureKeys: ["4aee18f83afdeb23"] });
        expect(signed.spec.signatureKeys).toEqual([{ keyID: "4AEE18F83AFDEB23" }]);
    });

    it("normalizes paths the way Argo CD expects them", () => {
        expect(normalizePath("./a/b/")).toBe("a/b");
        expect(normalizePath("/a")).toBe("a");
        expect(normalizePath("./")).toBe(".");
    });
});

describe("secret layouts", () => {
    it("repository Secret data for ssh, https and public repositories", () => {
        expect(repositorySecretData("git@github.com:x/y.git", { kind: "ssh", sshPrivateKey: "KEY" })).toEqual({ type: "git", url: "git@github.com:x/y.git", sshPrivateKey: "KEY" });
        expect(repositorySecretData("https://github.com/x/y", { kind: "https", username: "git", password: "TOKEN" })).toEqual({
            type: "git",
            url: "https://github.com/x/y",
            username: "git",
            password: "TOKEN",
        });
        expect(repositorySecretData("https://github.com/x/y", { kind: "none" })).toEqual({ type: "git", url: "https://github.com/x/y" });
    });

    it("documented Secret names and keys per external-secrets provider", () => {
        expect(externalSecretsCredentialLayout("infisical")).toEqual({ secretName: "infisical-universal-auth", keys: { clientId: "infisicalClientId", clientSecret: "infisicalClientSecret" } });
        expect(externalSecretsCredentialLayout("vault")).toEqual({ secretName: "vault-token", keys: { token: "vaultToken" } });
        expect(externalSecretsCredentialLayout("bitwarden")).toEqual({ secretName: "bitwarden-access-token", keys: { token: "bitwardenAccessToken" } });
        expect(externalSecretsValues("bitwarden")["bitwarden-sdk-server"]).toEqual({ enabled: true });
        expect(externalSecretsValues("vault")["bitwarden-sdk-server"]).toBeUndefined();
    });

    it("the sealed-secrets controller keeps kubeseal's default name and never renews its key", () => {
        expect(sealedSecretsValues()).toMatchObject({ fullnameOverride: "sealed-secrets-controller", keyrenewperiod: "0" });
    });
});

describe("homelab:gitops config", () => {
    const withGitops = (gitops: Record<string, unknown>) => ({ ...baseConfig(), gitops });
    const paths = (gitops: Record<string, unknown>) => validateConfig(withGitops(gitops)).errors.map((e) => e.path);

    it("accepts sealedSecrets as a boolean or a block, with defaults", () => {
        const r = validateConfig(withGitops({ repo: { url: "https://github.com/x/y", path: "apps" }, secrets: { sealedSecrets: true } }));
        expect(r.errors).toEqual([]);
        expect(r.config?.gitops?.secrets.sealedSecrets).toEqual({ enabled: true, namespace: "kube-system", controller: "git", certValidityDays: 3650 });
        const off = validateConfig(withGitops({ repo: { url: "https://github.com/x/y", path: "apps" } }));
        expect(off.config?.gitops?.secrets.sealedSecrets.enabled).toBe(false);
        expect(off.config?.gitops?.argocd).toMatchObject({ insecure: true, reconciliation: "180s", selfManaged: false });
    });

    it("requires repo.path for app-of-apps and sets for applicationsets", () => {
        expect(paths({ repo: { url: "https://github.com/x/y" } })).toEqual(["homelab:gitops.repo.path"]);
        expect(paths({ repo: { url: "https://github.com/x/y" }, layout: "applicationsets" })).toEqual(["homelab:gitops.applicationSets"]);
        expect(paths({ repo: { url: "https://github.com/x/y" }, layout: "applicationsets", applicationSets: [{ name: "a", path: "a" }] })).toEqual([]);
    });

    it("rejects duplicate ApplicationSet names and folders", () => {
        expect(
            paths({
                repo: { url: "https://github.com/x/y" },
                layout: "applicationsets",
                applicationSets: [
                    { name: "init", path: "cluster-init-apps" },
                    { name: "init", path: "cluster-critical-apps" },
                    { name: "other", path: "./cluster-init-apps/" },
                ],
            }),
        ).toEqual(["homelab:gitops.applicationSets[1].name", "homelab:gitops.applicationSets[2].path"]);
    });

    it("rejects credentials in argocd.values and keeps the value out of the message", () => {
        const r = validateConfig(withGitops({ repo: { url: "https://github.com/x/y", path: "a" }, argocd: { values: { configs: { secret: { argocdServerAdminPassword: "$2a$10$leak" } } } } }));
        expect(r.errors.map((e) => e.path)).toEqual(["homelab:gitops.argocd.values.configs.secret"]);
        expect(JSON.stringify(r.errors)).not.toContain("leak");
    });

    it("rejects plain-HTTP ArgoCD behind a LoadBalancer/NodePort Service: the old pi-k3s setting", () => {
        // pi-k3s as it was: a LoadBalancer address for argocd-server and insecure left at its default (true).
        const old = structuredClone(readFixture("Pulumi.pi-k3s.yaml").raw) as { gitops: { argocd: Record<string, unknown> } };
        delete old.gitops.argocd.insecure;
        const r = validateConfig(old);
        expect(r.config).toBeUndefined();
        expect(r.errors.map(formatIssue)).toEqual([expect.stringMatching(/^homelab:gitops\.argocd\.insecure: true serves ArgoCD over plain HTTP, but gitops\.argocd\.values\.server\.service\.type is LoadBalancer/)]);
        // The stack as committed now serves TLS from argocd-server and passes.
        expect(validateConfig(readFixture("Pulumi.pi-k3s.yaml").raw).errors).toEqual([]);
        const lb = (type: string, insecure: boolean) => paths({ repo: { url: "https://github.com/x/y", path: "a" }, argocd: { insecure, values: { server: { service: { type } } } } });
        expect(lb("NodePort", true)).toEqual(["homelab:gitops.argocd.insecure"]);
        expect(lb("LoadBalancer", false)).toEqual([]);
        expect(lb("ClusterIP", true)).toEqual([]);
    });

    it("the root AppProject: default name, signature keys checked", () => {
        const r = validateConfig(withGitops({ repo: { url: "https://github.com/x/y", path: "a" } }));
        expect(r.config?.gitops?.project).toEqual({ name: "homelab-root", signatureKeys: [] });
        expect(r.config?.gitops?.argocd.admin).toEqual({ enabled: true });
        expect(paths({ repo: { url: "https://github.com/x/y", path: "a" }, project: { signatureKeys: ["not-a-key"] } })).toEqual(["homelab:gitops.project.signatureKeys[0]"]);
    });

    it("keeps the repository URL/credentials rules", () => {
        expect(paths({ repo: { url: "git@github.com:x/y.git", path: "a" } })).toEqual(["homelab:gitops.repo.credentials"]);
        expect(paths({ repo: { url: "https://github.com/x/y", path: "a", credentials: "ssh" } })).toEqual(["homelab:gitops.repo.credentials"]);
    });
});
