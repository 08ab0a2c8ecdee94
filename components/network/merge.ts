/**
 * Deep merge for Helm values: user overrides (`values:` in the stack file) win over ours, maps
 * merge key by key, lists and scalars are replaced whole (as Helm does with `-f` files).
 */
export type Values = Record<string, unknown>;

function isMap(v: unknown): v is Values {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Returns a new object: `base` with `over` merged in. Neither input is modified. */
export function deepMerge(base: Values, over: Values): Values {
    const out: Values = { ...base };
    for (const [k, v] of Object.entries(over)) {
        const cur = out[k];
        out[k] = isMap(cur) && isMap(v) ? deepMerge(cur, v) : v;
    }
    return out;
}
