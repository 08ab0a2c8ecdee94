/**
 * `npm run plan -- (--stack <name> | --file <path>) --out <dir>`: runs the real program under
 * Pulumi's mock engine as a preview of a fresh stack and writes what it would create:
 * resources.json, talos/<node>.yaml, k3s/<node>/config.yaml, manifests/*, helm/*, diagram.mmd.
 * Credentials are never available offline: `secure:` values and missing credentials become
 * secret placeholders, and every secret is written as "[secret]".
 *
 * `npm run plan -- [--stack <name>] --diff <git-ref | plan-dir> [--markdown | --json] [--exit-code]`
 * compares instead (cli/diff/command.ts). With HOMELAB_PLAN_DIGEST_KEY set (only the diff sets it,
 * for a base it plans), `--out` also writes secret-digests.json (cli/diff/secrets.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSpec, type ClusterSpec } from "../config/spec";
import { program } from "../stacks";
import { handleHelp, parseArgs, stackOptions, type CommandHelp } from "./args";
import { runDiff, splitDiffArgs } from "./diff/command";
import { contentsFromFiles } from "./diff/read";
import { DIGEST_FILE, DIGEST_KEY_ENV, secretDigests } from "./diff/secrets";
import { diagramArtifact } from "./artifacts/diagram";
import { k3sArtifacts } from "./artifacts/k3s";
import { kubernetesArtifacts } from "./artifacts/kubernetes";
import { criticalPath, criticalPathLine } from "./artifacts/critical-path";
import { countByLayer } from "./artifacts/layers";
import { resourcesArtifact } from "./artifacts/resources";
import { talosArtifacts, talosRolloutOrder } from "./artifacts/talos";
import type { ArtifactContext, ArtifactWriter, PlanFile } from "./artifacts/types";
import { runUnderMocks, type RunResult } from "./engine/run";
import { findProjectDir, withPlaceholders } from "./engine/stackfile";
import { loadStack, printIssues } from "./load-stack";
import { assertNoSecrets } from "./secret-guard";

export const writers: readonly ArtifactWriter[] = [resourcesArtifact, talosArtifacts, k3sArtifacts, kubernetesArtifacts, diagramArtifact];

export interface PlanResult {
    readonly spec: ClusterSpec;
    readonly run: RunResult;
    readonly files: PlanFile[];
    readonly placeholders: string[];
    /** Placeholders for credentials the stack file sets (`secure:`), as opposed to absent ones. */
    readonly placeholdersSet?: string[];
}

export const help: CommandHelp = {
    usage: "npm run plan -- (--stack <name> | --file <path>) --out <dir>\n       npm run plan -- [--stack <name>] --diff <git-ref | plan-dir> [--markdown | --json] [--exit-code]",
    summary: "Runs the real program under Pulumi's mock engine as a preview of a fresh stack and writes what it would create (resources.json, talos/, k3s/, manifests/, helm/, diagram.mmd). Needs no Pulumi CLI, plugin, cluster or credential.",
    options: [
        ...stackOptions,
        ["--out, -o <dir>", "where to write the plan (replaces a previous plan there)"],
        ["--diff <git-ref | plan-dir>", "compare with a base: a git ref (planned in a temporary worktree) or a plan directory; every stack when --stack is not given (docs/ci.md)"],
        ["--markdown", "with --diff: a pull-request comment (collapsible per stack)"],
        ["--exit-code", "with --diff: exit 2 when anything changed"],
    ],
    notes: ["exit codes: 0 written (or no change), 1 invalid config or failed run, 2 changes found with --diff --exit-code", "credentials: `secure:` values and missing ones become secret placeholders, listed as set or absent"],
};

/**
 * Every value the run saw as a secret, so the writer can prove none reached a file. Values the
 * stack file itself holds in plain text (a node address inside a secret SSH connection, say) are
 * public already and are not treated as secrets.
 */
export function secretValues(run: Pick<RunResult, "resources">, publicConfig: Readonly<Record<string, string>> = {}): string[] {
    const leaves = (v: unknown, into: Set<string>) => {
        if (typeof v === "string") into.add(v);
        else if (Array.isArray(v)) v.forEach((x) => leaves(x, into));
        else if (v && typeof v === "object") Object.values(v).forEach((x) => leaves(x, into));
    };
    const clear = new Set<string>();
    const secret = new Set<string>();
    for (const text of Object.values(publicConfig)) {
        try {
            leaves(JSON.parse(text), clear);
        } catch {
            clear.add(text);
        }
    }
    for (const r of run.resources) {
        for (const p of r.secretPaths) {
            const parts = p === "(root)" ? [] : p.replace(/\[(\d+)\]/g, ".$1").split(".");
            let cur: unknown = r.plainInputs;
            for (const k of parts) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[k] : undefined;
            leaves(cur, secret);
        }
    }
    return [...secret].filter((v) => v.length >= 6 && !clear.has(v));
}

/**
 * Runs the plan in memory. Throws with every config error when the stack is invalid, and when
 * any file would contain a secret value (`use` lets tests inject a leaking writer).
 */
