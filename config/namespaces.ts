/**
 * Config outside `homelab:`. Pulumi passes every `namespace:key` of a stack file to the program
 * and to the providers, and ignores what nobody reads: a misspelt `homelb:certManager` silently
 * deploys no cert-manager, and `cloudflare:apitoken` leaves the provider without its token. So a
 * namespace must be the project's, `pulumi:`, or one of the providers the program uses, and a
 * provider key must be one the provider's SDK declares (where its SDK lists them).
 */
import * as cloudflareConfig from "@pulumi/cloudflare/config";
import * as tlsConfig from "@pulumi/tls/config";
import { config as talosConfig } from "@pulumiverse/talos";
import { issue, type ConfigIssue } from "./issues";
import { redactedHint } from "./redact";
import { didYouMean } from "./suggest";

export const PROJECT = "homelab";

/**
 * The SDK's config module, whose exports are the provider's config keys. @pulumi/kubernetes,
 * @pulumi/command and @pulumi/random ship no config module, so their keys are not checked.
 */
function sdkConfigKeys(m: object): readonly string[] {
    return Object.keys(m).filter((k) => k !== "default" && k !== "__esModule").sort();
}

/** Provider namespaces of the packages the program imports (package.json), with their keys. */
export function providerNamespaces(): Readonly<Record<string, readonly string[] | undefined>> {
    return {
        cloudflare: sdkConfigKeys(cloudflareConfig),
        kubernetes: undefined,
        talos: sdkConfigKeys(talosConfig),
        command: undefined,
        random: undefined,
        tls: sdkConfigKeys(tlsConfig),
    };
}

/** `pulumi:` holds engine settings (`pulumi:tags`, `pulumi:disable-default-providers`): open. */
export const openNamespaces = [PROJECT, "pulumi"] as const;

/**
 * Findings for keys outside the project namespace. `keys` are fully qualified (`ns:key`, as the
 * runtime and the stack file reader hold them); the `homelab:` ones are validated elsewhere.
 * Values are never shown, only a type hint: an unknown key may hold a credential.
 */
export function namespaceIssues(keys: readonly string[], values: Readonly<Record<string, unknown>> = {}, providers = providerNamespaces()): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const known = [...openNamespaces, ...Object.keys(providers)];
    for (const full of [...keys].sort()) {
        const i = full.indexOf(":");
        if (i < 0) continue;
        const ns = full.slice(0, i);
        const key = full.slice(i + 1);
        const hint = redactedHint(values[full] ?? "");
        if (!known.includes(ns)) {
            const guess = didYouMean(ns, known, (c) => `${c}:${key}`);
            out.push(issue(full, [], hint, `is in the namespace "${ns}:", which neither this project nor a provider it uses reads, so the setting would be ignored${guess}`, "unknown-namespace"));
            continue;
        }
        const provKeys = providers[ns];
        if (provKeys && !provKeys.includes(key)) {
            out.push(issue(full, [], hint, `is not a config key of the ${ns} provider (known: ${provKeys.join(", ")})${didYouMean(key, provKeys, (c) => `${ns}:${c}`)}`, "unknown-provider-key"));
        }
    }
    return out;
}
