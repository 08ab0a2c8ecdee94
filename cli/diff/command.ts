/**
 * `npm run plan -- [--stack <name>] --diff <git-ref | plan-dir> [--markdown | --json] [--exit-code]`
 *
 * Plans the base and the head of every stack (or one) and prints what changes. The base is either
 * a git ref (planned in a temporary worktree, base.ts) or a directory an earlier
 * `npm run plan -- --out` wrote (one stack's plan, with --stack; or a directory of
 * `<stack>/` plans). The head is this checkout, planned in this process.
 *
 * Exit status, like `git diff --exit-code`: 0 success (with --exit-code: and no change), 2 with
 * --exit-code when something changed, 1 on any error (bad ref, invalid config, failed plan). A
 * stack whose base or head fails to plan is reported in its place (the others are still
 * compared) and makes the exit status 1.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkoutBase, listStacks, planBaseStack, type BaseCheckout } from "./base";
import { countDiff, diffPlans, failedStack } from "./core";
import { isPlanDir, readPlanDir } from "./read";
import { renderMarkdown, renderText } from "./render";
import { DIGEST_KEY_ENV, newDigestKey, secureConfigOf } from "./secrets";
import { EMPTY_PLAN, type PlanContents, type StackDiff } from "./types";

export interface DiffFlags {
    readonly diff?: string;
    readonly markdown: boolean;
    readonly exitCode: boolean;
}

/** Takes the diff's own flags out of argv; the rest goes to the shared parser (cli/args.ts). */
export function splitDiffArgs(argv: readonly string[]): { flags: DiffFlags; rest: string[] } {
    const rest: string[] = [];
    let diff: string | undefined;
    let markdown = false;
    let exitCode = false;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--diff" || a.startsWith("--diff=")) {
            const v = a.startsWith("--diff=") ? a.slice("--diff=".length) : argv[++i];
            if (v === undefined || v === "" || v.startsWith("--")) throw new Error("--diff needs a git ref or a plan directory");
            diff = v;
        } else if (a === "--markdown") markdown = true;
        else if (a === "--exit-code") exitCode = true;
        else rest.push(a);
    }
    if ((markdown || exitCode) && diff === undefined) throw new Error("--markdown and --exit-code go with --diff");
    return { flags: { diff, markdown, exitCode }, rest };
}

/** Plans one stack of the head in this process; `digestKey` keys the secret fingerprints. */
export type HeadPlanner = (stack: string, digestKey: string) => Promise<PlanContents>;

export interface DiffRequest {
    readonly root: string;
    readonly base: string;
    readonly stack?: string;
    readonly markdown: boolean;
    readonly json: boolean;
    readonly exitCode: boolean;
}

function stackFileSecrets(dir: string, stack: string): Record<string, string> {
    const f = path.join(dir, `Pulumi.${stack}.yaml`);
    return fs.existsSync(f) ? secureConfigOf(fs.readFileSync(f, "utf8")) : {};
}

interface Bases {
    readonly label: string;
    readonly stacks: string[];
    readonly plans: Map<string, PlanContents>;
    /** Stacks whose base could not be planned, with the reason. */
    readonly failed: Map<string, string>;
}

function basesFromDir(dir: string, stack: string | undefined): Bases {
    if (isPlanDir(dir)) {
        if (!stack) throw new Error(`${dir} holds one stack's plan: pass --stack <name> with it`);
        return { label: dir, stacks: [stack], plans: new Map([[stack, readPlanDir(dir)]]), failed: new Map() };
    }
    const subdirs = fs.readdirSync(dir).filter((s) => isPlanDir(path.join(dir, s))).sort();
    if (subdirs.length === 0) throw new Error(`${dir} is neither a plan directory nor a directory of <stack>/ plans`);
    const stacks = stack ? [stack] : subdirs;
    return { label: dir, stacks, plans: new Map(stacks.filter((s) => subdirs.includes(s)).map((s) => [s, readPlanDir(path.join(dir, s))])), failed: new Map() };
}

