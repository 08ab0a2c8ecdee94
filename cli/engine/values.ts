/**
 * Turns the wire form of resource inputs (what the engine receives) into two views:
 * a redacted one for output files (secrets -> "[secret]", unknowns -> "[unknown]") and a plain
 * one for tests, plus the list of property paths that were secret.
 */

/** Signatures of the Pulumi wire protocol (sdk/nodejs/runtime/rpc.ts). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SIG = {
    secret: "1b47061264138c4ac30d75fd1eb44270",
    resourceReference: "5cf8f73096256a8f31e491e813e4eb8e",
    asset: "c44067f5952c0a294b673a41bacd8c17",
    archive: "0def7320c3a5731c473e5ecbe6d01bc7",
    outputValue: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
} as const;
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SECRET_MARK = "[secret]";
export const UNKNOWN_MARK = "[unknown]";

export interface DecodedValue {
    /** Secrets replaced by "[secret]", unknowns by "[unknown]". Safe to print. */
    readonly redacted: unknown;
    /** Secrets unwrapped, unknowns as "[unknown]". Never write this anywhere. */
    readonly plain: unknown;
    /** JSON-pointer-like paths (`spec.data.token`) of secret values. */
    readonly secretPaths: string[];
}

function join(path: string, key: string | number): string {
    return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

export function decodeWireValue(v: unknown): DecodedValue {
    const secretPaths: string[] = [];
    const walk = (x: unknown, path: string, inSecret: boolean): [unknown, unknown] => {
        if (x === UNKNOWN) {
            return [UNKNOWN_MARK, UNKNOWN_MARK];
        }
        if (Array.isArray(x)) {
            const pairs = x.map((e, i) => walk(e, join(path, i), inSecret));
            return [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
        }
        if (x !== null && typeof x === "object") {
            const o = x as Record<string, unknown>;
            const sig = o[SIG_KEY];
            if (sig === SIG.secret) {
                if (!inSecret) secretPaths.push(path || "(root)");
                const [, plain] = walk(o.value, path, true);
                return [SECRET_MARK, plain];
            }
            if (sig === SIG.outputValue) {
                const secret = o.secret === true;
                if (!("value" in o)) return [UNKNOWN_MARK, UNKNOWN_MARK];
                if (secret && !inSecret) secretPaths.push(path || "(root)");
                const [red, plain] = walk(o.value, path, inSecret || secret);
                return [secret ? SECRET_MARK : red, plain];
            }
            if (sig === SIG.resourceReference) {
                const ref = { urn: o.urn };
                return [ref, ref];
            }
            if (sig === SIG.asset || sig === SIG.archive) {
                const desc = { asset: o.path ?? o.uri ?? (o.text !== undefined ? "(text)" : "(archive)") };
                return [inSecret ? SECRET_MARK : desc, o];
            }
            const red: Record<string, unknown> = {};
            const plain: Record<string, unknown> = {};
            for (const k of Object.keys(o)) {
                const [r, p] = walk(o[k], join(path, k), inSecret);
                red[k] = r;
                plain[k] = p;
            }
            return [red, plain];
        }
        return [inSecret ? SECRET_MARK : x, x];
    };
    const [redacted, plain] = walk(v, "", false);
    return { redacted, plain, secretPaths };
}

/** `urn::id` provider reference -> the provider's URN. */
export function providerUrn(ref: string): string {
    if (!ref) return "";
    const i = ref.lastIndexOf("::");
    return i > 0 ? ref.slice(0, i) : ref;
}
