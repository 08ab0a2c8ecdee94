/**
 * Every stack's program against its reviewed contract (tests/contracts/<stack>.yaml), and the
 * identity guard itself: a rename of a guarded URN fails naming the URN and the reason, unless
 * the program carries an alias from the old URN. Never writes a contract (see cli/contracts.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { buildContract, compareContract, contractPath, formatContractDiff, parseContract, renderContract, type Contract } from "../../cli/contract/contract";
import { main as contractsMain, parseContractsArgs } from "../../cli/contracts";
import type { RecordedResource } from "../../cli/engine/recorder";
import { plan } from "../../cli/plan";
import { ok, runComponent, ROOT } from "../harness";

const STACKS = ["ha-k3s", "homelab", "nixos-k3s", "pi-k3s", "proxmox-k3s"];
const readContract = (stack: string): Contract => parseContract(fs.readFileSync(path.join(ROOT, contractPath(stack)), "utf8"), contractPath(stack));

describe("contract files", () => {
    it("exist for exactly the five stacks", () => {
        const files = fs.readdirSync(path.join(ROOT, "tests/contracts")).filter((f) => f.endsWith(".yaml")).sort();
        expect(files).toEqual(STACKS.map((s) => `${s}.yaml`));
    });
});

const recordings = new Map<string, RecordedResource[]>();
async function recording(stack: string): Promise<RecordedResource[]> {
    if (!recordings.has(stack)) recordings.set(stack, (await plan({ stack }, ROOT)).run.resources);
    return recordings.get(stack)!;
}

describe.each(STACKS)("stack %s against its contract tests/contracts/<stack>.yaml", (stack) => {
    it("registers exactly the contract's URNs with the contract's lifecycle options", async () => {
        const report = formatContractDiff(stack, compareContract(readContract(stack), await recording(stack)));
        // The report is the failure message: every added/removed/renamed URN and changed option.
        expect(report).toBe("");
    });
});

/** The same recording with one resource renamed (as a rename in code would register it). */
function rename(resources: readonly RecordedResource[], urnSuffix: string, newName: string, aliases: string[] = []): RecordedResource[] {
    const target = resources.filter((r) => r.urn.endsWith(urnSuffix));
    expect(target).toHaveLength(1);
    return resources.map((r) =>
        r === target[0] ? { ...r, name: newName, urn: r.urn.slice(0, r.urn.lastIndexOf("::") + 2) + newName, aliases } : r,
    );
}

describe.each([
    ["homelab", "homelab:nodes:TalosCluster$talos:machine/secrets:Secrets::homelab-secrets", "it is protected: cluster identity"],
    ["pi-k3s", "homelab:nodes:K3sCluster$random:index/randomPassword:RandomPassword::pi-k3s-token", "it is protected: cluster identity"],
    ["ha-k3s", "homelab:gitops:ArgoCD$kubernetes:helm.sh/v3:Release::argocd", "it is the ArgoCD release, the GitOps controller"],
    ["pi-k3s", "homelab:storage:Longhorn$kubernetes:helm.sh/v3:Release::longhorn-release", "it is retainOnDelete: retained data"],
])("renaming a guarded resource of %s (%s)", (stack, suffix, reason) => {
    const oldUrn = `urn:pulumi:${stack}::homelab::${suffix}`;

    it("fails with the identity guard, naming the URN and why", async () => {
        const d = compareContract(readContract(stack), rename(await recording(stack), suffix, "renamed"));
        expect(d.violations).toHaveLength(1);
        expect(d.violations[0]).toContain(`${oldUrn} (`);
        expect(d.violations[0]).toContain(reason);
        expect(d.violations[0]).toContain(`{ aliases: ["${oldUrn}"] }`);
        const report = formatContractDiff(stack, d);
        expect(report).toMatch(/^IDENTITY GUARD \(1\)/);
        expect(report).toContain(`  - ${oldUrn}\n`);
        expect(report).toContain(`  + ${oldUrn.slice(0, oldUrn.lastIndexOf("::") + 2)}renamed\n`);
    });

    it("passes the guard when the renamed resource carries an alias from the old URN (the contract is then stale, not broken)", async () => {
        const renamed = rename(await recording(stack), suffix, "renamed", [oldUrn]);
        const d = compareContract(readContract(stack), renamed);
        expect(d.violations).toEqual([]);
        expect(d.removed).toEqual([]);
        expect(d.added).toEqual([]);
        expect(d.renamed).toEqual([{ from: oldUrn, to: oldUrn.slice(0, oldUrn.lastIndexOf("::") + 2) + "renamed" }]);
        // After the deliberate update the new contract records the alias and is clean.
        const updated = parseContract(renderContract(buildContract(stack, renamed)));
        expect(updated.resources.find((e) => e.urn.endsWith("::renamed"))?.aliases).toEqual([oldUrn]);
        expect(formatContractDiff(stack, compareContract(updated, renamed))).toBe("");
    });
});

