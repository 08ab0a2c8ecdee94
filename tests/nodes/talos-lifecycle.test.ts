/* eslint-disable @typescript-eslint/no-explicit-any -- rendered objects and stack configs are free-form trees; tests index into them directly */
/**
 * Mock-engine tests of the Talos cluster's life after the first boot, on the homelab stack:
 * adopt, rollout order and health gates, upgrades, node removal, offline nodes, preflight gate.
 */
import * as pulumi from "@pulumi/pulumi";
import { talosRolloutOrder } from "../../cli/artifacts/talos";
import type { RecordedResource } from "../../cli/engine/recorder";
import { plan, summary } from "../../cli/plan";
import type { RunResult } from "../../cli/engine/run";
import { TalosCluster, type TalosClusterArgs } from "../../components/nodes/talos-cluster";
import type { ClusterSpec } from "../../config/spec";
import { validateConfig } from "../../config/validate";
import { noPrerequisites } from "../../stacks/types";
import { ofType, ok, one, readFixture, ROOT, runComponent, runProgram, specFrom, type RawConfig } from "../harness";

const T = {
    apply: "talos:machine/configurationApply:ConfigurationApply",
    bootstrap: "talos:machine/bootstrap:Bootstrap",
    command: "command:local:Command",
    getHealth: "talos:cluster/getHealth:getHealth",
} as const;
const seedSecrets = { gitSshPrivateKey: "CANARY-ssh-key", infisicalClientId: "CANARY-id", infisicalClientSecret: "CANARY-secret", "cloudflare:apiToken": "CANARY-token" };
const seedRaw = readFixture("Pulumi.homelab.yaml").raw;
/** The homelab rollout order written out by hand: control planes (config order), then workers. */
const HOMELAB_ORDER = ["k8s-1", "k8s-3", "k8s-5", "k8s-2", "k8s-6", "k8s-7", "k8s-8", "k8s-9"];

/** The seed with edits applied to a deep copy. */
function seedWith(edit: (raw: { cluster: Record<string, any>; nodes: Array<Record<string, any>> }) => void): RawConfig {
    const raw = JSON.parse(JSON.stringify(seedRaw));
    edit(raw);
    return raw;
}

const named = (r: RunResult, name: string): RecordedResource => {
    const found = r.resources.filter((x) => x.name === name);
    if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
    return found[0];
};
const env = (res: RecordedResource) => res.plainInputs.environment as Record<string, string>;

/** True when `from` (transitively) depends on `to`. */
function dependsOn(r: RunResult, from: RecordedResource, to: RecordedResource): boolean {
    const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
    const seen = new Set<string>();
    const stack = [...from.dependencies];
    while (stack.length > 0) {
        const urn = stack.pop()!;
        if (urn === to.urn) return true;
        if (seen.has(urn)) continue;
        seen.add(urn);
        stack.push(...(byUrn.get(urn)?.dependencies ?? []));
    }
    return false;
}

