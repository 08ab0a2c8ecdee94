/**
 * `npm run validate -- --stack <name> | --file <path> [--json]`: exit 0 when the stack config is
 * valid, 1 when it is not, 2 on a usage error. Needs no engine, CLI or credentials.
 *
 * Text: every error and warning with its key path and its place in the file (YAML syntax errors
 * with the offending line), then the credentials the config needs, set (`secure:`) or missing,
 * with the `pulumi config set --secret` line for each missing one. Missing credentials are a
 * warning here (PR checks run without them) and an error under `pulumi preview/up`.
 *
 * `--json`: always exactly one JSON document on stdout, whatever happens (parse errors and usage
 * errors included): `{ file, valid, errors, warnings, credentials }`, each finding
 * `{ rule, severity, path, line, column, value, message }` (see Finding in cli/load-stack.ts;
 * `line`/`column` are null only for usage errors, which concern no file). Values that could be
 * credentials are redacted (config/redact.ts).
 */
import * as path from "node:path";
import { formatIssue } from "../config/issues";
import { handleHelp, parseArgs, stackOptions, type CommandHelp } from "./args";
import { findings, loadStack, type LoadedStack } from "./load-stack";
import { showAt } from "./stack-source";

export const help: CommandHelp = {
    usage: "npm run validate -- (--stack <name> | --file <path>) [--json]",
    summary: "Validates a stack file offline, as `pulumi up` would before creating anything: every error with its key path, line and column; warnings; and which credentials the config needs.",
    options: [...stackOptions, ["--json", "print one JSON document on stdout (for PR bots): { file, valid, errors, warnings, credentials }"]],
    notes: ["exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error", "reference of every key: docs/config.md"],
};

type Out = { write(s: string): unknown };

function printText(loaded: LoadedStack, out: Out, err: Out): number {
    const name = loaded.stackConfig.file;
    const base = path.basename(name);
    const list = (title: string, issues: LoadedStack["errors"]) => {
        if (issues.length === 0) return;
        err.write(`${title} (${issues.length}):\n`);
        for (const i of issues) {
            const at = loaded.locate(i);
            if (i.rule === "yaml-syntax" || i.rule === "missing-config-root") {
                err.write(`  - ${formatIssue(i)}\n${loaded.source ? showAt(loaded.source, at) + "\n" : ""}`);
            } else {
                err.write(`  - ${formatIssue(i)} (${base}:${at.line}:${at.column})\n`);
            }
        }
    };
    list(`warnings in ${name}`, loaded.warnings.filter((w) => w.rule !== "credential-missing"));
    list(`invalid stack config ${name}`, loaded.errors);
    if (loaded.errors.length > 0) return 1;
    out.write(`valid: ${name} (${loaded.config?.nodes.length} nodes, ${loaded.config?.cluster.distribution})\n`);
    const creds = loaded.credentials;
    if (creds.length === 0) {
        out.write("credentials: this config needs none\n");
    } else {
        const missing = creds.filter((c) => !c.set).length;
        out.write(`credentials this config needs (${creds.length}, ${missing} missing${missing > 0 ? ": fine offline, but `pulumi preview` and `pulumi up` stop until they are set" : ""}):\n`);
        const w = Math.max(...creds.map((c) => c.key.length));
        for (const c of creds) {
            out.write(`  ${c.set ? "set    " : "missing"}  ${c.key.padEnd(w)}  needed by ${c.because}${c.set ? "" : `; run: ${c.command}`}\n`);
        }
    }
    return 0;
}

function jsonError(file: string | null, message: string, rule: string): string {
    const f = { rule, severity: "error", path: "", line: null, column: null, value: null, message };
    return JSON.stringify({ file, valid: false, errors: [f], warnings: [], credentials: [] }, null, 2) + "\n";
}

export function main(argv: readonly string[], out: Out = process.stdout, err: Out = process.stderr): number {
    const json = argv.includes("--json");
    if (!json && handleHelp(argv, help, out)) return 0;
    let loaded: LoadedStack;
    try {
        const args = parseArgs(argv);
        if (args.help) {
            // --help with --json: the help text has no JSON form; say so as JSON.
            out.write(jsonError(null, "--help prints text; run it without --json", "usage"));
            return 2;
        }
        loaded = loadStack(args);
    } catch (e) {
        const msg = (e as Error).message;
        if (json) {
            out.write(jsonError(null, /[.?!]$/.test(msg) ? msg : `${msg}.`, msg.startsWith("stack file not found") ? "stack-file-not-found" : "usage"));
        } else {
            err.write(`error: ${msg}\n`);
        }
        return 2;
    }
    if (json) {
        const all = findings(loaded);
        const report = {
            file: loaded.stackConfig.file,
            valid: loaded.errors.length === 0,
            errors: all.filter((f) => f.severity === "error"),
            warnings: all.filter((f) => f.severity === "warning"),
            credentials: loaded.credentials.map((c) => ({ key: c.key, set: c.set, because: c.because, command: c.command })),
        };
        out.write(JSON.stringify(report, null, 2) + "\n");
        return loaded.errors.length === 0 ? 0 : 1;
    }
    return printText(loaded, out, err);
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
