/**
 * Pure validation of raw stack config: schema per key, unknown keys, then cross-field rules.
 * Every finding carries its key path and value; all are returned at once.
 */
import type { z } from "zod";
import { issue, keyPath, valueAt, type ConfigIssue } from "./issues";
import { errorRules, warningRules } from "./rules";
import { configKeys, type ConfigKey, type ParsedConfig } from "./schema";
import { secretKeys } from "./secrets";

export interface ValidationResult {
    /** Present only when there are no errors. */
    readonly config?: ParsedConfig;
    readonly errors: ConfigIssue[];
    readonly warnings: ConfigIssue[];
}

function zodIssues(key: string, raw: unknown, error: z.ZodError): ConfigIssue[] {
    return error.issues.map((zi) => {
        if (zi.code === "unrecognized_keys") {
            // One finding per unknown key, pointing at the key itself.
            return zi.keys.map((k) => ({
                path: keyPath(key, [...zi.path, k]),
                value: valueAt(raw, [...zi.path, k]),
                message: "is not a known key",
            }));
        }
        const value = valueAt(raw, zi.path);
        const message = value === undefined && zi.code === "invalid_type" ? "is required" : zi.message.replace(/^Invalid input: /, "");
        return [{ path: keyPath(key, zi.path), value, message }];
    }).flat();
}

/**
 * Validates the `homelab:` namespace of a stack's config.
 * @param raw short key (`cluster`, `nodes`, ...) -> parsed JSON/YAML value
 */
export function validateConfig(raw: Readonly<Record<string, unknown>>): ValidationResult {
    const errors: ConfigIssue[] = [];
    const parsed: Partial<Record<ConfigKey, unknown>> = {};
    const known = new Set<string>([...Object.keys(configKeys), ...secretKeys]);
    for (const k of Object.keys(raw).sort()) {
        if (!known.has(k)) {
            errors.push(issue(k, [], secretKeys.some((s) => s.toLowerCase() === k.toLowerCase()) ? "[redacted]" : raw[k], "is not a known homelab config key"));
        }
    }
    for (const [k, def] of Object.entries(configKeys) as Array<[ConfigKey, (typeof configKeys)[ConfigKey]]>) {
        // Pulumi.yaml declares optional keys with `default: {}` (a declared key without a default
        // is mandatory for the CLI), so an empty object means "not set".
        const given = raw[k];
        const empty = given !== null && typeof given === "object" && !Array.isArray(given) && Object.keys(given).length === 0;
        const value = empty && !def.required ? undefined : given;
        if (value === undefined && def.required) {
            errors.push(issue(k, [], undefined, "is required"));
            continue;
        }
        const r = def.schema.safeParse(value);
        if (r.success) {
            parsed[k] = r.data;
        } else {
            errors.push(...zodIssues(k, value, r.error));
        }
    }
    if (errors.length > 0) {
        return { errors, warnings: [] };
    }
    const cfg = parsed as ParsedConfig;
    for (const rule of errorRules) {
        errors.push(...rule(cfg));
    }
    const warnings = warningRules.flatMap((rule) => rule(cfg));
    return errors.length > 0 ? { errors, warnings } : { config: cfg, errors, warnings };
}