describe("homelab rollout in a fresh-stack preview", () => {
    let r: RunResult;
    beforeAll(async () => {
        r = ok(await runProgram(seedRaw, { secrets: seedSecrets }));
    });

    it("chains one rollout step per online node, control planes first, each after the previous and its own apply", () => {
        const steps = HOMELAB_ORDER.map((n) => named(r, `homelab-${n}-rollout`));
        expect(steps.map((s) => env(s).NODE_NAME)).toEqual(HOMELAB_ORDER);
        const rollout = one(r, "homelab:nodes:TalosRollout");
        expect(rollout.parent).not.toBe(one(r, "homelab:nodes:TalosCluster").urn);
        steps.forEach((s, i) => {
            expect(s.type).toBe(T.command);
            expect(s.parent).toBe(rollout.urn);
            expect(s.dependencies).toContain(named(r, `homelab-${HOMELAB_ORDER[i]}`).urn);
            if (i > 0) expect(s.dependencies).toContain(steps[i - 1].urn);
        });
        expect(steps[0].dependencies).toContain(one(r, T.bootstrap).urn);
    });

    it("upgrades Kubernetes before any apply", () => {
        const k8s = named(r, "homelab-k8s-upgrade");
        expect(env(k8s).KUBERNETES_VERSION).toBe("1.36.3");
        for (const a of ofType(r, T.apply)) expect(a.dependencies).toContain(k8s.urn);
    });

    it("never lets two steps that can reboot a node run at once: they form one total order", () => {
        const rebooting = ofType(r, T.command).filter((c) => /-(rollout|k8s-upgrade)$/.test(c.name));
        expect(rebooting).toHaveLength(8 + 1);
        for (const a of rebooting) {
            for (const b of rebooting) {
                if (a === b) continue;
                expect(dependsOn(r, a, b) || dependsOn(r, b, a)).toBe(true);
            }
        }
    });

    it("applies every configuration in the non-rebooting mode, in parallel", () => {
        const applies = ofType(r, T.apply);
        expect(applies).toHaveLength(8);
        const applyUrns = new Set(applies.map((a) => a.urn));
        for (const a of applies) {
            expect(a.inputs.applyMode).toBe("staged_if_needing_reboot");
            expect(a.dependencies.filter((d) => applyUrns.has(d))).toEqual([]);
        }
    });

    it("does nothing on create, works on update, bounds every step and keeps the talosconfig secret", () => {
        // The node layer's local commands (the GitOps layer has one of its own: ArgoCD's password mtime).
        for (const c of ofType(r, T.command).filter((x) => /::homelab:nodes:Talos\w+\$/.test(x.urn))) {
            expect(String(c.inputs.create)).not.toContain("talosctl");
            expect(c.inputs.interpreter).toEqual(["/bin/bash", "-c"]);
            expect(c.customTimeouts?.update).toMatch(/^\d+m$/);
            expect((c.inputs.environment as Record<string, unknown>).NODE_NAME).not.toBe("[secret]");
        }
        expect(String(named(r, "homelab-k8s-1-rollout").inputs.update)).toContain('talosctl -n "$NODE_IP" upgrade --image "$IMAGE"');
        expect(String(named(r, "homelab-k8s-1-rollout").inputs.update)).toContain("reboot --drain --wait");
        expect(String(named(r, "homelab-k8s-upgrade").inputs.update)).toContain('upgrade-k8s --to "$KUBERNETES_VERSION"');
    });

    it("touches no offline node", () => {
        const text = JSON.stringify(r.resources.filter((x) => x.type === T.command || x.type === T.apply).map((x) => [x.name, x.inputs]));
        expect(text).not.toMatch(/k8s-4|k8s-10|10\.0\.60\.24|10\.0\.60\.30/);
    });

    it("registers a membership step per node: etcd removal for control planes, drain for workers, on delete", () => {
        const cp = named(r, "homelab-k8s-3-member");
        expect(String(cp.inputs.delete)).toContain("etcd remove-member");
        expect(env(cp).CONTROL_PLANES).toBe("10.0.60.21,10.0.60.25");
        const w = named(r, "homelab-k8s-6-member");
        expect(String(w.inputs.delete)).toContain("kubectl drain");
    });

    it("bootstraps for real without adopt", () => {
        expect(one(r, T.bootstrap).inputs.node).toBe("10.0.60.21");
        expect(r.logs.map((l) => l.message).join("\n")).not.toContain("adopt");
    });
});

