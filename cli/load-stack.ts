/**
 * Shared front half of `validate` and `plan`: read the stack file (+ Pulumi.yaml defaults) and
 * validate it exactly as the program's loader does, without an engine.
 */
import { formatIssue, issue, type ConfigIssue } from "../config/issues";
import { requiredSecrets } from "../config/required-secrets";
import type { ParsedConfig } from "../config/schema";
import { cloudflareTokenKey, secretKeys } from "../config/secrets";
import { validateConfig } from "../config/validate";
import { findProjectDir, readStackConfig, stackFilePath, type StackConfig } from "./engine/stackfile";

export interface LoadedStack {
    readonly stackConfig: StackConfig;
    readonly config?: ParsedConfig;
    readonly errors: ConfigIssue[];
    readonly warnings: ConfigIssue[];
    /** Fully qualified credential keys the config needs (for placeholders). */
    readonly neededSecrets: string[];
}

export function homelabRaw(sc: StackConfig): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sc.config)) {
        if (!k.startsWith(`${sc.project}:`)) continue;
        try {
            raw[k.slice(sc.project.length + 1)] = JSON.parse(v);
        } catch {
            raw[k.slice(sc.project.length + 1)] = v;
        }
    }
    return raw;
}

/** A credential written in plain text into a stack file is an error: it would be committed. */
function plainTextSecrets(sc: StackConfig, raw: Record<string, unknown>): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    for (const k of secretKeys) {
        const full = `${sc.project}:${k}`;
        if (raw[k] !== undefined && raw[k] !== "" && !sc.secretKeys.includes(full)) {
            out.push(issue(full, [], "[redacted]", `is stored in plain text in ${sc.file}; use: pulumi config set --secret ${k}`));
        }
    }
    if (sc.config[cloudflareTokenKey] !== undefined && !sc.secretKeys.includes(cloudflareTokenKey)) {
        out.push(issue(cloudflareTokenKey, [], "[redacted]", `is stored in plain text in ${sc.file}; use: pulumi config set --secret ${cloudflareTokenKey}`));
    }
    return out;
}

export function loadStack(sel: { stack?: string; file?: string }, cwd = process.cwd()): LoadedStack {
    const projectDir = findProjectDir(cwd);
    const sc = readStackConfig(projectDir, stackFilePath(projectDir, sel));
    const raw = homelabRaw(sc);
    const r = validateConfig(raw);
    const errors = [...r.errors, ...plainTextSecrets(sc, raw)];
    const neededSecrets = r.config ? requiredSecrets(r.config).map((s) => (s.key.includes(":") ? s.key : `${sc.project}:${s.key}`)) : [];
    return { stackConfig: sc, config: errors.length === 0 ? r.config : undefined, errors, warnings: r.warnings, neededSecrets };
}

export function printIssues(title: string, issues: readonly ConfigIssue[], write: (s: string) => void): void {
    if (issues.length === 0) return;
    write(`${title} (${issues.length}):\n`);
    for (const i of issues) write(`  - ${formatIssue(i)}\n`);
}
