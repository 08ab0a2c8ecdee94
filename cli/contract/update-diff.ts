/**
 * What a second `pulumi up` would do, from two recordings of the program (before and after a
 * config edit): URNs added, removed, updated in place, or replaced. Pure; used by the update
 * tables in tests/stacks/updates.test.ts.
 *
 * It mirrors the engine's step decisions closely enough for review, not exactly (the provider's
 * own Diff is not run): a resource is the same resource when its URN matches or the new one
 * carries an alias from the old URN; inputs compare after dropping `ignoreChanges` paths; a
 * change is a replacement when a changed path is listed in `replaceOnChanges` ("*" = any) or in
 * KNOWN_REPLACE_PATHS for its type, or when its explicit provider changes URN.
 */
import type { RecordedResource } from "../engine/recorder";

/**
 * Input paths whose change makes the provider replace the resource (its Diff answers "replace").
 * "*" = every input. Sources: terraform-provider-random (all RandomPassword arguments are
 * RequiresReplace), terraform-provider-tls (private_key algorithm/rsa_bits/ecdsa_curve;
 * self_signed_cert arguments are RequiresReplace), pulumi-command (`triggers` replaces; other
 * input changes update, https://www.pulumi.com/registry/packages/command/api-docs/remote/command/),
 * pulumi-kubernetes (metadata.name/namespace of any object; a Helm Release's name/namespace).
 */
export const KNOWN_REPLACE_PATHS: Readonly<Record<string, readonly string[]>> = {
    "random:index/randomPassword:RandomPassword": ["*"],
    "tls:index/privateKey:PrivateKey": ["algorithm", "rsaBits", "ecdsaCurve"],
    "tls:index/selfSignedCert:SelfSignedCert": ["*"],
    "command:remote:Command": ["triggers"],
    "kubernetes:helm.sh/v3:Release": ["name", "namespace"],
};
const KUBERNETES_REPLACE_PATHS = ["metadata.name", "metadata.namespace"];

export interface UpdateDiff {
    readonly added: string[];
    readonly removed: string[];
    /** Same resource, inputs changed, updated in place. */
    readonly updated: string[];
    /** Same resource, a change the provider or `replaceOnChanges` turns into a replacement. */
    readonly replaced: string[];
    /** Changed input paths per updated or replaced URN (dotted, arrays as `.0`). */
    readonly changedPaths: Record<string, string[]>;
}

/** Leaf paths where two JSON-like values differ ("" = the root). */
export function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
    const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";
    if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        return keys.flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
    }
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

/** `p` equals `pattern` or lies below it (`spec` covers `spec.x.y`). */
function covers(pattern: string, p: string): boolean {
    return pattern === "*" || p === pattern || p.startsWith(`${pattern}.`) || pattern.startsWith(`${p}.`);
}

export function replaceReason(r: Pick<RecordedResource, "type" | "replaceOnChanges">, paths: readonly string[]): boolean {
    const known = [...(KNOWN_REPLACE_PATHS[r.type] ?? []), ...(r.type.startsWith("kubernetes:") && r.type !== "kubernetes:helm.sh/v3:Release" ? KUBERNETES_REPLACE_PATHS : [])];
    // replaceOnChanges uses `a.b[0]`/`a.b[*]`; compare in dotted form.
    const own = r.replaceOnChanges.map((p) => p.replace(/\[(\d+|\*)\]/g, ".$1").replace(/\.\*$/, ""));
    return paths.some((p) => [...known, ...own].some((pattern) => covers(pattern, p)));
}

export function diffRecordings(before: readonly RecordedResource[], after: readonly RecordedResource[]): UpdateDiff {
    const old = new Map(before.map((r) => [r.urn, r]));
    const diff: UpdateDiff = { added: [], removed: [], updated: [], replaced: [], changedPaths: {} };
    const matched = new Set<string>();
    for (const r of after) {
        const prev = old.get(r.urn) ?? r.aliases.map((a) => old.get(a)).find((x) => x !== undefined);
        if (!prev) {
            diff.added.push(r.urn);
            continue;
        }
        matched.add(prev.urn);
        const paths = changedPaths(prev.plainInputs, r.plainInputs).filter((p) => !r.ignoreChanges.some((i) => covers(i, p) && i !== "*"));
        const providerMoved = prev.provider !== r.provider && prev.provider !== "" && r.provider !== "";
        if (paths.length === 0 && !providerMoved) continue;
        diff.changedPaths[r.urn] = paths;
        if (providerMoved || replaceReason(r, paths)) diff.replaced.push(r.urn);
        else diff.updated.push(r.urn);
    }
    for (const r of before) if (!matched.has(r.urn)) diff.removed.push(r.urn);
    for (const k of ["added", "removed", "updated", "replaced"] as const) diff[k].sort();
    return diff;
}