describe("homelab changes in an update (outputs known)", () => {
    const run = (raw: RawConfig) => runProgram(raw, { secrets: seedSecrets, preview: false }).then(ok);

    it("passes the talosconfig as the only secret of each step, never in the script text", async () => {
        const r = await run(seedRaw);
        const commands = ofType(r, T.command).filter((x) => /::homelab:nodes:Talos\w+\$/.test(x.urn));
        expect(commands.length).toBe(8 + 1 + 8);
        for (const c of commands) {
            expect(c.secretPaths).toEqual(["environment.TALOSCONFIG_DATA"]);
            expect((c.inputs.environment as Record<string, unknown>).TALOSCONFIG_DATA).toBe("[secret]");
            expect(String(env(c).TALOSCONFIG_DATA)).toContain("contexts:");
            for (const k of ["create", "update", "delete"]) expect(String(c.plainInputs[k] ?? "")).not.toContain("talos-admin-key");
        }
    });

    it("a Talos version bump changes only the upgrade steps' target and the installer patch, on all 8 nodes", async () => {
        const [a, b] = [await run(seedRaw), await run(seedWith((x) => (x.cluster.talos.version = "v1.13.10")))];
        for (const n of HOMELAB_ORDER) {
            const [ea, eb] = [env(named(a, `homelab-${n}-rollout`)), env(named(b, `homelab-${n}-rollout`))];
            expect(ea.IMAGE).toMatch(/:v1\.13\.9$/);
            expect(eb.IMAGE).toMatch(/:v1\.13\.10$/);
            expect(eb.VERSION).toBe("v1.13.10");
            // The config hash changes too (the installer-image patch); the apply is not staged for it.
            expect({ ...eb, IMAGE: "", VERSION: "", CONFIG_HASH: "", TALOSCONFIG_DATA: "" }).toEqual({ ...ea, IMAGE: "", VERSION: "", CONFIG_HASH: "", TALOSCONFIG_DATA: "" });
        }
        expect(env(named(b, "homelab-k8s-upgrade"))).toEqual(env(named(a, "homelab-k8s-upgrade")));
    });

    it("an extension change (schematic) re-targets every upgrade step", async () => {
        const [a, b] = [await run(seedRaw), await run(seedWith((x) => x.cluster.talos.extensions.push("siderolabs/iscsi-tools")))];
        for (const n of HOMELAB_ORDER) expect(env(named(b, `homelab-${n}-rollout`)).SCHEMATIC).not.toBe(env(named(a, `homelab-${n}-rollout`)).SCHEMATIC);
    });

    it("a Kubernetes version bump re-targets the k8s step and upgrades no node's OS", async () => {
        const [a, b] = [await run(seedRaw), await run(seedWith((x) => (x.cluster.kubernetesVersion = "1.36.4")))];
        expect(env(named(a, "homelab-k8s-upgrade")).KUBERNETES_VERSION).toBe("1.36.3");
        expect(env(named(b, "homelab-k8s-upgrade")).KUBERNETES_VERSION).toBe("1.36.4");
        // It runs through the bootstrap node (k8s-1, 10.0.60.21): the script talks to the first entry.
        expect(env(named(b, "homelab-k8s-upgrade")).CONTROL_PLANES).toBe("10.0.60.21,10.0.60.23,10.0.60.25");
        for (const n of HOMELAB_ORDER) expect(env(named(b, `homelab-${n}-rollout`)).IMAGE).toBe(env(named(a, `homelab-${n}-rollout`)).IMAGE);
    });

    it("a reboot-needing change (machine.files) reaches every reboot step through its config hash", async () => {
        const [a, b] = [await run(seedRaw), await run(seedWith((x) => (x.cluster.talos.criCustomization += "# tuned\n")))];
        for (const n of HOMELAB_ORDER) {
            const [ra, rb] = [named(a, `homelab-${n}-rollout`), named(b, `homelab-${n}-rollout`)];
            expect(env(rb).CONFIG_HASH).not.toBe(env(ra).CONFIG_HASH);
            // Same target image: the step reboots (when staged) instead of upgrading.
            expect(env(rb).IMAGE).toBe(env(ra).IMAGE);
            expect(String(rb.inputs.update)).toContain("health");
        }
    });

    it("removing a control plane (offline) removes its etcd member before the health check, which uses the real set", async () => {
        const r = await run(seedWith((x) => (x.nodes.find((n) => n.name === "k8s-5")!.offline = true)));
        const member = named(r, "homelab-k8s-5-member");
        expect(String(member.inputs.create)).toContain("etcd remove-member");
        expect(env(member)).toMatchObject({ NODE_NAME: "k8s-5", CONTROL_PLANES: "10.0.60.21,10.0.60.23" });
        const health = r.invokes.find((i) => i.token === T.getHealth)!;
        expect(health.plainArgs.controlPlaneNodes).toEqual(["10.0.60.21", "10.0.60.23"]);
        expect(r.resources.some((x) => x.name === "homelab-k8s-5-rollout" || x.name === "homelab-k8s-5")).toBe(false);
    });
});

describe("adopt (take over a running cluster)", () => {
    it("registers no Bootstrap, says so, and lets the later steps wait for the first control plane's apply", async () => {
        const r = ok(await runProgram(seedWith((x) => (x.cluster.adopt = true)), { secrets: seedSecrets }));
        expect(ofType(r, T.bootstrap)).toEqual([]);
        const firstApply = named(r, "homelab-k8s-1");
        expect(one(r, "talos:cluster/kubeconfig:Kubeconfig").dependencies).toContain(firstApply.urn);
        expect(named(r, "homelab-k8s-1-rollout").dependencies).toContain(firstApply.urn);
        expect(named(r, "homelab-k8s-3-member").dependencies).toContain(firstApply.urn);
        for (const a of ofType(r, T.apply)) expect(a.inputs.applyMode).toBe("staged_if_needing_reboot");
        expect(r.logs.map((l) => l.message)).toContainEqual(expect.stringContaining("talos: adopt: homelab already runs, so no Bootstrap is registered"));
    });

    it("refuses a rebooting apply mode, naming the key", () => {
        const v = validateConfig(seedWith((x) => ((x.cluster.adopt = true), (x.cluster.talos.applyMode = "auto"))));
        expect(v.config).toBeUndefined();
        expect(v.errors).toEqual([expect.objectContaining({ path: "homelab:cluster.talos.applyMode", value: "auto" })]);
        const w = validateConfig(seedWith((x) => ((x.cluster.adopt = true), (x.nodes[0].talosApplyMode = "reboot"))));
        expect(w.errors).toEqual([expect.objectContaining({ path: "homelab:nodes[0].talosApplyMode", value: "reboot" })]);
    });
});

/** A stand-in for the preflight helper's per-node resource. */
class Gate extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:preflight:Check", name, {});
    }
}

