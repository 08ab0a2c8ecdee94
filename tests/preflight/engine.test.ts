/**
 * Mock engine: during `up` (preview false) every online node gets its preflight step, and the
 * first step that touches the node (Talos ConfigurationApply, k3s token command) waits for it;
 * preview registers the very same steps (they run only during an update).
 */
import type { RecordedResource } from "../../cli/engine/recorder";
import { baseConfig, ofType, ok, readFixture, runProgram } from "../harness";

const STEP = "command:local:Command";
/** Only the preflight steps: other layers may run local commands too (e.g. talosctl steps). */
const steps = (r: Parameters<typeof ofType>[0]) => ofType(r, STEP).filter((s) => /-preflight-/.test(s.name));
const key = { sshPrivateKey: "canary-preflight-ssh-key" };

/** URNs a resource depends on, directly or through its dependencies. */
function closure(all: readonly RecordedResource[], start: RecordedResource): Set<string> {
    const byUrn = new Map(all.map((r) => [r.urn, r]));
    const seen = new Set<string>();
    const stack = [...start.dependencies];
    while (stack.length > 0) {
        const u = stack.pop() as string;
        if (seen.has(u)) continue;
        seen.add(u);
        stack.push(...(byUrn.get(u)?.dependencies ?? []));
    }
    return seen;
}

