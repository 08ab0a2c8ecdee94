/**
 * Reads the stack's config from the Pulumi runtime, validates it and returns the spec. The only
 * module that touches `pulumi.Config`. Invalid config throws before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssue, issue, type ConfigIssue } from "./issues";
import { namespaceIssues } from "./namespaces";
import { requiredSecrets } from "./required-secrets";
import { cloudflareTokenKey, secretKeys, secretPurpose, setSecretCommand, type SecretKey } from "./secrets";
import { buildSpec, type ClusterSpec, type SpecSecrets } from "./spec";
import { validateConfig } from "./validate";

const NAMESPACE = "homelab";

/**
 * Whether the CLI passed a key as secret (PULUMI_CONFIG_SECRET_KEYS). The SDK exports this from
 * runtime/config but marks it @internal, so its typings omit it.
 */
const isConfigSecret: (key: string) => boolean = require("@pulumi/pulumi/runtime/config").isConfigSecret;

/** Thrown for invalid config. A RunError, so Pulumi prints the message without a stack trace. */
export class ConfigError extends pulumi.RunError {
    constructor(public readonly issues: readonly ConfigIssue[]) {
        super(`invalid stack config (${issues.length} error${issues.length === 1 ? "" : "s"}):\n` + issues.map((i) => `  - ${formatIssue(i)}`).join("\n"));
    }
}

/** The `homelab:` keys of the runtime config, JSON values parsed. */
export function rawHomelabConfig(all: Record<string, string> = pulumi.runtime.allConfig()): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) {
        if (!k.startsWith(`${NAMESPACE}:`)) continue;
        const short = k.slice(NAMESPACE.length + 1);
        try {
            out[short] = JSON.parse(v);
        } catch {
            out[short] = v;
        }
    }
    return out;
}

/**
 * Credential checks that need the runtime: set in plain text (a committed secret), or required
 * by the config but missing. Values are never echoed.
 */
function checkSecrets(raw: Record<string, unknown>, cfgNeeds: ReturnType<typeof requiredSecrets>): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const present = (k: string) => {
        const full = k.includes(":") ? k : `${NAMESPACE}:${k}`;
        const v = pulumi.runtime.allConfig()[full];
        return v !== undefined && v !== "";
    };
    for (const k of secretKeys) {
        if (raw[k] !== undefined && raw[k] !== "" && !isConfigSecret(`${NAMESPACE}:${k}`)) {
            out.push(issue(k, [], "[redacted]", `is stored in plain text; run: ${setSecretCommand(k)} (${secretPurpose[k]})`, "credential-plaintext"));
        }
    }
    if (present(cloudflareTokenKey) && !isConfigSecret(cloudflareTokenKey)) {
        out.push(issue(cloudflareTokenKey, [], "[redacted]", `is stored in plain text; run: pulumi config set --secret ${cloudflareTokenKey}`, "credential-plaintext"));
    }
    for (const need of cfgNeeds) {
        if (!present(need.key) && !(need.orKey && present(need.orKey))) {
            const hint = need.key === cloudflareTokenKey ? secretPurpose.cloudflareApiToken : secretPurpose[need.key as SecretKey];
            // An error here, under `pulumi preview/up`; offline (validate, plan) the same finding is
            // a warning, since PR checks run without credentials (cli/load-stack.ts).
            const or = need.orKey ? ` or ${setSecretCommand(need.orKey)} (${secretPurpose[need.orKey]})` : "";
            out.push(issue(need.key, [], undefined, `is required by ${need.because}; run: ${setSecretCommand(need.key)} (${hint})${or}`, "credential-missing"));
        }
    }
    return out;
}

function readSecrets(): SpecSecrets {
    // Presence is read from the raw config map (Config.get on a secret logs a warning); the
    // value itself is only ever taken through requireSecret, so the spec holds secret Outputs.
    const all = pulumi.runtime.allConfig();
    const cfg = new pulumi.Config(NAMESPACE);
    const out: Record<string, pulumi.Output<string>> = {};
    for (const k of secretKeys) {
        if (all[`${NAMESPACE}:${k}`]) out[k] = cfg.requireSecret(k);
    }
    if (all[cloudflareTokenKey]) out.cloudflareApiToken = new pulumi.Config("cloudflare").requireSecret("apiToken");
    return out;
}

/**
 * Loads and validates the stack config. Throws ConfigError listing every error; logs warnings.
 * Called once, by the program entry, before any resource exists.
 */
export function loadSpec(): ClusterSpec {
    const all = pulumi.runtime.allConfig();
    const raw = rawHomelabConfig(all);
    const result = validateConfig(raw);
    const secretIssues = checkSecrets(raw, result.config ? requiredSecrets(result.config) : []);
    // Keys outside homelab: a misspelt namespace or provider key would be silently ignored.
    const nsIssues = namespaceIssues(Object.keys(all).filter((k) => !k.startsWith(`${NAMESPACE}:`)));
    const errors = [...nsIssues, ...result.errors, ...secretIssues];
    if (errors.length > 0 || !result.config) {
        throw new ConfigError(errors);
    }
    for (const w of result.warnings) {
        void pulumi.log.warn(formatIssue(w));
    }
    return buildSpec(result.config, readSecrets(), result.warnings);
}
