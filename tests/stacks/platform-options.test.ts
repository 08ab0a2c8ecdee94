/**
 * Options around issue #14's defaults: the explicit root waits (`gitops.rootWaitsFor`), the
 * Bitwarden SDK server certificate, and the pure helpers behind handoff and namespaces.
 */
import { ownershipNotes } from "../../cli/docs";
import { handoffOptions } from "../../components/helm";
import { namespaceArgs, podSecurityLabels } from "../../components/namespace";
import { longhornTolerations, tolerationFor } from "../../components/storage/longhorn-values";
import { network as networkRules, storage as storageRules } from "../../config/rules";
import { validateConfig } from "../../config/validate";
import type { RecordedResource } from "../../cli/engine/recorder";
import { ok, readFixture, runProgram, type RawConfig } from "../harness";

const secrets = { "cloudflare:apiToken": "t", gitSshPrivateKey: "k", infisicalClientId: "i", infisicalClientSecret: "s", sshPrivateKey: "k", bitwardenAccessToken: "bw-canary-token" };

function dependsTransitively(resources: readonly RecordedResource[], from: string, to: string): boolean {
    const m = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
    const expand = (u: string): string[] => (m.get(u)?.custom ? [u] : (children.get(u) ?? []).flatMap(expand));
    const seen = new Set<string>();
    const todo = [from];
    while (todo.length > 0) {
        for (const d of m.get(todo.pop()!)!.dependencies.flatMap(expand)) {
            if (d === to) return true;
            if (!seen.has(d)) {
                seen.add(d);
                todo.push(d);
            }
        }
    }
    return false;
}

