/** A validation finding: where (key path), what value, why. */
export interface ConfigIssue {
    /** Full key path, e.g. `homelab:nodes[3].ip`. */
    readonly path: string;
    readonly value: unknown;
    readonly message: string;
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

/** `homelab:nodes[3].ip: 10.0.61.5 is outside network.nodeCidr 10.0.60.0/24` */
export function formatIssue(i: ConfigIssue): string {
    return `${i.path}: ${showValue(i.value)} ${i.message}`;
}

export function issue(key: string, path: ReadonlyArray<PropertyKey>, value: unknown, message: string): ConfigIssue {
    return { path: keyPath(key, path), value, message };
}
