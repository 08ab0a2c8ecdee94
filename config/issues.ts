import { safeValue } from "./redact";

/** A validation finding: where (key path), what value, why, and which rule found it. */
export interface ConfigIssue {
    /** Full key path, e.g. `homelab:nodes[3].ip`; empty for a finding about the whole file. */
    readonly path: string;
    readonly value: unknown;
    readonly message: string;
    /**
     * Stable id of the rule, e.g. `unknown-key`, `node-addresses`: what PR bots and suppressions
     * key on. Set by the validator when the rule itself does not.
     */
    readonly rule?: string;
}

/** `homelab:nodes` + [3, "ip"] -> `homelab:nodes[3].ip` */
export function keyPath(key: string, path: ReadonlyArray<PropertyKey>): string {
    let out = key.includes(":") ? key : `homelab:${key}`;
    for (const p of path) {
        if (typeof p === "number") {
            out += `[${p}]`;
        } else if (typeof p === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) {
            out += `.${p}`;
        } else {
            out += `[${JSON.stringify(String(p))}]`;
        }
    }
    return out;
}

/** `homelab:nodes[3].ip` -> { key: "homelab:nodes", path: [3, "ip"] }; the inverse of keyPath. */
export function parseKeyPath(full: string): { key: string; path: Array<string | number> } {
    const m = /^([^.[\]]+)(.*)$/.exec(full);
    if (!m) return { key: full, path: [] };
    const path: Array<string | number> = [];
    const rest = m[2];
    const seg = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
    let s: RegExpExecArray | null;
    while ((s = seg.exec(rest)) !== null) {
        if (s[1] !== undefined) path.push(s[1]);
        else if (s[2] !== undefined) path.push(Number(s[2]));
        else path.push(JSON.parse(s[3]) as string);
    }
    return { key: m[1], path };
}

/** Reads the value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    let cur: unknown = root;
    for (const p of path) {
        if (cur === null || typeof cur !== "object") {
            return undefined;
        }
        cur = (cur as Record<PropertyKey, unknown>)[p];
    }
    return cur;
}

/** Renders a value for a message: strings bare, the rest as compact JSON, long values cut. */
export function showValue(v: unknown): string {
    const s = typeof v === "string" ? v : v === undefined ? "(unset)" : JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * `homelab:nodes[3].ip: 10.0.61.5 is outside network.nodeCidr 10.0.60.0/24`. The value goes
 * through the redaction rules first (config/redact.ts), so a credential is never printed.
 */
export function formatIssue(i: ConfigIssue): string {
    if (i.path === "") return i.message;
    return `${i.path}: ${showValue(safeValue(i.path, i.value))} ${i.message}`;
}

/**
 * The finding as one whole sentence, for machine output and PR comments:
 * `homelab:nodes[3].ip (10.0.61.5) is outside network.nodeCidr 10.0.60.0/24.`
 */
export function issueSentence(i: ConfigIssue): string {
    const v = safeValue(i.path, i.value);
    const subject = i.path === "" ? "" : v === undefined ? i.path : `${i.path} (${showValue(v)})`;
    const body = `${subject} ${i.message}`.trim();
    return /[.?!]$/.test(body) ? body : `${body}.`;
}

export function issue(key: string, path: ReadonlyArray<PropertyKey>, value: unknown, message: string, rule?: string): ConfigIssue {
    return rule === undefined ? { path: keyPath(key, path), value, message } : { path: keyPath(key, path), value, message, rule };
}