describe("gitops.rootWaitsFor", () => {
    async function homelab(rootWaitsFor: string[]) {
        const raw = structuredClone(readFixture("Pulumi.homelab.yaml").raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        raw.gitops.rootWaitsFor = rootWaitsFor;
        const r = ok(await runProgram(raw as RawConfig, { secrets }));
        const find = (type: string, name: string) => r.resources.find((x) => x.type === type && x.name === name)!.urn;
        const root = find("kubernetes:argoproj.io/v1alpha1:Application", "root-application");
        return {
            root,
            reaches: (type: string, name: string) => dependsTransitively(r.resources, root, find(type, name)),
        };
    }

    it("by default the root waits for neither storage nor cert-manager; asked for, it waits for both", async () => {
        const plain = await homelab([]);
        expect(plain.reaches("kubernetes:helm.sh/v3:Release", "rook-ceph-cluster")).toBe(false);
        expect(plain.reaches("kubernetes:cert-manager.io/v1:ClusterIssuer", "homelab-cert-manager-issuer-production")).toBe(false);
        const waiting = await homelab(["storage", "certManager"]);
        expect(waiting.reaches("kubernetes:helm.sh/v3:Release", "rook-ceph-cluster")).toBe(true);
        expect(waiting.reaches("kubernetes:cert-manager.io/v1:ClusterIssuer", "homelab-cert-manager-issuer-production")).toBe(true);
    });
});

describe("External Secrets with Bitwarden installed by Pulumi", () => {
    it("bitwardenTls pulumi: a generated bitwarden-tls-certs Secret exists before the chart, its key secret", async () => {
        const raw = structuredClone(readFixture("Pulumi.nixos-k3s.yaml").raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        raw.gitops.secrets.externalSecrets = { provider: "bitwarden", controller: "helm", bitwardenTls: "pulumi" };
        // Not a preview: the generated key is known, so its secretness can be checked.
        const r = ok(await runProgram(raw as RawConfig, { secrets, preview: false }));
        const secret = r.resources.find((x) => x.type === "kubernetes:core/v1:Secret" && (x.inputs.metadata as { name: string }).name === "bitwarden-tls-certs")!;
        expect(secret.inputs.type).toBe("kubernetes.io/tls");
        expect(secret.inputs.stringData).toBe("[secret]");
        const cert = r.resources.find((x) => x.type === "tls:index/selfSignedCert:SelfSignedCert")!;
        expect(cert.inputs.dnsNames).toContain("bitwarden-sdk-server.external-secrets.svc.cluster.local");
        const rel = r.resources.find((x) => x.type === "kubernetes:helm.sh/v3:Release" && x.inputs.name === "external-secrets")!;
        expect(rel.dependencies).toContain(secret.urn);
    });

    it("without bitwardenTls the combination is rejected before anything is registered", async () => {
        const raw = structuredClone(readFixture("Pulumi.nixos-k3s.yaml").raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        raw.gitops.secrets.externalSecrets = { provider: "bitwarden", controller: "helm" };
        const r = await runProgram(raw as RawConfig, { secrets });
        expect(r.errors.map((e) => e.message).join("\n")).toMatch(/homelab:gitops\.secrets\.externalSecrets\.bitwardenTls: \(unset\) is required/);
        expect(r.resources.filter((x) => x.custom)).toEqual([]);
    });
});

describe("built-in namespaces are never created", () => {
    it("External Secrets in kube-system: the credential goes there, no Namespace object (which a destroy could delete)", async () => {
        const raw = structuredClone(readFixture("Pulumi.homelab.yaml").raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        raw.gitops.secrets.externalSecrets.namespace = "kube-system";
        const r = ok(await runProgram(raw as RawConfig, { secrets }));
        const names = r.resources.filter((x) => x.type === "kubernetes:core/v1:Namespace").map((x) => (x.inputs.metadata as { name: string }).name);
        expect(names).not.toContain("kube-system");
        const cred = r.resources.find((x) => x.type === "kubernetes:core/v1:Secret" && x.name === "external-secrets-infisical")!;
        expect((cred.inputs.metadata as { namespace: string }).namespace).toBe("kube-system");
    });
});

describe("pure helpers", () => {
    it("handoff adds ignoreChanges on chart/version/values and retainOnDelete, keeping the caller's", () => {
        expect(handoffOptions({ ignoreChanges: ["x"] }, false)).toEqual({ ignoreChanges: ["x"] });
        expect(handoffOptions({ ignoreChanges: ["x"] }, true)).toEqual({ ignoreChanges: ["x", "chart", "version", "values", "repositoryOpts"], retainOnDelete: true });
    });

    it("Pod Security: privileged is quiet, baseline warns at restricted, and the ArgoCD no-delete annotation is set", () => {
        expect(podSecurityLabels("privileged")["pod-security.kubernetes.io/warn"]).toBe("privileged");
        expect(podSecurityLabels("baseline")).toEqual({
            "pod-security.kubernetes.io/enforce": "baseline",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/warn": "restricted",
        });
        expect(namespaceArgs("n", "restricted").metadata).toMatchObject({ annotations: { "argocd.argoproj.io/sync-options": "Delete=false,Prune=false" } });
    });

    it("the stack page quotes the stack file's `# Who owns what` block, and only it", () => {
        const text = ["config:", "  homelab:gitops:", "    # unrelated", "    # Who owns what. Git runs x.", "    #   x   ns-x", "    handoff: [x]", "    # later"].join("\n");
        expect(ownershipNotes(text)).toEqual(["Who owns what. Git runs x.", "  x   ns-x"]);
        expect(ownershipNotes("config: {}\n")).toEqual([]);
    });

    it("taints become exact tolerations and Longhorn's setting string", () => {
        expect(tolerationFor("gpu:NoExecute")).toEqual({ key: "gpu", operator: "Exists", effect: "NoExecute" });
        expect(longhornTolerations(["a=1:NoSchedule", "b:NoExecute", "a=1:NoSchedule"]).setting).toBe("a=1:NoSchedule;b:NoExecute");
    });

    it("warns about a MetalLB VLAN pool announced on every NIC, not once it names its interface", () => {
        const raw = structuredClone(readFixture("Pulumi.ha-k3s.yaml").raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(networkRules.loadBalancerVlanInterfaces(validateConfig(raw).config!)).toEqual([]);
        delete raw.loadBalancer.pools[1].interfaces;
        expect(networkRules.loadBalancerVlanInterfaces(validateConfig(raw).config!).map((i) => i.path)).toEqual(["homelab:loadBalancer.pools[1].interfaces"]);
    });

    it("warns about a Longhorn backup target that no job ever uses", () => {
        const raw = structuredClone(readFixture("Pulumi.nixos-k3s.yaml").raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        raw.storage.longhorn.recurringJobs = [{ name: "snap", task: "snapshot", cron: "0 * * * *", retain: 3 }];
        const cfg = validateConfig(raw).config!;
        expect(storageRules.longhornBackupSchedule(cfg).map((i) => i.path)).toEqual(["homelab:storage.longhorn.recurringJobs"]);
        raw.storage.longhorn.recurringJobs.push({ name: "bk", task: "backup", cron: "0 3 * * *", retain: 3 });
        expect(storageRules.longhornBackupSchedule(validateConfig(raw).config!)).toEqual([]);
    });
});
