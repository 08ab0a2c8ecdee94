/**
 * .github/workflows: every file parses, every action is pinned to a commit with its tag beside
 * it, every npm script and repository file a `run:` step names exists, no `${{ }}` expression is
 * pasted into a shell script (values travel through `env:`), and each workflow does what
 * docs/ci.md says it does.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { listStacks } from "../../cli/diff/base";
import { ROOT } from "../harness";
import { externalTool } from "../tools";

const DIR = path.join(ROOT, ".github/workflows");
const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; id?: string };
type Job = { "runs-on": string | string[]; steps: Step[]; environment?: unknown; if?: string; permissions?: Record<string, string> };
type Workflow = { name: string; on: Record<string, unknown>; jobs: Record<string, Job>; permissions?: Record<string, string> };

function load(file: string): { wf: Workflow; text: string } {
    const text = fs.readFileSync(path.join(DIR, file), "utf8");
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return { wf: doc.toJSON() as Workflow, text };
}

const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);

/** npm scripts a shell snippet runs: `npm run [-s] x`, `npm test`. */
function npmScriptsIn(run: string): string[] {
    const out: string[] = [];
    for (const m of run.matchAll(/\bnpm\s+run\s+(?:-s\s+|--silent\s+)?([A-Za-z0-9:_-]+)/g)) out.push(m[1]);
    if (/\bnpm\s+test\b/.test(run)) out.push("test");
    return out;
}

