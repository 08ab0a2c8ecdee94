/**
 * `npm run -s ci:stacks -- [--base <git-ref>] [--only <stack>]`: prints, as a JSON array, the
 * stacks the preview workflow runs `pulumi preview` for (.github/workflows/preview.yml):
 * - `--only <stack>`: that stack;
 * - no `--base`: every stack;
 * - a changed package.json, package-lock.json, Pulumi.yaml or sdks/: every stack, because the
 *   offline diff plans the base with the head's installed packages and cannot see those changes;
 * - otherwise the stacks whose offline plan diff (`plan --diff <base> --json`) shows a change, or
 *   that it could not plan.
 * Why each stack was picked goes to stderr.
 */
import { spawnSync } from "node:child_process";
import { listStacks } from "./diff/base";
import { findProjectDir } from "./engine/stackfile";

/** Files whose change the offline plan diff cannot see (cli/diff/base.ts). */
export const EVERY_STACK_WHEN = /^(package\.json|package-lock\.json|Pulumi\.yaml|sdks\/)/;

export interface PickInput {
    readonly all: readonly string[];
    readonly only?: string;
    /** Files changed since the base; absent when there is no base. */
    readonly changedFiles?: readonly string[];
    /** Stacks whose offline plan diff changed. */
    readonly diffChanged?: readonly string[];
}

export function pickStacks(i: PickInput): { stacks: string[]; reason: string } {
    if (i.only) {
        if (!i.all.includes(i.only)) throw new Error(`--only ${i.only}: no Pulumi.${i.only}.yaml (stacks: ${i.all.join(", ")})`);
        return { stacks: [i.only], reason: `asked for ${i.only}` };
    }
    if (i.changedFiles === undefined) return { stacks: [...i.all], reason: "no base: every stack" };
    const blind = i.changedFiles.filter((f) => EVERY_STACK_WHEN.test(f));
    if (blind.length > 0) return { stacks: [...i.all], reason: `every stack: ${blind.join(", ")} changed (the offline diff cannot see that)` };
    const stacks = i.all.filter((s) => i.diffChanged?.includes(s));
    return { stacks, reason: stacks.length > 0 ? `offline plan diff changed: ${stacks.join(", ")}` : "no stack's offline plan changed" };
}

function run(cmd: string, args: string[], cwd: string): string {
    const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}): ${r.stderr.trim()}`);
    return r.stdout;
}

export function main(argv: readonly string[]): number {
    try {
        let base: string | undefined;
        let only: string | undefined;
        for (let i = 0; i < argv.length; i++) {
            if (argv[i] === "--base") base = argv[++i] || undefined;
            else if (argv[i] === "--only") only = argv[++i] || undefined;
            else throw new Error(`unknown argument ${argv[i]}`);
        }
        const root = findProjectDir(process.cwd());
        const all = listStacks(root);
        let changedFiles: string[] | undefined;
        let diffChanged: string[] | undefined;
        if (base && !only) {
            changedFiles = run("git", ["diff", "--name-only", base, "HEAD"], root).split("\n").filter(Boolean);
            if (!changedFiles.some((f) => EVERY_STACK_WHEN.test(f))) {
                // Exit 1 with a report: some stack could not be planned offline. Preview it anyway,
                // so `pulumi preview` shows the real error.
                const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), "cli/plan.ts", "--diff", base, "--json"], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
                let report: { stacks: Array<{ stack: string; changed: boolean; error?: string }> };
                try {
                    report = JSON.parse(r.stdout) as typeof report;
                } catch {
                    throw new Error(`plan --diff ${base} --json failed (exit ${r.status}): ${(r.stderr || "").trim()}`);
                }
                diffChanged = report.stacks.filter((s) => s.changed || s.error !== undefined).map((s) => s.stack);
            }
        }
        const picked = pickStacks({ all, only, changedFiles, diffChanged });
        process.stderr.write(`${picked.reason}\n`);
        process.stdout.write(`${JSON.stringify(picked.stacks)}\n`);
        return 0;
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        return 1;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
