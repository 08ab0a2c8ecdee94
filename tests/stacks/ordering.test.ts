/**
 * Ordering as the engine will see it (docs/gitops.md "Ordering"): every Kubernetes object above
 * the node layer waits (directly or transitively) for the CNI release, and nothing more than it
 * needs: ArgoCD and its Secrets wait for neither storage nor cert-manager (tests/stacks/platform.test.ts
 * checks the path to the root on every stack). A component's dependsOn does not reach its
 * children, so this is checked on the children.
 */
import type { RecordedResource } from "../../cli/engine/recorder";
import { ok, readFixture, runProgram, type RawConfig } from "../harness";

function closure(resources: readonly RecordedResource[]): (urn: string) => Set<string> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]);
    const memo = new Map<string, Set<string>>();
    const expand = (urn: string): string[] => {
        const r = byUrn.get(urn);
        if (!r) return [];
        return r.custom ? [urn] : (children.get(urn) ?? []).flatMap(expand);
    };
    const all = (urn: string): Set<string> => {
        const hit = memo.get(urn);
        if (hit) return hit;
        const out = new Set<string>();
        memo.set(urn, out);
        const r = byUrn.get(urn)!;
        for (const d of [...r.dependencies, ...(r.provider ? [r.provider] : [])].flatMap(expand)) {
            out.add(d);
            for (const x of all(d)) out.add(x);
        }
        return out;
    };
    return all;
}

const secrets = { "cloudflare:apiToken": "t", gitSshPrivateKey: "k", infisicalClientId: "i", infisicalClientSecret: "s", sshPrivateKey: "k", bitwardenAccessToken: "b" };

/** homelab with the tunnel in a namespace that already exists (no Namespace object to wait on). */
function tunnelInKubeSystem(): RawConfig {
    const raw = structuredClone(readFixture("Pulumi.homelab.yaml").raw) as { cloudflare: { tunnel: Record<string, unknown> } };
    raw.cloudflare.tunnel.namespace = "kube-system";
    return raw as unknown as RawConfig;
}

const cases: Array<[string, () => RawConfig]> = [
    ["Pulumi.homelab.yaml", () => readFixture("Pulumi.homelab.yaml").raw],
    ["Pulumi.nixos-k3s.yaml", () => readFixture("Pulumi.nixos-k3s.yaml").raw],
    ["homelab with the tunnel in kube-system", tunnelInKubeSystem],
];

describe.each(cases)("ordering in %s", (_label, config) => {
    it("every Kubernetes object outside the node layer waits for the Cilium release", async () => {
        const r = ok(await runProgram(config(), { secrets }));
        const deps = closure(r.resources);
        const cilium = r.resources.find((x) => x.type === "kubernetes:helm.sh/v3:Release" && x.inputs.chart === "cilium")!;
        expect(cilium).toBeDefined();
        const above = r.resources.filter(
            (x) => x.custom && x.type.startsWith("kubernetes:") && x.urn !== cilium.urn && !x.parent.includes("homelab:nodes:"),
        );
        expect(above.length).toBeGreaterThanOrEqual(8);
        const early = above.filter((x) => !deps(x.urn).has(cilium.urn)).map((x) => x.name);
        expect(early).toEqual([]);
    });

    it("ArgoCD, the repository Secret and the bootstrap Secrets wait for no storage or cert-manager object", async () => {
        const r = ok(await runProgram(config(), { secrets }));
        const deps = closure(r.resources);
        const layerOf = (x: RecordedResource): string => {
            const parent = r.resources.find((p) => p.urn === x.parent);
            return parent ? (parent.type.startsWith("homelab:") ? parent.type : layerOf(parent)) : "";
        };
        const notNeeded = new Set(r.resources.filter((x) => x.custom && (layerOf(x).startsWith("homelab:storage:") || layerOf(x) === "homelab:network:CertManager")).map((x) => x.urn));
        expect(notNeeded.size).toBeGreaterThan(0);
        const gitopsObjects = r.resources.filter((x) => x.custom && ["homelab:gitops:ArgoCD", "homelab:gitops:Repository", "homelab:gitops:BootstrapSecrets"].includes(layerOf(x)));
        expect(gitopsObjects.length).toBeGreaterThanOrEqual(4);
        for (const x of gitopsObjects) expect([x.name, [...deps(x.urn)].filter((d) => notNeeded.has(d))]).toEqual([x.name, []]);
    });
});
