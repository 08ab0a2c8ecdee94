/**
 * How the plan diff sees that a secret changed without ever holding two secret values side by
 * side in its output: each "[secret]" input gets a fingerprint HMAC-SHA256(key, value) with a key
 * drawn at random for one diff run, passed to the base plan through the environment and never
 * written anywhere. A fingerprint therefore reveals nothing once the run ends (no dictionary
 * attack without the key), and within the run it only tells equal from different.
 *
 * And the stack file: a `secure:` ciphertext that differs between base and head is reported as
 * "[secret] changed" for that key (offline plans use placeholders, so this is the only place a
 * rotated credential shows). Pulumi re-encrypts with a fresh nonce, so a re-set identical value
 * also shows as changed.
 */
import { createHmac, randomBytes } from "node:crypto";
import { parse } from "yaml";
import type { RecordedResource } from "../engine/recorder";
import { SECRET_MARK } from "../engine/values";
import type { SecretDigests } from "./types";

/** The environment variable a base plan reads its fingerprint key from (hex). */
export const DIGEST_KEY_ENV = "HOMELAB_PLAN_DIGEST_KEY";
/** The file a plan made with that key writes next to resources.json. */
export const DIGEST_FILE = "secret-digests.json";

export function newDigestKey(): string {
    return randomBytes(32).toString("hex");
}

function join(path: string, key: string | number): string {
    return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/**
 * Fingerprints of every "[secret]" in each resource's redacted inputs, at the same paths the diff
 * walks (cli/diff/core.ts), computed from the plain value at that path.
 */
export function secretDigests(resources: readonly Pick<RecordedResource, "urn" | "inputs" | "plainInputs">[], keyHex: string): SecretDigests {
    const key = new Uint8Array(Buffer.from(keyHex, "hex"));
    if (key.length < 16) throw new Error(`${DIGEST_KEY_ENV} must be at least 16 bytes of hex`);
    const out: SecretDigests = {};
    for (const r of resources) {
        const mine: Record<string, string> = {};
        const walk = (red: unknown, plain: unknown, path: string) => {
            if (red === SECRET_MARK) {
                mine[path] = createHmac("sha256", key).update(JSON.stringify(plain) ?? "undefined").digest("hex").slice(0, 32);
            } else if (Array.isArray(red)) {
                red.forEach((x, i) => walk(x, Array.isArray(plain) ? plain[i] : undefined, join(path, i)));
            } else if (red !== null && typeof red === "object") {
                const p = plain !== null && typeof plain === "object" ? (plain as Record<string, unknown>) : {};
                for (const [k, v] of Object.entries(red)) walk(v, p[k], join(path, k));
            }
        };
        walk(r.inputs, r.plainInputs, "");
        if (Object.keys(mine).length > 0) out[r.urn] = mine;
    }
    return out;
}

/** `secure:` values of a stack file: fully qualified key -> ciphertext. */
export function secureConfigOf(stackFileText: string): Record<string, string> {
    const doc = parse(stackFileText) as { config?: Record<string, unknown> } | null;
    const out: Record<string, string> = {};
    const walk = (v: unknown, path: string) => {
        if (v !== null && typeof v === "object" && !Array.isArray(v)) {
            const o = v as Record<string, unknown>;
            if (typeof o.secure === "string" && Object.keys(o).length === 1) {
                out[path] = o.secure;
                return;
            }
            for (const [k, x] of Object.entries(o)) walk(x, join(path, k));
        } else if (Array.isArray(v)) {
            v.forEach((x, i) => walk(x, join(path, i)));
        }
    };
    for (const [k, v] of Object.entries(doc?.config ?? {})) walk(v, k);
    return out;
}
