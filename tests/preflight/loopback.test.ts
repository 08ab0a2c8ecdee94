/**
 * Done-when of issue #13: a stack whose nodes sit on loopback addresses with nothing listening
 * fails fast, with one clear line per node. Loopback only: on Linux every 127.0.0.x is local and
 * a closed port refuses at once, so the bound holds with the default timeouts (macOS configures
 * only 127.0.0.1: there the probes would wait for their timeouts instead).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { main } from "../../cli/preflight";
import { ROOT } from "../harness";
import { freePort } from "./sshd";

function stackFile(dir: string, name: string, config: Record<string, unknown>): string {
    const file = path.join(dir, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, stringify({ config }));
    return file;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
    let out = "";
    let err = "";
    const t0 = Date.now();
    // Default timeouts: what is bounded is the real command.
    const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), cwd: ROOT, env: {}, talosctl: "/nonexistent/talosctl" });
    return { code, out, err, ms: Date.now() - t0 };
}

describe("preflight against loopback nodes with nothing listening", () => {
    let dir: string;
    beforeAll(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pf-loop-"));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const network = { nodeCidr: "127.0.0.0/24", gateway: "127.0.0.254" };
    const nodes = (prefix: string, base: number) => [
        { name: `${prefix}1`, role: "controlplane", ip: `127.0.0.${base + 1}` },
        { name: `${prefix}2`, role: "controlplane", ip: `127.0.0.${base + 2}` },
        { name: `${prefix}3`, role: "worker", ip: `127.0.0.${base + 3}` },
    ];

    it("k3s: one FAIL line per node, exit 1, within seconds", async () => {
        const port = await freePort();
        const file = stackFile(dir, "k3s-loop", {
            "homelab:cluster": { name: "loop", distribution: "k3s", endpoint: "127.0.0.11", k3s: { sshPort: port, bootstrapServer: "k1" } },
            "homelab:network": network,
            "homelab:nodes": nodes("k", 10),
        });
        const r = await run(["--file", file]);
        expect(r.code).toBe(1);
        expect(r.ms).toBeLessThan(5000);
        for (const n of ["k1", "k2", "k3"]) {
            const lines = r.out.split("\n").filter((l) => l.split(" ")[1] === n);
            expect(lines).toEqual([expect.stringMatching(new RegExp(`^FAIL ${n} node\\.ssh: root@127\\.0\\.0\\.1\\d:${port}: connection refused .*\\| fix: `))]);
        }
        expect(r.out).toMatch(/^PASS cluster cluster\.endpoint: nothing serves 127\.0\.0\.11:6443/m);
    });

    it("talos: one FAIL line per node, exit 1, within seconds", async () => {
        const file = stackFile(dir, "talos-loop", {
            "homelab:cluster": { name: "loop", distribution: "talos", endpoint: "127.0.0.21", talos: { bootstrapNode: "t1" } },
            "homelab:network": network,
            "homelab:nodes": nodes("t", 20),
        });
        const r = await run(["--file", file, "--json"]);
        expect(r.code).toBe(1);
        expect(r.ms).toBeLessThan(5000);
        const report = JSON.parse(r.out) as { ok: boolean; results: { node: string; check: string; status: string }[] };
        expect(report.ok).toBe(false);
        for (const n of ["t1", "t2", "t3"]) {
            expect(report.results.filter((x) => x.node === n)).toEqual([expect.objectContaining({ check: "talos.api", status: "fail" })]);
        }
    });

    it("--node checks one node without the cluster lines; --converge shows in the JSON mode", async () => {
        const port = await freePort();
        const file = stackFile(dir, "k3s-one", {
            "homelab:cluster": { name: "loop", distribution: "k3s", endpoint: "127.0.0.41", k3s: { sshPort: port, bootstrapServer: "o1" } },
            "homelab:network": network,
            "homelab:nodes": nodes("o", 40),
        });
        const r = await run(["--file", file, "--node", "o2", "--converge", "--json"]);
        const report = JSON.parse(r.out) as { mode: string; results: { node: string }[] };
        expect(report.mode).toBe("converge");
        expect(report.results.map((x) => x.node)).toEqual(["o2"]);
        expect((await run(["--file", file, "--node", "nope"])).code).toBe(2);
    });

    it("usage and config errors exit 2; --help exits 0", async () => {
        expect((await run(["--bogus"])).code).toBe(2);
        expect((await run(["--stack", "does-not-exist"])).code).toBe(2);
        const help = await run(["--help"]);
        expect(help.code).toBe(0);
        expect(help.out).toContain("--identity");
    });
});
