/**
 * `plan --diff`: flag parsing, exit codes, the plan-directory base, the temporary git worktree
 * (always removed), and the fingerprints a base plan writes when the diff asks for them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { checkoutBase } from "../../cli/diff/base";
import { runDiff, splitDiffArgs, type DiffRequest } from "../../cli/diff/command";
import { readPlanDir } from "../../cli/diff/read";
import { DIGEST_KEY_ENV } from "../../cli/diff/secrets";
import { main } from "../../cli/plan";
import { ROOT } from "../harness";
import { externalTool } from "../tools";

const FIX = path.join(ROOT, "tests/fixtures/plans");

function sink() {
    const s = new PassThrough();
    let text = "";
    s.on("data", (c: Buffer) => (text += c.toString()));
    return { s, text: () => text };
}

describe("plan --diff flags", () => {
    it("takes --diff, --markdown and --exit-code out and leaves the rest", () => {
        expect(splitDiffArgs(["--stack", "x", "--diff", "main", "--markdown", "--exit-code"])).toEqual({
            flags: { diff: "main", markdown: true, exitCode: true },
            rest: ["--stack", "x"],
        });
        expect(splitDiffArgs(["--diff=HEAD~1"]).flags.diff).toBe("HEAD~1");
        expect(() => splitDiffArgs(["--diff"])).toThrow("--diff needs a git ref or a plan directory");
        expect(() => splitDiffArgs(["--markdown"])).toThrow("go with --diff");
    });

    it("refuses --out and --file with --diff", async () => {
        const err = sink();
        expect(await main(["--diff", "HEAD", "--out", "x"], sink().s, err.s)).toBe(1);
        expect(err.text()).toContain("use --stack");
    });
});

describe("plan --diff against a plan directory", () => {
    // A project with one stack, "test", whose head plan is the head fixture.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "diff-root-"));
    fs.writeFileSync(path.join(root, "Pulumi.test.yaml"), "config: {}\n");
    const planHead = async () => readPlanDir(path.join(FIX, "head"));
    const req = (over: Partial<DiffRequest>): DiffRequest => ({ root, base: path.join(FIX, "base"), stack: "test", markdown: false, json: false, exitCode: false, ...over });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it("prints the diff and exits 0, or 2 with --exit-code when something changed", async () => {
        const out = sink();
        expect(await runDiff(req({}), planHead, out.s, sink().s)).toBe(0);
        expect(out.text()).toContain("== test: 1 to add, 4 to update, 1 to replace, 1 to remove");
        expect(await runDiff(req({ exitCode: true }), planHead, sink().s, sink().s)).toBe(2);
    });

    it("exits 0 with --exit-code when nothing changed", async () => {
        const out = sink();
        expect(await runDiff(req({ exitCode: true }), async () => readPlanDir(path.join(FIX, "base")), out.s, sink().s)).toBe(0);
        expect(out.text()).toContain("no changes");
    });

    it("writes markdown or JSON on request", async () => {
        const md = sink();
        await runDiff(req({ markdown: true }), planHead, md.s, sink().s);
        expect(md.text()).toContain("<!-- homelab:plan-diff -->");
        const js = sink();
        await runDiff(req({ json: true }), planHead, js.s, sink().s);
        const parsed = JSON.parse(js.text()) as { changed: boolean; stacks: Array<{ stack: string; counts: Record<string, number> }> };
        expect(parsed.changed).toBe(true);
        expect(parsed.stacks.map((s) => [s.stack, s.counts.replace])).toEqual([["test", 1]]);
    });

    it("reports a stack whose plan failed in its place, and exits 1", async () => {
        const out = sink();
        const err = sink();
        const boom = async () => {
            throw new Error("invalid stack config Pulumi.test.yaml (1):\n  - homelab:nodes[0].ip: x is not an IPv4 address");
        };
        expect(await runDiff(req({ exitCode: true }), boom, out.s, err.s)).toBe(1);
        expect(out.text()).toContain("== test: NOT COMPARED, the head plan failed: invalid stack config Pulumi.test.yaml (1):\n     - homelab:nodes[0].ip: x is not an IPv4 address");
        expect(out.text()).toContain("1 stack NOT COMPARED (a plan failed)");
        expect(err.text()).toBe("could not compare test (see the report)\n");
        const md = sink();
        await runDiff(req({ markdown: true }), boom, md.s, sink().s);
        expect(md.text()).toContain("| test | ? | ? | ? | ? | ? |");
        expect(md.text()).toContain("<b>test</b>: **not compared**, the head plan failed: invalid stack config Pulumi.test.yaml (1):");
    });

    it("needs --stack for a single plan directory, and exits 1 on errors", async () => {
        const err = sink();
        expect(await runDiff(req({ stack: undefined }), planHead, sink().s, err.s)).toBe(1);
        expect(err.text()).toContain("pass --stack <name>");
        const err2 = sink();
        expect(await runDiff(req({ stack: "nope" }), planHead, sink().s, err2.s)).toBe(1);
        expect(err2.text()).toContain(`stack nope: no Pulumi.nope.yaml in ${root}`);
    });
});

describe("the base worktree", () => {
    // A fresh clone has git; a source tarball on a bare machine may not.
    const gitTool = externalTool("git", "apt-get install -y git");
    const sh = (args: string[], cwd: string) => {
        const r = spawnSync("git", args, { cwd, encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
        return r.stdout;
    };
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "diff-repo-"));
    beforeAll(() => {
        if (!gitTool.available) return;
        sh(["init", "-q"], repo);
        fs.writeFileSync(path.join(repo, "Pulumi.a.yaml"), "config: {}\n");
        fs.mkdirSync(path.join(repo, "sub"));
        fs.writeFileSync(path.join(repo, "sub", "Pulumi.b.yaml"), "config: {}\n");
        sh(["add", "."], repo);
        sh(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "one"], repo);
        fs.mkdirSync(path.join(repo, "node_modules", "pkg"), { recursive: true });
        fs.writeFileSync(path.join(repo, "node_modules", "pkg", "keep.txt"), "keep");
    });
    afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

    gitTool.it("checks the ref out with node_modules linked, and removes it without touching node_modules", () => {
        gitTool.require();
        const co = checkoutBase(repo, "HEAD");
        expect(fs.readFileSync(path.join(co.dir, "Pulumi.a.yaml"), "utf8")).toBe("config: {}\n");
        expect(fs.realpathSync(path.join(co.dir, "node_modules"))).toBe(fs.realpathSync(path.join(repo, "node_modules")));
        expect(sh(["worktree", "list"], repo)).toContain(co.dir);
        co.cleanup();
        co.cleanup();
        expect(fs.existsSync(path.dirname(co.dir))).toBe(false);
        expect(sh(["worktree", "list", "--porcelain"], repo).match(/^worktree /gm)).toHaveLength(1);
        expect(fs.readFileSync(path.join(repo, "node_modules", "pkg", "keep.txt"), "utf8")).toBe("keep");
    });

    gitTool.it("checks out the same subdirectory when the project is not at the repository's top", () => {
        gitTool.require();
        fs.mkdirSync(path.join(repo, "sub", "node_modules"), { recursive: true });
        const co = checkoutBase(path.join(repo, "sub"), "HEAD");
        expect(fs.readdirSync(co.dir).sort()).toEqual(["Pulumi.b.yaml", "node_modules"]);
        co.cleanup();
        expect(fs.existsSync(path.dirname(path.dirname(co.dir)))).toBe(false);
    });

    gitTool.it("fails clearly on a ref that is neither a directory nor a commit", () => {
        gitTool.require();
        expect(() => checkoutBase(repo, "no-such-ref")).toThrow("--diff no-such-ref: not a directory and not a git commit");
        expect(sh(["worktree", "list", "--porcelain"], repo).match(/^worktree /gm)).toHaveLength(1);
    });
});

describe("a base plan asked for fingerprints", () => {
    it("writes secret-digests.json next to resources.json, keyed by URN, without values", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-digest-"));
        process.env[DIGEST_KEY_ENV] = "ab".repeat(32);
        try {
            expect(await main(["--stack", "pi-k3s", "--out", out], sink().s, sink().s)).toBe(0);
        } finally {
            delete process.env[DIGEST_KEY_ENV];
        }
        const plan = readPlanDir(out);
        const install = plan.resources.find((r) => r.name === "pi-k3s-rpi1-install")!;
        expect(install.inputs.connection).toBe("[secret]");
        expect(Object.keys(plan.secretDigests![install.urn])).toEqual(["connection"]);
        expect(plan.secretDigests![install.urn].connection).toMatch(/^[0-9a-f]{32}$/);
        expect(fs.readFileSync(path.join(out, "secret-digests.json"), "utf8")).not.toContain("plan-placeholder");
        fs.rmSync(out, { recursive: true, force: true });
    });
});
