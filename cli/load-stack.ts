/**
 * Shared front half of `validate` and `plan`: read the stack file (+ Pulumi.yaml defaults) and
 * validate it exactly as the program's loader does, without an engine. On top of the loader's
 * checks it knows the file itself: YAML syntax errors and a missing `config:` root (with their
 * position), the line and column of every finding, and which credentials are set (`secure:`).
 */
import * as fs from "node:fs";
import { formatIssue, issue, issueSentence, type ConfigIssue } from "../config/issues";
import { namespaceIssues, PROJECT } from "../config/namespaces";
import { safeValue } from "../config/redact";
import { requiredSecrets } from "../config/required-secrets";
import type { ParsedConfig } from "../config/schema";
import { cloudflareTokenKey, secretKeys, secretPurpose, setSecretCommand, type SecretKey } from "../config/secrets";
import { validateConfig } from "../config/validate";
import { findProjectDir, readStackConfig, stackFilePath, type StackConfig } from "./engine/stackfile";
import { readStackSource, type Position, type StackSource } from "./stack-source";

/** A credential the config needs, and whether the stack file sets it (`secure:`). */
export interface CredentialStatus {
    /** Fully qualified, e.g. `homelab:sshPrivateKey`, `cloudflare:apiToken`. */
    readonly key: string;
    /** The setting that needs it, e.g. `cluster.distribution: k3s`. */
    readonly because: string;
    readonly set: boolean;
    /** `pulumi config set --secret ...` */
    readonly command: string;
    readonly purpose: string;
}

export interface LoadedStack {
    readonly stackConfig: StackConfig;
    readonly config?: ParsedConfig;
    readonly errors: ConfigIssue[];
    readonly warnings: ConfigIssue[];
    /** Fully qualified credential keys the config needs (for placeholders). */
    readonly neededSecrets: string[];
    /** Every credential the config needs, set or missing. Missing ones are also warnings. */
    readonly credentials: CredentialStatus[];
    /** Line and column in the stack file of a finding's key path (nearest written ancestor). */
    locate(i: ConfigIssue): Position;
    readonly source?: StackSource;
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
            out.push(issue(full, [], "[redacted]", `is stored in plain text in ${sc.file}; use: pulumi config set --secret ${k}`, "credential-plaintext"));
        }
    }
    if (sc.config[cloudflareTokenKey] !== undefined && !sc.secretKeys.includes(cloudflareTokenKey)) {
        out.push(issue(cloudflareTokenKey, [], "[redacted]", `is stored in plain text in ${sc.file}; use: pulumi config set --secret ${cloudflareTokenKey}`, "credential-plaintext"));
    }
    return out;
}

/** Values of the non-project keys, parsed, for type hints in findings. */
function otherValues(sc: StackConfig): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sc.config)) {
        if (k.startsWith(`${sc.project}:`)) continue;
        try {
            out[k] = JSON.parse(v);
        } catch {
            out[k] = v;
        }
    }
    return out;
}

/** `cluster.distribution: k3s` -> `homelab:cluster.distribution`: where a requirement comes from. */
function becausePath(project: string, because: string): string {
    const m = /^([a-z]+:)?([A-Za-z0-9_.]+)/.exec(because);
    return m ? (m[1] ? `${m[1]}${m[2]}` : `${project}:${m[2]}`) : "";
}

function credentialStatus(sc: StackConfig, cfg: ParsedConfig): CredentialStatus[] {
    const qualified = (k: string) => (k.includes(":") ? k : `${sc.project}:${k}`);
    return requiredSecrets(cfg).map((s) => {
        const key = qualified(s.key);
        const purpose = s.key === cloudflareTokenKey ? secretPurpose.cloudflareApiToken : secretPurpose[s.key as SecretKey];
        // Offline, `secure:` values are placeholders: present means set (the value is not readable here).
        // A requirement another key can meet (cert-manager's narrow cloudflareDnsToken instead of
        // cloudflare:apiToken) is met by either, exactly as `pulumi up` judges it (config/load.ts).
        const set = sc.placeholders.includes(key) || (s.orKey !== undefined && sc.placeholders.includes(qualified(s.orKey)));
        const command = setSecretCommand(s.key) + (s.orKey ? ` (or ${setSecretCommand(s.orKey)})` : "");
        return { key, because: s.because, set, command, purpose };
    });
}

