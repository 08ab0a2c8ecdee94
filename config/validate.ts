/**
 * Pure validation of raw stack config: schema per key, unknown keys, then cross-field rules.
 * Every finding carries its key path, its value (redacted where it could be a credential, see
 * config/redact.ts), a message and a stable rule id; all are returned at once.
 */
import type { z } from "zod";
import { issue, keyPath, valueAt, type ConfigIssue } from "./issues";
import { redactedHint } from "./redact";
import { errorRules, warningRules, type Rule } from "./rules";
import { talosHardwareDefaults } from "./rules/support";
import { configKeys, type ConfigKey, type ParsedConfig } from "./schema";
import { keysAt } from "./schema/walk";
import { secretKeys } from "./secrets";
import { didYouMean } from "./suggest";

export interface ValidationResult {
    /** Present only when there are no errors. */
    readonly config?: ParsedConfig;
    readonly errors: ConfigIssue[];
    readonly warnings: ConfigIssue[];
}

/** `nodeAddresses` -> `node-addresses`: the rule id of a cross-field rule that sets none itself. */
export function ruleId(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase() || "rule";
}

/** Stable ids of schema findings, from zod's issue codes: `invalid_format` -> `invalid-format`. */
function schemaRule(code: string, value: unknown): string {
    if (code === "invalid_type" && value === undefined) return "required-key";
    return code.replace(/_/g, "-");
}

function zodIssues(key: ConfigKey, raw: unknown, error: z.ZodError): ConfigIssue[] {
    const schema = configKeys[key].schema as unknown as z.ZodType;
    return error.issues.map((zi) => {
        if (zi.code === "unrecognized_keys") {
            // One finding per unknown key, pointing at the key itself. Its value is never shown:
            // a misspelt credential key is where secrets land.
            const known = keysAt(schema, zi.path);
            return zi.keys.map((k) => ({
                path: keyPath(key, [...zi.path, k]),
                value: redactedHint(valueAt(raw, [...zi.path, k])),
                message: `is not a known key${didYouMean(k, known)}`,
                rule: "unknown-key",
            }));
        }
        const value = valueAt(raw, zi.path);
        const message = value === undefined && zi.code === "invalid_type" ? "is required" : zi.message.replace(/^Invalid input: /, "");
        return [{ path: keyPath(key, zi.path), value, message, rule: schemaRule(zi.code, value) }];
    }).flat();
}

/** Runs cross-field rules, giving each finding the rule's id unless it brings its own. */
function runRules(rules: readonly Rule[], cfg: ParsedConfig): ConfigIssue[] {
    return rules.flatMap((rule) => rule(cfg).map((i) => (i.rule ? i : { ...i, rule: ruleId(rule.name) })));
}

/**
 * Validates the `homelab:` namespace of a stack's config.
 * @param raw short key (`cluster`, `nodes`, ...) -> parsed JSON/YAML value
 */
export function validateConfig(raw: Readonly<Record<string, unknown>>): ValidationResult {
    const errors: ConfigIssue[] = [];
    const parsed: Partial<Record<ConfigKey, unknown>> = {};
    const knownKeys = [...Object.keys(configKeys), ...secretKeys];
    const known = new Set<string>(knownKeys);
    for (const k of Object.keys(raw).sort()) {
        if (!known.has(k)) {
            errors.push(issue(k, [], redactedHint(raw[k]), `is not a known homelab config key${didYouMean(k, knownKeys, (c) => `homelab:${c}`)}`, "unknown-key"));
        }
    }
    for (const [k, def] of Object.entries(configKeys) as Array<[ConfigKey, (typeof configKeys)[ConfigKey]]>) {
        // Pulumi.yaml declares optional keys with `default: {}` (a declared key without a default
        // is mandatory for the CLI), so an empty object means "not set".
        const given = raw[k];
        const empty = given !== null && typeof given === "object" && !Array.isArray(given) && Object.keys(given).length === 0;
        const value = empty && !def.required ? undefined : given;
        if (value === undefined && def.required) {
            errors.push(issue(k, [], undefined, "is required", "required-key"));
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
    errors.push(...runRules(errorRules, cfg));
    const warnings = [...runRules(warningRules, cfg), ...talosHardwareDefaults(cfg, raw)];
    return errors.length > 0 ? { errors, warnings } : { config: cfg, errors, warnings };
}