describe("the identity guard on options", () => {
    it("flags a guarded resource that loses protect, and lists ordinary option changes as a stale contract", async () => {
        const suffix = "talos:machine/secrets:Secrets::homelab-secrets";
        const base = await recording("homelab");
        const unprotected = base.map((r) => (r.urn.endsWith(suffix) ? { ...r, protect: false } : r));
        const d = compareContract(readContract("homelab"), unprotected);
        expect(d.violations).toHaveLength(1);
        expect(d.violations[0]).toContain(`::homelab:nodes:TalosCluster$${suffix} weakens protect true -> (default)`);
        expect(d.violations[0]).toContain("cluster identity");

        const timeouts = base.map((r) => (r.name === "homelab-k8s-1" && r.type.endsWith(":ConfigurationApply") ? { ...r, customTimeouts: { create: "10m", update: "", delete: "" } } : r));
        const d2 = compareContract(readContract("homelab"), timeouts);
        expect(d2.violations).toEqual([]);
        expect(formatContractDiff("homelab", d2)).toContain(`ConfigurationApply::homelab-k8s-1\n      customTimeouts (default) -> {"create":"10m"}\n`);
    });

    it("treats tightening a guarded resource as an ordinary change, and dropping an ignored input as weakening", async () => {
        const release = "homelab:gitops:ArgoCD$kubernetes:helm.sh/v3:Release::argocd";
        const base = await recording("homelab");
        const tightened = base.map((r) => (r.urn.endsWith(release) ? { ...r, retainOnDelete: true, ignoreChanges: ["version"] } : r));
        const d = compareContract(readContract("homelab"), tightened);
        expect(d.violations).toEqual([]);
        expect(d.changed.map((c) => [c.urn.endsWith(release), c.changes.map((x) => x.option)])).toEqual([[true, ["retainOnDelete", "ignoreChanges"]]]);

        const secrets = "talos:machine/secrets:Secrets::homelab-secrets";
        const noIgnore = base.map((r) => (r.urn.endsWith(secrets) ? { ...r, ignoreChanges: [] } : r));
        const d2 = compareContract(readContract("homelab"), noIgnore);
        expect(d2.violations).toHaveLength(1);
        expect(d2.violations[0]).toContain(`${secrets} weakens ignoreChanges ["talosVersion"] -> (default)`);
    });

    it("carries a whole component across a rename through the engine's alias resolution", async () => {
        class Res extends pulumi.CustomResource {
            constructor(name: string, opts: pulumi.CustomResourceOptions) {
                super("talos:machine/secrets:Secrets", name, {}, opts);
            }
        }
        const build = (name: string, aliases: pulumi.Input<pulumi.URN | pulumi.Alias>[]) => () => {
            const c = new pulumi.ComponentResource("homelab:nodes:TalosCluster", name, {}, { aliases });
            new Res(`${name}-secrets`, { parent: c, protect: true });
        };
        const before = ok(await runComponent(build("lab", []))).resources;
        const contract = buildContract("test", before);
        const without = compareContract(contract, ok(await runComponent(build("home", []))).resources);
        expect(without.violations.join("\n")).toContain("urn:pulumi:test::homelab::homelab:nodes:TalosCluster$talos:machine/secrets:Secrets::lab-secrets (talos:machine/secrets:Secrets) is no longer registered; it is protected");
        const withAlias = compareContract(contract, ok(await runComponent(build("home", [{ name: "lab" }]))).resources);
        expect(withAlias.violations).toEqual([]);
        expect(withAlias.renamed.map((r) => r.from).sort()).toEqual([
            "urn:pulumi:test::homelab::homelab:nodes:TalosCluster$talos:machine/secrets:Secrets::lab-secrets",
            "urn:pulumi:test::homelab::homelab:nodes:TalosCluster::lab",
        ]);
    });
});

