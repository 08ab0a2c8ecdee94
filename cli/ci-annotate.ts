/**
 * `npm run validate:annotate [-- <stack>...]`: validates every stack file (or the ones named) with
 * `npm run validate -- --stack <name> --json` and turns each finding into a GitHub Actions
 * workflow command (`::error file=Pulumi.x.yaml,line=12,col=7,title=homelab:nodes[1].ip::...`),
 * which the pull-request workflow shows as an annotation on the stack file. `line`/`column` are
 * used when validate reports them; otherwise the annotation is on the file.
 * Exit 1 when any stack is invalid or validate itself failed, else 0.
 * Format: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { listStacks } from "./diff/base";
import { findProjectDir } from "./engine/stackfile";

export interface Finding {
    readonly path: string;
    readonly value?: unknown;
    readonly message: string;
    readonly line?: number;
    readonly column?: number;
}

export interface ValidateReport {
    readonly file: string;
    readonly valid: boolean;
    readonly errors: readonly Finding[];
    readonly warnings: readonly Finding[];
}

/** Escaping of workflow-command data and property values (actions/toolkit command.ts). */
export function escapeData(s: string): string {
    return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
    return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function show(v: unknown): string {
    if (v === undefined || v === null) return "";
    return typeof v === "string" ? `${v} ` : `${JSON.stringify(v)} `;
}

/** One `::error` / `::warning` line per finding, the file relative to `root`. */
export function annotationLines(report: ValidateReport, root: string): string[] {
    const file = path.isAbsolute(report.file) ? path.relative(root, report.file) : report.file;
    const line = (level: "error" | "warning", f: Finding) => {
        const props = [`file=${escapeProperty(file)}`];
        if (typeof f.line === "number") props.push(`line=${f.line}`);
        if (typeof f.column === "number") props.push(`col=${f.column}`);
        props.push(`title=${escapeProperty(f.path)}`);
        return `::${level} ${props.join(",")}::${escapeData(`${f.path}: ${show(f.value)}${f.message}`)}`;
    };
    return [...report.errors.map((f) => line("error", f)), ...report.warnings.map((f) => line("warning", f))];
}

/** Runs `cli/validate.ts --stack <stack> --json` and parses its report. */
export function validateStack(root: string, stack: string): ValidateReport {
    const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), path.join(root, "cli/validate.ts"), "--stack", stack, "--json"], { cwd: root, encoding: "utf8" });
    try {
        return JSON.parse(r.stdout) as ValidateReport;
    } catch {
        throw new Error(`validate --stack ${stack} --json did not print a report (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
    }
}

export function main(argv: readonly string[], write: (s: string) => void = (s) => process.stdout.write(s)): number {
    const root = findProjectDir(process.cwd());
    const stacks = argv.length > 0 ? [...argv] : listStacks(root);
    let failed = false;
    for (const stack of stacks) {
        try {
            const report = validateStack(root, stack);
            annotationLines(report, root).forEach((l) => write(`${l}\n`));
            write(`${report.valid ? "valid" : "INVALID"}: ${stack} (${report.errors.length} errors, ${report.warnings.length} warnings)\n`);
            failed ||= !report.valid;
        } catch (e) {
            write(`::error title=validate ${escapeProperty(stack)}::${escapeData((e as Error).message)}\n`);
            failed = true;
        }
    }
    return failed ? 1 : 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