describe("preflight in the program", () => {
    it("k3s up: a step per online node, before every command on that node, holding the key only as a secret", async () => {
        const raw = { ...baseConfig("k3s"), nodes: [...(baseConfig("k3s").nodes as object[]), { name: "w2", role: "worker", ip: "10.0.0.22", offline: true }] };
        const r = ok(await runProgram(raw, { secrets: key, preview: false }));
        const found = steps(r);
        expect(found.map((s) => s.name).sort()).toEqual(["test-preflight-cp1", "test-preflight-w1"]);
        for (const node of ["cp1", "w1"]) {
            const step = found.find((s) => s.name === `test-preflight-${node}`) as RecordedResource;
            // First in the chain: it waits for nothing.
            expect(step.dependencies).toEqual([]);
            expect(step.inputs).toMatchObject({ create: expect.stringContaining("preflight/step.ts --phase create"), update: expect.stringContaining("--phase update"), stdin: "[secret]" });
            // No triggers: the SDK makes every trigger change a replacement, and a replaced step
            // would run its create (fresh) phase against a node the stack already runs.
            expect(step.inputs.triggers).toBeUndefined();
            expect(step.replaceOnChanges).toEqual(["triggers[*]"]);
            const onNode = ofType(r, "command:remote:Command").filter((c) => c.name.startsWith(`test-${node}-`));
            expect(onNode.length).toBeGreaterThan(0);
            for (const c of onNode) expect(closure(r.resources, c).has(step.urn)).toBe(true);
            const token = onNode.find((c) => c.name === `test-${node}-token`) as RecordedResource;
            expect(token.dependencies).toContain(step.urn);
            expect(JSON.parse(String(step.plainInputs.stdin))).toMatchObject({ target: { name: node, distribution: "k3s" }, privateKey: key.sshPrivateKey });
        }
        expect(JSON.stringify(r.resources.map((x) => x.inputs))).not.toContain(key.sshPrivateKey);
    });

    it("k3s preinstalled up: the kubeconfig read and label commands on the first server wait for its step", async () => {
        const base = baseConfig("k3s");
        const raw = {
            ...base,
            cluster: { ...(base.cluster as object), endpoint: "10.0.0.11", k3s: { install: "preinstalled" } },
            network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1" },
            nodes: [{ name: "cp1", role: "controlplane", ip: "10.0.0.11", labels: { tier: "a" } }],
        };
        const r = ok(await runProgram(raw, { secrets: key, preview: false }));
        const step = steps(r).find((s) => s.name === "test-preflight-cp1") as RecordedResource;
        const remote = ofType(r, "command:remote:Command");
        expect(remote.map((c) => c.name).sort()).toEqual(["test-cp1-labels", "test-kubeconfig"]);
        for (const c of remote) expect(c.dependencies).toContain(step.urn);
    });

    it("talos up: each node's ConfigurationApply depends on its own step", async () => {
        const r = ok(await runProgram(baseConfig("talos"), { preview: false }));
        const found = steps(r);
        expect(found.map((s) => s.name).sort()).toEqual(["test-preflight-cp1", "test-preflight-w1"]);
        for (const node of ["cp1", "w1"]) {
            const step = found.find((s) => s.name === `test-preflight-${node}`) as RecordedResource;
            const apply = ofType(r, "talos:machine/configurationApply:ConfigurationApply").find((a) => a.name === `test-${node}`) as RecordedResource;
            expect(apply.dependencies).toContain(step.urn);
            const other = found.find((s) => s !== step) as RecordedResource;
            expect(apply.dependencies).not.toContain(other.urn);
            expect(step.dependencies).toEqual([]);
        }
    });

    it("pi-k3s (upgrade.drain): every drain and uncordon, which run on the bootstrap server, waits for that server's preflight step", async () => {
        const secrets = { ...key, gitSshPrivateKey: "k", backupAccessKeyId: "a", backupSecretAccessKey: "s", "cloudflare:apiToken": "t" };
        const r = ok(await runProgram(readFixture("Pulumi.pi-k3s.yaml").raw, { secrets, preview: false }));
        const gate = steps(r).find((s) => s.name === "pi-k3s-preflight-rpi1") as RecordedResource;
        expect(gate).toBeDefined();
        const kubectlSteps = ofType(r, "command:remote:Command").filter((c) => /-(drain|uncordon)$/.test(c.name));
        expect(kubectlSteps.map((c) => c.name)).toContain("pi-k3s-rpi1-drain");
        for (const c of kubectlSteps) expect([c.name, closure(r.resources, c).has(gate.urn)]).toEqual([c.name, true]);
        // The first of them, the bootstrap server's own drain, waits for it directly.
        expect(kubectlSteps.find((c) => c.name === "pi-k3s-rpi1-drain")?.dependencies).toContain(gate.urn);
    });

    it("re-registers identical inputs for the same config, and a changed node changes only its own stdin (an update, never a replace)", async () => {
        const a = ok(await runProgram(baseConfig("talos"), { preview: false }));
        const b = ok(await runProgram(baseConfig("talos"), { preview: false }));
        const changed = { ...baseConfig("talos"), nodes: [{ name: "cp1", role: "controlplane", ip: "10.0.0.11", installDisk: "/dev/nvme0n1" }, { name: "w1", role: "worker", ip: "10.0.0.21" }] };
        const c = ok(await runProgram(changed, { preview: false }));
        const trig = (r: typeof a, n: string) => steps(r).find((s) => s.name === `test-preflight-${n}`)?.inputs.stdin;
        expect(trig(a, "cp1")).toEqual(trig(b, "cp1"));
        expect(trig(c, "cp1")).not.toEqual(trig(a, "cp1"));
        expect(trig(c, "w1")).toEqual(trig(a, "w1"));
        // Reordering the nodes changes nothing at all.
        const reordered = ok(await runProgram({ ...baseConfig("talos"), nodes: [...(baseConfig("talos").nodes as object[])].reverse() }, { preview: false }));
        for (const n of ["cp1", "w1"]) expect(trig(reordered, n)).toEqual(trig(a, n));
    });

    // Preview registers the same steps as up (so a stack that ran `up` previews them as unchanged,
    // never as phantom deletes); the command provider runs create/update only during an update,
    // so preview stays offline. What it registers is exactly what up registers.
    it("preview registers the same steps, with the same inputs, as up (and runs none of them)", async () => {
        const k3sPreview = ok(await runProgram(baseConfig("k3s"), { secrets: key }));
        const k3sUp = ok(await runProgram(baseConfig("k3s"), { secrets: key, preview: false }));
        const talosPreview = ok(await runProgram(baseConfig("talos")));
        const talosUp = ok(await runProgram(baseConfig("talos"), { preview: false }));
        const shape = (r: typeof k3sUp) => steps(r).map((s) => ({ urn: s.urn, inputs: s.inputs, customTimeouts: s.customTimeouts }));
        expect(steps(k3sPreview).length).toBeGreaterThan(0);
        expect(shape(k3sPreview)).toEqual(shape(k3sUp));
        expect(shape(talosPreview)).toEqual(shape(talosUp));
        for (const s of steps(talosPreview)) expect(s.customTimeouts).toMatchObject({ create: "5m", update: "5m" });
        expect(ofType(talosPreview, "talos:machine/configurationApply:ConfigurationApply").length).toBe(2);
    });
});