describe("the contract file format", () => {
    it("round-trips, leaves defaults out, and shows guards", () => {
        const c: Contract = {
            stack: "x",
            resources: [
                { urn: "urn:pulumi:x::homelab::a:b:C::n", type: "a:b:C", protect: true, ignoreChanges: ["talosVersion"], customTimeouts: { create: "5m" } },
                { urn: "urn:pulumi:x::homelab::a:b:D::m", type: "a:b:D" },
            ],
        };
        const text = renderContract(c);
        expect(text).toContain("  - urn: urn:pulumi:x::homelab::a:b:C::n\n    type: a:b:C\n    guard: identity (protect)\n    protect: true\n    ignoreChanges: [talosVersion]\n    customTimeouts:\n      create: 5m\n");
        expect(text).toContain("  - urn: urn:pulumi:x::homelab::a:b:D::m\n    type: a:b:D\n");
        expect(parseContract(text)).toEqual(c);
    });

    it("rejects unknown keys and entries without a URN, naming the file", () => {
        expect(() => parseContract("stack: x\nresources:\n  - urn: u\n    type: t\n    protected: true\n", "f.yaml")).toThrow("f.yaml: resources[0] (u) has unknown keys protected");
        expect(() => parseContract("stack: x\nresources:\n  - type: t\n", "f.yaml")).toThrow("f.yaml: resources[0] needs a urn and a type");
        expect(() => parseContract("[]", "f.yaml")).toThrow("f.yaml: expected { stack, resources: [...] }");
    });
});

describe("npm run contracts", () => {
    it("parses its flags", () => {
        expect(parseContractsArgs(["--update", "--stack", "a", "--stack=b"])).toEqual({ stacks: ["a", "b"], update: true, allowIdentityChange: false });
        expect(() => parseContractsArgs(["--allow-identity-change"])).toThrow("only makes sense with --update");
        expect(() => parseContractsArgs(["--out", "x"])).toThrow("unknown argument --out");
    });

    it("checks without writing, refuses an update that loses a guarded URN, and writes with --allow-identity-change", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contracts-"));
        for (const f of ["Pulumi.yaml", "Pulumi.proxmox-k3s.yaml"]) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
        fs.mkdirSync(path.join(dir, "tests/contracts"), { recursive: true });
        const io = () => {
            const o = { out: "", err: "" };
            return { o, out: { write: (s: string) => ((o.out += s), true) } as never, err: { write: (s: string) => ((o.err += s), true) } as never };
        };
        const file = path.join(dir, "tests/contracts/proxmox-k3s.yaml");
        const missing = io();
        expect(await contractsMain(["--stack", "proxmox-k3s"], missing.out, missing.err, dir)).toBe(1);
        expect(missing.o.err).toBe("tests/contracts/proxmox-k3s.yaml is missing; create it with: npm run contracts -- --update --stack proxmox-k3s\n");
        expect(fs.existsSync(file)).toBe(false);
        const ghost = "urn:pulumi:proxmox-k3s::homelab::homelab:nodes:K3sCluster$random:index/randomPassword:RandomPassword::old-token";
        const stale = fs.readFileSync(path.join(ROOT, contractPath("proxmox-k3s")), "utf8") + `  - urn: ${ghost}\n    type: random:index/randomPassword:RandomPassword\n    protect: true\n`;
        fs.writeFileSync(file, stale);
        const check = io();
        expect(await contractsMain(["--stack", "proxmox-k3s"], check.out, check.err, dir)).toBe(1);
        expect(check.o.err).toContain(`${ghost} (random:index/randomPassword:RandomPassword) is no longer registered; it is protected`);
        const refused = io();
        expect(await contractsMain(["--update", "--stack", "proxmox-k3s"], refused.out, refused.err, dir)).toBe(1);
        expect(refused.o.err).toContain("refusing to update tests/contracts/proxmox-k3s.yaml");
        expect(fs.readFileSync(file, "utf8")).toBe(stale);
        const forced = io();
        expect(await contractsMain(["--update", "--allow-identity-change", "--stack", "proxmox-k3s"], forced.out, forced.err, dir)).toBe(0);
        expect(fs.readFileSync(file, "utf8")).toBe(fs.readFileSync(path.join(ROOT, contractPath("proxmox-k3s")), "utf8"));
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
