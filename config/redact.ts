/**
 * What a finding may print of a value the user typed. Config findings are shown in terminals,
 * CI logs and PR comments, so a value is printed only when it cannot be a credential:
 *
 * - under an unknown key, never (a misspelt `githubToken` is exactly where a secret lands): only
 *   a type/length hint;
 * - under a key whose name looks like a credential (token, secret, password, private key...),
 *   never;
 * - a value that looks like a credential wherever it sits (`ghp_...`, `-----BEGIN ...`, an AWS
 *   key id, a long base64/hex blob), never; a URL keeps everything but its password.
 *
 * Over-redaction is the safe failure: the key path and the message still say what is wrong.
 */

/** Key names that hold credentials. `key` alone only at the end of a name (`apiKey`, `hostKey`). */
const SECRET_NAME = /(token|secret|passw|private|credential|api[-_]?key|access[-_]?key|key$|^pat$|bearer)/i;

/** Prefixes and shapes of well-known credentials. */
const SECRET_VALUE: readonly RegExp[] = [
    /-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE|PGP)/,
    /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{10,}/, // GitHub tokens
    /\bgithub_pat_[A-Za-z0-9_]{10,}/,
    /\bglpat-[A-Za-z0-9_-]{10,}/, // GitLab
    /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // Slack
    /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
    /\bsk-[A-Za-z0-9_-]{16,}/,
    /\bK10[0-9a-f]{20,}/, // k3s full token
    /\bage1[0-9a-z]{50,}/,
    /\bAGE-SECRET-KEY-/,
];

/**
 * A long run of base64-like characters mixing upper case, lower case and digits (API tokens, key
 * material), or a long hex string (40+, so a 32-character Cloudflare account id is not one). Paths
 * and host names are lower case and broken by dots, so they do not match.
 */
function looksLikeBlob(s: string): boolean {
    for (const m of s.matchAll(/[A-Za-z0-9+/=_-]{32,}/g)) {
        const w = m[0];
        if (/[0-9]/.test(w) && /[a-z]/.test(w) && /[A-Z]/.test(w)) return true;
    }
    return /[0-9a-f]{40,}/i.test(s);
}

/** True when a key name (last path segment) suggests a credential. */
export function isSecretName(name: string): boolean {
    return SECRET_NAME.test(name);
}

/** True when a string looks like a credential, whatever key it sits under. */
export function isSecretString(s: string): boolean {
    return SECRET_VALUE.some((re) => re.test(s)) || looksLikeBlob(s);
}

/** True when the value, or anything inside it (keys included), looks like a credential. */
export function containsSecret(v: unknown): boolean {
    if (typeof v === "string") return isSecretString(v);
    if (Array.isArray(v)) return v.some(containsSecret);
    if (v !== null && typeof v === "object") {
        return Object.entries(v).some(([k, x]) => (isSecretName(k) && x !== "" && x !== undefined && x !== null) || containsSecret(x));
    }
    return false;
}

/** `[redacted: string, 40 characters]`: what the value is, never what it says. */
export function redactedHint(v: unknown): string {
    if (typeof v === "string") return `[redacted: string, ${v.length} character${v.length === 1 ? "" : "s"}]`;
    if (Array.isArray(v)) return `[redacted: list of ${v.length} item${v.length === 1 ? "" : "s"}]`;
    if (v === null) return "[redacted: null]";
    if (typeof v === "object") {
        const n = Object.keys(v).length;
        return `[redacted: object with ${n} key${n === 1 ? "" : "s"}]`;
    }
    return `[redacted: ${typeof v}]`;
}

/** `https://user:pass@host/x` -> `https://user:***@host/x`; other text unchanged. */
export function maskUrlPasswords(s: string): string {
    return s.replace(/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^/\s@]+@/gi, "$1:***@");
}

/** Already a redaction marker (set when the finding was made). */
function isMarker(v: unknown): boolean {
    return typeof v === "string" && (v === "[redacted]" || v.startsWith("[redacted: "));
}

/**
 * The value as it may be shown for a finding at `path` (e.g. `homelab:gitops.repo.url`).
 * Returns the value itself when it is safe, a URL with its password masked, or a hint.
 */
export function safeValue(path: string, v: unknown): unknown {
    if (v === undefined || isMarker(v)) return v;
    const last = /([A-Za-z0-9_-]+)["\]]*$/.exec(path)?.[1] ?? "";
    if (isSecretName(last) && v !== "") return redactedHint(v);
    if (containsSecret(v)) return redactedHint(v);
    if (typeof v === "string") return maskUrlPasswords(v);
    if (v !== null && typeof v === "object") {
        const masked = JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === "string" ? maskUrlPasswords(x) : x))) as unknown;
        return masked;
    }
    return v;
}