/** Repository paths a shell snippet names (cli/x.ts, .ci/run, tests/...). */
function repoPathsIn(run: string): string[] {
    return [...run.matchAll(/(?:^|[\s"'])((?:\.ci|cli|tests|scripts|docs)\/[A-Za-z0-9._/-]+)/g)].map((m) => m[1]);
}

describe("workflow files", () => {
    it("are the three documented ones", () => {
        expect(files).toEqual(["pr.yml", "preview.yml", "up.yml"]);
    });

    describe.each(files)("%s", (file) => {
        const { wf, text } = load(file);

        it("parses, with a name, triggers, least-privilege permissions and jobs with steps", () => {
            expect(typeof wf.name).toBe("string");
            expect(Object.keys(wf.on).length).toBeGreaterThan(0);
            expect(wf.permissions).toEqual({ contents: "read" });
            for (const job of Object.values(wf.jobs)) expect(job.steps.length).toBeGreaterThan(0);
        });

        it("pins every action to a full commit SHA with its version tag in a comment", () => {
            const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
            expect(uses.length).toBeGreaterThan(0);
            for (const [, ref, rest] of uses) {
                expect({ ref, ok: /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(ref) }).toEqual({ ref, ok: true });
                expect({ ref, tag: /^\s*#\s*v\d+\.\d+\.\d+\b/.test(rest) }).toEqual({ ref, tag: true });
            }
        });

        it("runs only npm scripts and repository files that exist", () => {
            for (const s of steps(wf).filter((x) => x.run)) {
                for (const name of npmScriptsIn(s.run!)) expect({ name, exists: name in scripts }).toEqual({ name, exists: true });
                for (const p of repoPathsIn(s.run!)) expect({ p, exists: fs.existsSync(path.join(ROOT, p)) }).toEqual({ p, exists: true });
            }
        });

        it("never pastes an expression into a shell script", () => {
            for (const s of steps(wf).filter((x) => x.run)) expect(s.run).not.toContain("${{");
        });

        // GitHub runs `run:` with `bash -e {0}` on Linux runners.
        const shellcheck = externalTool("shellcheck", "apt-get install -y shellcheck");
        shellcheck.it("has shell scripts that pass shellcheck", () => {
            shellcheck.require();
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wf-sc-"));
            try {
                steps(wf)
                    .filter((x) => x.run)
                    .forEach((x, i) => {
                        const script = path.join(dir, `${file.replace(/\W/g, "_")}-${i}.sh`);
                        fs.writeFileSync(script, x.run!);
                        const r = spawnSync("shellcheck", ["--shell=bash", "--severity=style", script], { encoding: "utf8" });
                        expect({ step: x.run, out: r.stdout + r.stderr }).toEqual({ step: x.run, out: "" });
                    });
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });
});

describe("what each workflow does", () => {
    it("pr: full history, Node 20 with the npm cache, validate annotations, tests, and one sticky plan-diff comment", () => {
        const { wf } = load("pr.yml");
        expect(Object.keys(wf.on)).toEqual(["pull_request"]);
        const s = steps(wf);
        expect(s.find((x) => x.uses?.startsWith("actions/checkout@"))!.with).toMatchObject({ "fetch-depth": 0 });
        expect(s.find((x) => x.uses?.startsWith("actions/setup-node@"))!.with).toMatchObject({ "node-version": 20, cache: "npm" });
        const runs = s.map((x) => x.run ?? "").join("\n");
        for (const cmd of ["npm ci", "npm run -s validate:annotate", "npm test", "npm run typecheck", "npm run lint"]) expect(runs).toContain(cmd);
        const diff = s.find((x) => x.id === "diff")!;
        expect(diff.run).toContain('npm run -s plan -- --diff "$BASE_SHA" --markdown > plan-diff.md');
        expect(diff.env).toEqual({ BASE_SHA: "${{ github.event.pull_request.base.sha }}" });
        const comment = s.find((x) => x.uses?.startsWith("marocchino/sticky-pull-request-comment@"))!;
        expect(comment.with).toEqual({ header: "plan-diff", path: "plan-diff.md" });
        expect(comment.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
        expect(wf.jobs.check.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    });

    it("preview: on the self-hosted LAN runner, never for forks, pulumi preview per picked stack with the passphrase from secrets", () => {
        const { wf } = load("preview.yml");
        expect(wf.jobs.stacks.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
        for (const job of Object.values(wf.jobs)) expect(job["runs-on"]).toEqual(["self-hosted", "homelab"]);
        const pulumi = wf.jobs.preview.steps.find((x) => x.uses?.startsWith("pulumi/actions@"))!;
        expect(pulumi.with).toMatchObject({ command: "preview", "stack-name": "${{ matrix.stack }}" });
        const env = (wf.jobs.preview as unknown as { env: Record<string, string> }).env;
        expect(env.PULUMI_CONFIG_PASSPHRASE).toBe("${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
        expect(env.PULUMI_BACKEND_URL).toContain("vars.PULUMI_BACKEND_URL");
        expect(wf.jobs.stacks.steps.map((x) => x.run ?? "").join("\n")).toContain("npm run -s ci:stacks");
    });

    it("up: manual, one of the committed stacks, behind an environment approval", () => {
        const { wf } = load("up.yml");
        expect(Object.keys(wf.on)).toEqual(["workflow_dispatch"]);
        const input = (wf.on.workflow_dispatch as { inputs: { stack: { options: string[]; required: boolean } } }).inputs.stack;
        expect(input.required).toBe(true);
        expect(input.options).toEqual(listStacks(ROOT));
        expect(wf.jobs.up.environment).toBe("homelab-up");
        expect(wf.jobs.up["runs-on"]).toEqual(["self-hosted", "homelab"]);
        expect(wf.jobs.up.steps.find((x) => x.uses?.startsWith("pulumi/actions@"))!.with).toMatchObject({ command: "up", "stack-name": "${{ inputs.stack }}" });
    });
});

describe("the checks of this test", () => {
    it("find npm scripts and repository paths in shell snippets", () => {
        expect(npmScriptsIn("npm ci\nnpm run -s plan -- --diff x\nnpm run typecheck && npm test")).toEqual(["plan", "typecheck", "test"]);
        expect(repoPathsIn("bash .ci/run && node cli/nope.ts")).toEqual([".ci/run", "cli/nope.ts"]);
    });
});