/** Missing credentials as warnings: offline (validate, plan) they are expected; `pulumi up` stops on them (config/load.ts). */
function missingCredentialWarnings(creds: readonly CredentialStatus[]): ConfigIssue[] {
    return creds
        .filter((c) => !c.set)
        .map((c) => issue(c.key, [], undefined, `is not set; ${c.because} needs it (${c.purpose}). Run: ${c.command}. \`pulumi preview\` and \`pulumi up\` stop without it`, "credential-missing"));
}

export function loadStack(sel: { stack?: string; file?: string }, cwd = process.cwd()): LoadedStack {
    const projectDir = findProjectDir(cwd);
    const file = stackFilePath(projectDir, sel);
    if (!fs.existsSync(file)) throw new Error(`stack file not found: ${file}`);
    // Only the namespace matters before the file parses; readStackConfig takes it from Pulumi.yaml.
    const project = PROJECT;
    const source = readStackSource(file, project);
    if (source.fatal.length > 0) {
        const m = /Pulumi\.(.+)\.ya?ml$/.exec(file);
        const stackConfig: StackConfig = { project, stack: m ? m[1] : file, file, config: {}, secretKeys: [], placeholders: [] };
        const at = new Map(source.fatal.map((f) => [f as ConfigIssue, f.position]));
        return { stackConfig, errors: [...source.fatal], warnings: [], neededSecrets: [], credentials: [], source, locate: (i) => at.get(i) ?? { line: 1, column: 1 } };
    }
    const sc = readStackConfig(projectDir, file);
    const raw = homelabRaw(sc);
    const r = validateConfig(raw);
    const nsIssues = namespaceIssues(Object.keys(sc.config).filter((k) => !k.startsWith(`${sc.project}:`)), otherValues(sc));
    const errors = [...nsIssues, ...r.errors, ...plainTextSecrets(sc, raw)];
    const config = errors.length === 0 ? r.config : undefined;
    const credentials = r.config ? credentialStatus(sc, r.config) : [];
    const neededSecrets = credentials.map((c) => c.key);
    const fileWarnings = new Map(source.warnings.map((w) => [w as ConfigIssue, w.position]));
    const warnings = [...source.warnings, ...r.warnings, ...missingCredentialWarnings(credentials)];
    const locate = (i: ConfigIssue): Position => {
        const fixed = fileWarnings.get(i);
        if (fixed) return fixed;
        if (i.rule === "credential-missing") {
            const c = credentials.find((x) => x.key === i.path);
            return source.locate(c ? becausePath(sc.project, c.because) : i.path);
        }
        return source.locate(i.path);
    };
    return { stackConfig: sc, config, errors, warnings, neededSecrets, credentials, source, locate };
}

export function printIssues(title: string, issues: readonly ConfigIssue[], write: (s: string) => void): void {
    if (issues.length === 0) return;
    write(`${title} (${issues.length}):\n`);
    for (const i of issues) write(`  - ${formatIssue(i)}\n`);
}

/** One finding as `validate --json` prints it. */
export interface Finding {
    /** Stable rule id, e.g. `unknown-key`, `node-addresses`, `yaml-syntax`. */
    readonly rule: string;
    readonly severity: "error" | "warning";
    /** Key path (`homelab:nodes[3].ip`); empty for a finding about the file itself. */
    readonly path: string;
    readonly line: number;
    readonly column: number;
    /** The offending value as it may be shown (redacted where it could be a credential); null when unset. */
    readonly value: unknown;
    /** One whole sentence. */
    readonly message: string;
}

export function findings(loaded: LoadedStack): Finding[] {
    const one = (severity: Finding["severity"]) => (i: ConfigIssue): Finding => {
        const at = loaded.locate(i);
        return { rule: i.rule ?? "config", severity, path: i.path, line: at.line, column: at.column, value: safeValue(i.path, i.value) ?? null, message: issueSentence(i) };
    };
    return [...loaded.errors.map(one("error")), ...loaded.warnings.map(one("warning"))];
}