describe("preflight gate", () => {
    it("makes the first step touching each node (its apply; the Kubernetes upgrade for the first control plane) wait for that node's preflight", async () => {
        const spec: ClusterSpec = specFrom(seedRaw);
        let gates: Record<string, pulumi.Resource> = {};
        const r = ok(
            await runComponent(() => {
                gates = Object.fromEntries(spec.nodes.filter((n) => !n.offline).map((n) => [n.name, new Gate(`pf-${n.name}`)]));
                const args: TalosClusterArgs = {
                    clusterName: "homelab",
                    clusterEndpoint: spec.apiServerUrl,
                    kubernetesVersion: spec.cluster.kubernetesVersion,
                    talos: spec.cluster.talos!,
                    network: spec.network,
                    cni: spec.cni,
                    nodes: spec.nodes,
                    prerequisites: noPrerequisites,
                    preflight: gates,
                };
                return new TalosCluster("homelab", args);
            }),
        );
        for (const n of HOMELAB_ORDER) {
            const gate = r.resources.find((x) => x.name === `pf-${n}`)!;
            expect(named(r, `homelab-${n}`).dependencies).toContain(gate.urn);
            // Another node's gate is not waited for directly.
            const other = r.resources.find((x) => x.name === `pf-${n === "k8s-1" ? "k8s-3" : "k8s-1"}`)!;
            expect(named(r, `homelab-${n}`).dependencies).not.toContain(other.urn);
        }
        expect(named(r, "homelab-k8s-upgrade").dependencies).toContain(r.resources.find((x) => x.name === "pf-k8s-1")!.urn);
    });
});

describe("npm run plan on the homelab stack", () => {
    it("prints the rollout order from the registered dependencies and writes them to resources.json", async () => {
        const result = await plan({ stack: "homelab" }, ROOT);
        expect(summary(result, "out")).toContain("talos rollout (changes, upgrades; one node at a time, health between): k8s-1 -> k8s-3 -> k8s-5 -> k8s-2 -> k8s-6 -> k8s-7 -> k8s-8 -> k8s-9");
        const resources = JSON.parse(result.files.find((f) => f.path === "resources.json")!.content) as Array<{ name: string; urn: string; dependencies: string[] }>;
        const urn = (n: string) => resources.find((x) => x.name === n)!.urn;
        expect(resources.find((x) => x.name === "homelab-k8s-2-rollout")!.dependencies).toContain(urn("homelab-k8s-5-rollout"));
        // Reversing the chain in the summary would need the dependencies to say so.
        expect(talosRolloutOrder(result.run.resources.filter((x) => !x.name.endsWith("-k8s-1-rollout")))).toEqual(["k8s-3", "k8s-5", "k8s-2", "k8s-6", "k8s-7", "k8s-8", "k8s-9"]);
    });
});

describe("etcd snapshots (TalosEtcdBackup)", () => {
    it("is created only with a target, with the cluster's provider, S3 keys as secrets and API access on the control planes", async () => {
        const none = ok(await runProgram(seedRaw, { secrets: seedSecrets }));
        expect(none.resources.some((x) => x.type === "homelab:nodes:TalosEtcdBackup")).toBe(false);
        const raw = seedWith((x) => (x.cluster.talos.etcdBackup = { s3: { endpoint: "https://s3.example.com", bucket: "etcd-homelab" } }));
        const r = ok(await runProgram(raw, { secrets: { ...seedSecrets, backupAccessKeyId: "CANARY-akid", backupSecretAccessKey: "CANARY-sak" }, preview: false }));
        const provider = one(r, "pulumi:providers:kubernetes");
        const cron = one(r, "kubernetes:batch/v1:CronJob");
        expect(cron.parent).toBe(one(r, "homelab:nodes:TalosEtcdBackup").urn);
        expect(cron.provider).toBe(provider.urn);
        expect(one(r, "kubernetes:talos.dev/v1alpha1:ServiceAccount").inputs.spec).toEqual({ roles: ["os:etcd:backup"] });
        const secret = one(r, "kubernetes:core/v1:Secret", "homelab-etcd-backup-s3");
        expect(secret.inputs.stringData).toBe("[secret]");
        expect(secret.plainInputs.stringData).toEqual({ accessKeyId: "CANARY-akid", secretAccessKey: "CANARY-sak" });
        expect(JSON.stringify(r.resources.map((x) => x.inputs))).not.toContain("CANARY");
        const patchesOf = (n: string) => (named(r, `homelab-${n}`).inputs.configPatches as string[]).join("");
        expect(patchesOf("k8s-1")).toContain("os:etcd:backup");
        expect(patchesOf("k8s-2")).not.toContain("kubernetesTalosAPIAccess");
    });
});
