/**
 * Reads a stack's config the way the Pulumi CLI would hand it to the program: project defaults
 * from Pulumi.yaml, overridden by Pulumi.<stack>.yaml. Offline, `secure:` values cannot be
 * decrypted and credentials are usually not set at all, so both become clearly marked secret
 * placeholders: the program then follows its real secret-handling paths and every such value
 * stays redacted in the output.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export interface StackConfig {
    readonly project: string;
    readonly stack: string;
    readonly file: string;
    /** `namespace:key` -> value as the runtime sees it (objects as JSON text). */
    readonly config: Record<string, string>;
    /** Keys whose value is secret (all `secure:` entries and placeholders). */
    readonly secretKeys: string[];
    /** Keys whose value is a placeholder (not the real secret). */
    readonly placeholders: string[];
}

export function placeholderFor(key: string): string {
    return `plan-placeholder(${key})`;
}

function asConfigString(v: unknown): string {
    return typeof v === "string" ? v : JSON.stringify(v);
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Finds Pulumi.yaml by walking up from `start`. */
export function findProjectDir(start: string): string {
    let dir = path.resolve(start);
    for (;;) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        const up = path.dirname(dir);
        if (up === dir) throw new Error(`no Pulumi.yaml found above ${start}`);
        dir = up;
    }
}

/** Resolves `--stack name` or `--file path` to a stack file path. */
export function stackFilePath(projectDir: string, sel: { stack?: string; file?: string }): string {
    if (sel.file) return path.resolve(sel.file);
    if (sel.stack) return path.join(projectDir, `Pulumi.${sel.stack}.yaml`);
    throw new Error("pass --stack <name> or --file <path/to/Pulumi.x.yaml>");
}

/** Loads project defaults + stack config. */
export function readStackConfig(projectDir: string, file: string): StackConfig {
    const project = parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as {
        name: string;
        config?: Record<string, unknown>;
    };
    if (!fs.existsSync(file)) throw new Error(`stack file not found: ${file}`);
    const stackDoc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const m = /Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file));
    const stack = m ? m[1] : path.basename(file);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const placeholders: string[] = [];
    for (const [k, decl] of Object.entries(project.config ?? {})) {
        const key = qualify(project.name, k);
        if (decl !== null && typeof decl === "object" && !Array.isArray(decl)) {
            const d = decl as { default?: unknown; value?: unknown };
            const v = d.value ?? d.default;
            if (v !== undefined) config[key] = asConfigString(v);
        } else if (decl !== undefined) {
            config[key] = asConfigString(decl);
        }
    }
    for (const [k, v] of Object.entries(stackDoc.config ?? {})) {
        const key = qualify(project.name, k);
        if (v !== null && typeof v === "object" && "secure" in (v as object)) {
            config[key] = placeholderFor(key);
            secretKeys.push(key);
            placeholders.push(key);
        } else {
            config[key] = asConfigString(v);
        }
    }
    return { project: project.name, stack, file, config, secretKeys, placeholders };
}

/** Adds secret placeholders for credentials the config needs but the stack does not set. */
export function withPlaceholders(sc: StackConfig, keys: readonly string[]): StackConfig {
    const config = { ...sc.config };
    const secretKeys = [...sc.secretKeys];
    const placeholders = [...sc.placeholders];
    for (const key of keys) {
        if (config[key] === undefined || config[key] === "") {
            config[key] = placeholderFor(key);
            secretKeys.push(key);
            placeholders.push(key);
        }
    }
    return { ...sc, config, secretKeys, placeholders };
}
