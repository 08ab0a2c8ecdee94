/**
 * The k3s preflight against a real OpenSSH server on 127.0.0.1 (tests/preflight/sshd.ts): host
 * key pinning, a missing prerequisite with its fix, a passing host, the CLI and the very command
 * `pulumi up` runs per node. Loopback only.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { main } from "../../cli/preflight";
import { checkK3sNode, type NodeRunOptions } from "../../preflight/node";
import { fingerprint, parsePinnedKey } from "../../preflight/transport/ssh";
import type { CheckResult, ClusterTarget, K3sNodeTarget } from "../../preflight/types";
import { stepCommand } from "../../stacks/preflight";
import { ROOT } from "../harness";
import { describeWithSshd, startSshd, type Sshd } from "./sshd";

const failing = (rs: readonly CheckResult[]) => rs.filter((r) => r.status === "fail").map((r) => `${r.check}: ${r.detail}`);

describeWithSshd("k3s preflight over a real sshd on 127.0.0.1", () => {
    let sshd: Sshd;
    let target: K3sNodeTarget;
    let opts: NodeRunOptions;
    beforeAll(async () => {
        sshd = await startSshd();
        target = {
            distribution: "k3s",
            name: "cp1",
            role: "controlplane",
            ip: "127.0.0.1",
            configPath: "homelab:nodes[0]",
            // Present on every Linux host, so the NIC check can pass here.
            link: { name: "lo" },
            bootstrap: true,
            ssh: { port: sshd.port, user: sshd.user, hostKey: `127.0.0.1 ${sshd.hostKey}` },
            install: "script",
            hostPackages: [],
            longhorn: false,
            cilium: { enabled: false, kubeProxyReplacement: false },
        };
        opts = { mode: "fresh", clusterName: "t", privateKey: sshd.userKey, timeouts: { sshMs: 8000, tcpMs: 1000, talosMs: 1000 } };
    });
    afterAll(async () => {
        await sshd?.stop();
    });

    it("passes a host that meets the prerequisites (ssh-keyscan form of the pinned key)", async () => {
        const r = await checkK3sNode(target, opts);
        expect(failing(r.results)).toEqual([]);
        const ids = r.results.map((x) => x.check);
        expect(ids).toEqual(expect.arrayContaining(["node.ssh", "k3s.existing-install", "k3s.memory-cgroup", "node.interface", "node.time", "node.dpkg-lock"]));
        expect(r.results.find((x) => x.check === "node.ssh")?.status).toBe("pass");
        expect(r.clock).toBeGreaterThan(1_600_000_000);
    });

    it("prints the host key fingerprint as ssh-keygen -lf does", () => {
        const lf = execFileSync("ssh-keygen", ["-lf", path.join(sshd.dir, "host_ed25519.pub")]).toString().split(/\s+/)[1];
        expect(fingerprint(parsePinnedKey(sshd.hostKey).blob)).toBe(lf);
        expect(parsePinnedKey(`127.0.0.1 ${sshd.hostKey} comment`)).toEqual(parsePinnedKey(sshd.hostKey));
        expect(() => parsePinnedKey("not a key")).toThrow(/not an OpenSSH public host key/);
    });

    it("accepts the bare form of the pinned key too", async () => {
        const r = await checkK3sNode({ ...target, ssh: { ...target.ssh, hostKey: sshd.hostKey } }, opts);
        expect(r.results[0]).toMatchObject({ check: "node.ssh", status: "pass" });
    });

    it("refuses a host whose key differs from the pinned one, and checks nothing else", async () => {
        const r = await checkK3sNode({ ...target, ssh: { ...target.ssh, hostKey: sshd.otherHostKey } }, opts);
        expect(r.results).toHaveLength(1);
        expect(r.results[0]).toMatchObject({ check: "node.ssh", status: "fail" });
        expect(r.results[0].detail).toContain("host key mismatch");
        expect(r.results[0].fix).toContain("ssh-keyscan");
    });

    it("warns with the key to pin when none is pinned", async () => {
        const r = await checkK3sNode({ ...target, ssh: { port: sshd.port, user: sshd.user } }, opts);
        expect(r.results[0]).toMatchObject({ check: "node.ssh", status: "warn" });
        expect(r.results[0].fix).toContain(sshd.hostKey);
    });

    it("reports a missing prerequisite with its fix (a NIC that does not exist; iscsiadm for Longhorn)", async () => {
        const r = await checkK3sNode({ ...target, link: { name: "pfnosuchnic0" }, longhorn: true, install: "preinstalled" }, opts);
        const nic = r.results.find((x) => x.check === "node.interface");
        expect(nic).toMatchObject({ status: "fail", fix: expect.stringContaining("homelab:nodes[0].interface") });
        expect(nic?.detail).toContain("no link pfnosuchnic0");
        const iscsiadm = fs.existsSync("/usr/sbin/iscsiadm") || fs.existsSync("/usr/bin/iscsiadm") || fs.existsSync("/sbin/iscsiadm");
        if (!iscsiadm) expect(r.results.find((x) => x.check === "longhorn.iscsi")).toMatchObject({ status: "fail", fix: expect.stringContaining("open-iscsi") });
    });

    it("refuses a key the server does not accept", async () => {
        const r = await checkK3sNode(target, { ...opts, privateKey: fs.readFileSync(path.join(sshd.dir, "other_ed25519"), "utf8") });
        expect(r.results).toEqual([expect.objectContaining({ check: "node.ssh", status: "fail", detail: expect.stringContaining("key not accepted") })]);
    });

    it("the CLI prints JSON for a stack file and exits 0 on a passing host", async () => {
        const file = path.join(sshd.dir, "Pulumi.loop.yaml");
        fs.writeFileSync(
            file,
            stringify({
                config: {
                    "homelab:cluster": { name: "loop", distribution: "k3s", endpoint: "127.0.0.1", k3s: { sshUser: sshd.user, sshPort: sshd.port } },
                    "homelab:network": { nodeCidr: "127.0.0.0/24", gateway: "127.0.0.254", interface: "lo" },
                    "homelab:nodes": [{ name: "cp1", role: "controlplane", ip: "127.0.0.1", hostKey: sshd.hostKey }],
                },
            }),
        );
        let out = "";
        let err = "";
        const code = await main(["--file", file, "--identity", sshd.userKeyFile, "--json"], { out: (s) => (out += s), err: (s) => (err += s), cwd: ROOT, env: {} });
        const report = JSON.parse(out) as { ok: boolean; mode: string; results: CheckResult[] };
        expect({ code, err, failing: failing(report.results) }).toEqual({ code: 0, err: "", failing: [] });
        expect(report).toMatchObject({ ok: true, mode: "fresh" });
        expect(report.results.find((r) => r.node === "cluster" && r.check === "cluster.endpoint")?.status).toBe("pass");
    });

    /** Runs the per-node step exactly as stacks/preflight.ts registers it, from the project dir. */
    function runStep(phase: "create" | "update", request: object): Promise<{ code: number | null; stdout: string; stderr: string }> {
        return new Promise((resolve) => {
            const child = spawn("sh", ["-c", stepCommand(phase, "cp1")], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
            child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
            child.on("close", (code) => resolve({ code, stdout, stderr }));
            child.stdin.end(JSON.stringify(request));
        });
    }

    it("the `up` step command passes a good host and fails a bad one naming the check", async () => {
        const cluster: ClusterTarget = { name: "loop", distribution: "k3s", endpoint: "127.0.0.1", apiPort: 6443, pools: [], adopt: false };
        const good = await runStep("create", { target, cluster, privateKey: sshd.userKey });
        expect({ code: good.code, stderr: good.stderr }).toEqual({ code: 0, stderr: "" });
        expect(good.stdout).toMatch(/^PASS cp1 node\.ssh: /m);
        expect(good.stdout).toMatch(/^PASS cluster cluster\.endpoint: /m);
        const bad = await runStep("update", { target: { ...target, link: { name: "pfnosuchnic0" } }, cluster, privateKey: sshd.userKey });
        expect(bad.code).toBe(1);
        expect(bad.stderr).toMatch(/^FAIL cp1 node\.interface: no link pfnosuchnic0/m);
        // The key travels on stdin only: never echoed.
        expect(bad.stdout + bad.stderr).not.toContain("PRIVATE KEY");
    }, 120_000);
});