function basesFromGit(root: string, ref: string, stack: string | undefined, key: string, headStacks: readonly string[], register: (c: BaseCheckout) => void): Bases {
    const co = checkoutBase(root, ref);
    register(co);
    const baseStacks = listStacks(co.dir);
    const stacks = stack ? [stack] : [...new Set([...baseStacks, ...headStacks])].sort();
    const plans = new Map<string, PlanContents>();
    const failed = new Map<string, string>();
    const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "homelab-diff-plans-"));
    try {
        for (const s of stacks.filter((x) => baseStacks.includes(x))) {
            const out = path.join(outRoot, s);
            // One stack's base failing (invalid then, or broken by the head's packages) does not
            // hide the others: it is reported in its place.
            try {
                planBaseStack(co.dir, s, out, { ...process.env, [DIGEST_KEY_ENV]: key });
                plans.set(s, readPlanDir(out, stackFileSecrets(co.dir, s)));
            } catch (e) {
                failed.set(s, (e as Error).message);
            }
        }
    } finally {
        fs.rmSync(outRoot, { recursive: true, force: true });
    }
    return { label: `${ref} (${co.commit.slice(0, 12)})`, stacks, plans, failed };
}

export async function runDiff(req: DiffRequest, planHead: HeadPlanner, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    const key = newDigestKey();
    let checkout: BaseCheckout | undefined;
    const cleanup = () => checkout?.cleanup();
    const onSignal = (sig: NodeJS.Signals) => {
        cleanup();
        process.exit(sig === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    process.once("exit", cleanup);
    try {
        const headStacks = listStacks(req.root);
        const isDir = fs.existsSync(req.base) && fs.statSync(req.base).isDirectory();
        // A plan directory carries no stack file to prove the name: the head must have it.
        if (isDir && req.stack && !headStacks.includes(req.stack)) throw new Error(`stack ${req.stack}: no Pulumi.${req.stack}.yaml in ${req.root}`);
        const bases = isDir
            ? basesFromDir(req.base, req.stack)
            : basesFromGit(req.root, req.base, req.stack, key, headStacks, (c) => (checkout = c));
        cleanup();
        for (const s of bases.stacks) {
            if (!bases.plans.has(s) && !bases.failed.has(s) && !headStacks.includes(s)) throw new Error(`stack ${s}: no Pulumi.${s}.yaml in the base or the head`);
        }
        const diffs: StackDiff[] = [];
        for (const s of bases.stacks) {
            const baseError = bases.failed.get(s);
            if (baseError !== undefined) {
                diffs.push(failedStack(s, "base", baseError));
                continue;
            }
            const inHead = headStacks.includes(s);
            const base = bases.plans.get(s);
            let head: PlanContents = EMPTY_PLAN;
            if (inHead) {
                try {
                    head = { ...(await planHead(s, key)), ...(isDir ? {} : { secureConfig: stackFileSecrets(req.root, s) }) };
                } catch (e) {
                    diffs.push(failedStack(s, "head", (e as Error).message));
                    continue;
                }
            }
            diffs.push(diffPlans(s, base ?? EMPTY_PLAN, head, { inBase: base !== undefined, inHead }));
        }
        if (req.json) {
            const stacks = diffs.map((d) => ({ ...d, counts: countDiff(d) }));
            out.write(JSON.stringify({ base: bases.label, changed: diffs.some((d) => d.changed), stacks }, null, 2) + "\n");
        } else {
            out.write(req.markdown ? renderMarkdown(diffs, bases.label) : renderText(diffs, bases.label));
        }
        const failures = diffs.filter((d) => d.error !== undefined);
        if (failures.length > 0) {
            err.write(`could not compare ${failures.map((d) => d.stack).join(", ")} (see the report)\n`);
            return 1;
        }
        return req.exitCode && diffs.some((d) => d.changed) ? 2 : 0;
    } catch (e) {
        err.write(`${(e as Error).message}\n`);
        return 1;
    } finally {
        cleanup();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        process.off("exit", cleanup);
    }
}