export async function plan(sel: { stack?: string; file?: string }, cwd = process.cwd(), use: readonly ArtifactWriter[] = writers): Promise<PlanResult> {
    const loaded = loadStack(sel, cwd);
    if (!loaded.config) {
        const lines: string[] = [];
        printIssues(`invalid stack config ${loaded.stackConfig.file}`, loaded.errors, (s) => lines.push(s));
        throw new Error(lines.join(""));
    }
    const sc = withPlaceholders(loaded.stackConfig, loaded.neededSecrets);
    const run = await runUnderMocks(program, { config: sc.config, secretKeys: sc.secretKeys, project: sc.project, stack: sc.stack, preview: true });
    if (run.errors.length > 0) {
        throw new Error(`the program failed under the mock engine:\n${run.errors.map((e) => `  - ${e.message}`).join("\n")}`);
    }
    const spec = buildSpec(loaded.config, {}, loaded.warnings);
    const ctx: ArtifactContext = { resources: run.resources, spec };
    const files = use.flatMap((w) => w(ctx));
    const publicConfig = Object.fromEntries(Object.entries(sc.config).filter(([k]) => !sc.secretKeys.includes(k)));
    const leaked = secretValues(run, publicConfig);
    assertNoSecrets(files, leaked);
    return { spec, run, files, placeholders: sc.placeholders, placeholdersSet: loaded.stackConfig.placeholders };
}

/** Writes the files, replacing a previous plan in the same directory. */
export function writePlan(outDir: string, files: readonly PlanFile[]): void {
    if (fs.existsSync(outDir)) {
        const entries = fs.readdirSync(outDir);
        const looksLikePlan = entries.length === 0 || entries.includes("resources.json");
        if (!looksLikePlan) throw new Error(`${outDir} exists and is not a previous plan; pick an empty directory`);
        for (const e of ["resources.json", DIGEST_FILE, "diagram.mmd", "talos", "k3s", "manifests", "helm"]) fs.rmSync(path.join(outDir, e), { recursive: true, force: true });
    }
    for (const f of files) {
        const p = path.join(outDir, f.path);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, f.content);
    }
}

/** The short human summary printed after a plan. Never includes a secret. */
export function summary(result: PlanResult, outDir: string): string {
    const { run, spec } = result;
    const lines: string[] = [];
    lines.push(`plan: ${spec.cluster.name} (${spec.cluster.distribution}), ${run.resources.length} resources registered`);
    for (const [layer, n] of countByLayer(run.resources)) lines.push(`  ${layer.padEnd(8)} ${n}`);
    const warnings = run.logs.filter((l) => l.severity === "warning");
    if (warnings.length > 0) {
        lines.push(`warnings (${warnings.length}):`);
        warnings.forEach((w) => lines.push(`  - ${w.message}`));
    }
    const cp = criticalPath(run.resources);
    const rollout = talosRolloutOrder(run.resources);
    if (rollout.length > 0) lines.push(`talos rollout (changes, upgrades; one node at a time, health between): ${rollout.join(" -> ")}`);
    if (cp.length > 0) lines.push(criticalPathLine(cp, run.resources));
    if (result.placeholders.length > 0) {
        // `secure:` entries are set (their value is unreadable offline); the rest are absent and
        // `pulumi preview/up` will stop on them if the config needs them.
        const set = result.placeholders.filter((k) => result.placeholdersSet?.includes(k));
        const absent = result.placeholders.filter((k) => !result.placeholdersSet?.includes(k));
        lines.push(`secret placeholders (not the real values): set in the stack file: ${set.length > 0 ? set.join(", ") : "none"}; absent: ${absent.length > 0 ? `${absent.join(", ")} (set them before \`pulumi up\`: npm run validate lists the commands)` : "none"}`);
    }
    lines.push(`wrote ${result.files.length} files to ${outDir}`);
    return lines.join("\n") + "\n";
}

export async function main(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
    if (handleHelp(argv, help, out)) return 0;
    try {
        const { flags, rest } = splitDiffArgs(argv);
        const args = parseArgs(rest);
        if (flags.diff !== undefined) {
            if (args.file || args.out) throw new Error("--diff compares stacks by name: use --stack (or nothing, for every stack), not --file or --out");
            const root = findProjectDir(process.cwd());
            const planHead = async (stack: string, key: string) => {
                const r = await plan({ stack }, root);
                return contentsFromFiles(r.files, { secretDigests: secretDigests(r.run.resources, key) });
            };
            return await runDiff({ root, base: flags.diff, stack: args.stack, markdown: flags.markdown, json: args.json, exitCode: flags.exitCode }, planHead, out, err);
        }
        if (!args.out) throw new Error("pass --out <dir>");
        const result = await plan(args);
        const key = process.env[DIGEST_KEY_ENV];
        const digests = key ? [{ path: DIGEST_FILE, content: JSON.stringify(secretDigests(result.run.resources, key), null, 2) + "\n" }] : [];
        writePlan(args.out, [...result.files, ...digests]);
        out.write(summary(result, args.out));
        return 0;
    } catch (e) {
        err.write(`${(e as Error).message}\n`);
        return 1;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => process.exit(code));
}
