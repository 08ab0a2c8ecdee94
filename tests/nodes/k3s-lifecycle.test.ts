/**
 * The k3s node layer over the cluster's life, under the mock engine: reordering nodes never moves
 * cluster-init, upgrades roll servers in a chain and agents in batches after the last server,
 * removed nodes carry their delete steps, secret settings stay secret, every remote command is
 * bounded, and the preflight gate and the narrowed apiReady are wired.
 */
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { runUnderMocks } from "../../cli/engine/run";
import { plan } from "../../cli/plan";
import { K3sCluster } from "../../components/nodes/k3s-cluster";
import { program } from "../../stacks";
import { buildK3sNodes } from "../../stacks/nodes-k3s";
import { noPrerequisites } from "../../stacks/types";
import { everythingPrinted, ofType, ok, ROOT, runComponent, runProgram, specFrom, toRuntimeConfig } from "../harness";
import { agent, cluster, cmd, CMD, installDeps, secrets, server, threePlusAgents, urnOf, V, type Obj } from "./k3s-fixtures";

/** A custom resource standing in for a preflight check. */
class Check extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:index:Check", name, {});
    }
}

describe("k3s lifecycle under the mock engine", () => {
    it("reordering homelab:nodes never moves cluster-init and changes no input", async () => {
        const base = threePlusAgents({ bootstrapServer: "cp2" });
        const nodes = base.nodes as Obj[];
        const reordered = { ...base, nodes: [nodes[2], nodes[5], nodes[0], nodes[3], nodes[1], nodes[4], nodes[6]] };
        const [a, b] = [ok(await runProgram(base, { secrets })), ok(await runProgram(reordered, { secrets }))];
        for (const r of [a, b]) {
            const withInit = ofType(r, CMD).filter((c) => String(c.inputs.stdin ?? "").includes("cluster-init: true"));
            expect(withInit.map((c) => c.name)).toEqual(["lab-cp2-install"]);
            // The chain starts at the bootstrap server whatever the list order.
            expect(installDeps(r, "lab-cp2-install")).toEqual([]);
            expect(String(cmd(r, "lab-cp1-install").inputs.stdin)).toContain("server: https://10.0.0.12:6443");
        }
        const inputs = (r: typeof a) => Object.fromEntries(r.resources.map((x) => [x.urn, JSON.stringify(x.inputs)]));
        expect(inputs(b)).toEqual(inputs(a));
    });

    it("a version bump upgrades the servers in a chain, then agents in batches after the last server, drained around it", async () => {
        const cfg = (version: string) => threePlusAgents({ version, upgrade: { agentConcurrency: 2, drain: true } });
        const [a, b] = [ok(await runProgram(cfg(V), { secrets })), ok(await runProgram(cfg("v1.36.4+k3s1"), { secrets }))];
        const changed = a.resources.filter((x) => JSON.stringify(x.inputs) !== JSON.stringify(b.resources.find((y) => y.urn === x.urn)?.inputs)).map((x) => x.name);
        for (const n of ["cp1", "cp2", "cp3", "w1", "w2", "w3"]) expect(changed).toEqual(expect.arrayContaining([`lab-${n}-install`, `lab-${n}-drain`, `lab-${n}-uncordon`]));
        // Servers one at a time: each drains after the previous server is back (uncordoned).
        expect(installDeps(b, "lab-cp1-drain")).toEqual([]);
        expect(installDeps(b, "lab-cp2-drain")).toEqual([urnOf(b, "lab-cp1-uncordon")]);
        expect(installDeps(b, "lab-cp3-drain")).toEqual([urnOf(b, "lab-cp2-uncordon")]);
        for (const n of ["cp1", "cp2", "cp3", "w1", "w2", "w3"]) {
            expect(cmd(b, `lab-${n}-install`).dependencies).toContain(urnOf(b, `lab-${n}-drain`));
            expect(cmd(b, `lab-${n}-uncordon`).dependencies).toEqual([urnOf(b, `lab-${n}-install`)]);
            expect(cmd(b, `lab-${n}-drain`).inputs.triggers).toEqual(["v1.36.4+k3s1"]);
            // Drains run against the API, on the bootstrap server.
            expect(String(cmd(b, `lab-${n}-drain`).inputs.create)).toContain("drain \"$node\"");
        }
        // Agents: batch 1 (w1, w2) after the LAST server, batch 2 (w3) after batch 1.
        for (const w of ["w1", "w2"]) expect(installDeps(b, `lab-${w}-drain`)).toEqual([urnOf(b, "lab-cp3-uncordon")]);
        expect(installDeps(b, "lab-w3-drain")).toEqual([urnOf(b, "lab-w1-uncordon"), urnOf(b, "lab-w2-uncordon")].sort());
        // The kubeconfig is re-read after the bootstrap server's upgrade.
        expect(cmd(b, "lab-kubeconfig").inputs.triggers).toEqual(["v1.36.4+k3s1", "cp1"]);
    });

    it("removing an agent and a server leaves their delete steps to run: drain + delete node on the bootstrap server, then uninstall", async () => {
        const before = threePlusAgents();
        const after = { ...before, nodes: (before.nodes as Obj[]).filter((n) => n.name !== "cp3" && n.name !== "w2") };
        const [a, b] = [ok(await runProgram(before, { secrets })), ok(await runProgram(after, { secrets }))];
        const gone = a.resources.filter((x) => !b.resources.some((y) => y.urn === x.urn)).map((x) => x.name).sort();
        // Their preflight steps go too (nothing is checked on a node that left the stack).
        expect(gone).toEqual(["lab-cp3-install", "lab-cp3-remove", "lab-cp3-token", "lab-cp3-uninstall", "lab-preflight-cp3", "lab-preflight-w2", "lab-w2-install", "lab-w2-remove", "lab-w2-token", "lab-w2-uninstall"]);
        for (const n of ["cp3", "w2"]) {
            const remove = cmd(a, `lab-${n}-remove`);
            const uninstall = cmd(a, `lab-${n}-uninstall`);
            // Delete-only: creating them touches no host (an offline node keeps them unharmed).
            for (const c of [remove, uninstall]) expect([c.inputs.create, c.inputs.update, c.inputs.triggers]).toEqual([undefined, undefined, undefined]);
            expect((remove.plainInputs.connection as Obj).host).toBe("10.0.0.11");
            expect(String(remove.inputs.delete)).toContain("drain \"$node\"");
            expect(String(remove.inputs.delete)).toContain("delete node \"$node\"");
            expect((uninstall.plainInputs.connection as Obj).host).toBe(n === "cp3" ? "10.0.0.13" : "10.0.0.22");
            expect(String(uninstall.inputs.delete)).toContain("/usr/local/bin/k3s-uninstall.sh");
            // remove depends on uninstall, so the engine deletes (drains) it first, then uninstalls.
            expect(remove.dependencies).toContain(uninstall.urn);
            expect(uninstall.dependencies).toEqual([urnOf(a, `lab-${n}-install`)]);
        }
        // Removals never overlap for servers and agents go first: reverse of the dependency chain.
        expect(cmd(a, "lab-cp3-remove").dependencies).toContain(urnOf(a, "lab-cp2-remove"));
        expect(cmd(a, "lab-w2-remove").dependencies).toContain(urnOf(a, "lab-cp3-remove"));
        // An offline node keeps its removal steps (offline is not removal).
        expect(cmd(a, "lab-w4-remove").dependencies).toContain(urnOf(a, "lab-w4-uninstall"));
    });

    it("a canary S3 secret travels only as a secret: never in plain inputs, plan output or logs", async () => {
        const S3_SECRET = "CANARY-S3-SECRET-KEY-42";
        const S3_ACCESS = "CANARY-S3-ACCESS-KEY-42";
        const cfg = threePlusAgents({ etcdSnapshots: { s3: { bucket: "etcd-snaps", endpoint: "minio.lan:9000" } } });
        const r = ok(await runProgram(cfg, { secrets: { ...secrets, k3sEtcdS3SecretKey: S3_SECRET, k3sEtcdS3AccessKey: S3_ACCESS }, preview: false }));
        for (const s of ["cp1", "cp2", "cp3"]) {
            const dropIn = cmd(r, `lab-${s}-secrets`);
            expect(dropIn.inputs.stdin).toBe("[secret]");
            expect(dropIn.plainInputs.stdin).toBe(`etcd-s3-access-key: ${S3_ACCESS}\netcd-s3-secret-key: ${S3_SECRET}\n`);
            expect(String(dropIn.inputs.create)).toContain("/etc/rancher/k3s/config.yaml.d/50-homelab-secrets.yaml");
            expect(cmd(r, `lab-${s}-install`).dependencies).toContain(dropIn.urn);
            expect(String(cmd(r, `lab-${s}-install`).inputs.stdin)).toContain("etcd-s3-bucket: etcd-snaps");
        }
        // A key rotation restarts the servers one at a time.
        expect(cmd(r, "lab-cp3-secrets").dependencies).toContain(urnOf(r, "lab-cp2-secrets"));
        expect(cmd(r, "lab-cp2-secrets").dependencies).toContain(urnOf(r, "lab-cp1-secrets"));
        const printed = everythingPrinted(r);
        for (const canary of [S3_SECRET, S3_ACCESS]) {
            expect(printed).not.toContain(canary);
            // Wherever the value is an input, that input is secret.
            for (const x of r.resources) {
                for (const [k, v] of Object.entries(x.plainInputs)) if (JSON.stringify(v).includes(canary)) expect(x.secretPaths).toContain(k);
            }
        }
        // plan (offline, placeholders) writes no secret and no S3 key anywhere either.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k3s-s3-"));
        try {
            const file = path.join(dir, "Pulumi.s3.yaml");
            fs.writeFileSync(file, stringify({ config: Object.fromEntries(Object.entries(cfg).map(([k, v]) => [`homelab:${k}`, v])) }));
            const result = await plan({ file }, ROOT);
            for (const f of result.files) expect(f.content).not.toMatch(/CANARY|etcd-s3-secret-key|etcd-s3-access-key/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("every remote command is bounded: customTimeouts on create, update and delete", async () => {
        const timeouts = new Map<string, { create: string; update: string; delete: string }>();
        const cfg = threePlusAgents({ upgrade: { drain: true }, etcdSnapshots: { s3: { bucket: "etcd-snaps" } } });
        const wrapped = () => {
            // Record the CustomTimeouts of every registration, as the engine receives them.
            const monitor = require("@pulumi/pulumi/runtime/settings").getMonitor();
            const register = monitor.registerResource.bind(monitor);
            monitor.registerResource = (req: { getType(): string; getName(): string; getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined }, cb: unknown) => {
                const t = req.getCustomtimeouts();
                if (req.getType() === CMD) timeouts.set(req.getName(), { create: t?.getCreate() ?? "", update: t?.getUpdate() ?? "", delete: t?.getDelete() ?? "" });
                return register(req, cb);
            };
            return program();
        };
        const r = ok(await runUnderMocks(wrapped, { stack: "test", ...toRuntimeConfig(cfg, { ...secrets, k3sEtcdS3SecretKey: "s", k3sEtcdS3AccessKey: "a" }) }));
        const names = ofType(r, CMD).map((c) => c.name).sort();
        expect(names.length).toBeGreaterThan(30);
        expect([...timeouts.keys()].sort()).toEqual(names);
        for (const [name, t] of timeouts) {
            for (const v of Object.values(t)) expect({ name, v }).toEqual({ name, v: expect.stringMatching(/^\d+m$/) });
        }
        // The install bound covers packages, installer, start and readiness (1500+600+600+300 s + dial retries).
        expect(timeouts.get("lab-cp1-install")?.create).toBe("55m");
    });

    it("adopt: no cluster-init anywhere; the bootstrap server joins another server", async () => {
        const cfg = { ...threePlusAgents(), cluster: { ...(threePlusAgents().cluster as Obj), adopt: true } };
        const r = ok(await runProgram(cfg, { secrets }));
        for (const c of ofType(r, CMD)) expect(String(c.inputs.stdin ?? "")).not.toContain("cluster-init");
        expect(String(cmd(r, "lab-cp1-install").inputs.stdin)).toContain("server: https://10.0.0.12:6443");
        expect(String(cmd(r, "lab-cp1-install").inputs.create)).not.toContain("cacerts");
    });

    it("per-node k3s settings are merged last into that node's config.yaml; keyscan host keys are accepted", async () => {
        const cfg = cluster(
            [server(1, { hostKey: "10.0.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyscanLine" }), agent(1, { k3s: { config: { "default-runtime": "nvidia", "kubelet-arg": ["max-pods=50"] } } }), agent(2)],
            {},
            { agentConfig: { "kubelet-arg": ["max-pods=110"] } },
        );
        const r = ok(await runProgram(cfg, { secrets }));
        const w1 = String(cmd(r, "lab-w1-install").inputs.stdin);
        expect(w1).toContain("default-runtime: nvidia");
        expect(w1).toContain("max-pods=50");
        expect(w1).not.toContain("max-pods=110");
        expect(String(cmd(r, "lab-w2-install").inputs.stdin)).toContain("max-pods=110");
        expect((cmd(r, "lab-cp1-install").plainInputs.connection as Obj).hostKey).toBe("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyscanLine");
    });

    it("preflight: each node's first remote step waits for that node's check", async () => {
        const spec = specFrom(threePlusAgents({ upgrade: { agentConcurrency: 3 } }), { sshPrivateKey: "k" });
        const r = ok(
            await runComponent(() => {
                const checks = Object.fromEntries(["cp1", "cp2", "cp3", "w1", "w2", "w3"].map((n) => [n, new Check(`check-${n}`)]));
                new K3sCluster("lab", { spec, sshPrivateKey: pulumi.secret("k"), preflight: checks });
            }),
        );
        const check = (n: string) => r.resources.find((x) => x.name === `check-${n}`)?.urn ?? "missing";
        for (const n of ["cp1", "cp2", "cp3", "w1", "w2", "w3"]) expect(cmd(r, `lab-${n}-token`).dependencies).toContain(check(n));
        // Only its own node's check.
        expect(cmd(r, "lab-w1-token").dependencies).not.toContain(check("w2"));
    });

    it("apiReady: the servers and the kubeconfig read, not the agents", async () => {
        const spec = specFrom(threePlusAgents(), { sshPrivateKey: "k" });
        let names: string[] = [];
        ok(
            await runComponent(() => {
                const layer = buildK3sNodes(spec, noPrerequisites);
                names = layer.apiReady.map((x) => (x as unknown as { __name: string }).__name);
            }),
        );
        expect(names.sort()).toEqual(["lab-cp3-install", "lab-k8s", "lab-kubeconfig"]);
    });
});
