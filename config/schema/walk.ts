/**
 * Reading the zod (v4) schema as data: which keys an object at a key path accepts (for
 * "did you mean"), and the fields, types, defaults and descriptions the generated reference
 * (docs/config.md) lists. Uses zod's public `_zod.def` and the global metadata registry only.
 */
import { z } from "zod";

// zod's def types differ per schema kind; this module reads them generically.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Def = any;

export type Schema = z.ZodType;

export function defOf(s: Schema): Def {
    return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** A schema with its wrappers peeled off. */
export interface Unwrapped {
    readonly inner: Schema;
    readonly optional: boolean;
    /** Value of `.default()`, when there is one. */
    readonly defaultValue?: unknown;
    readonly hasDefault: boolean;
    /** `.prefault()`: the input fed to the inner schema when the key is missing. */
    readonly prefault?: unknown;
    /** Descriptions (`.describe()`, `.meta({ description })`) found on any wrapper, outermost first. */
    readonly descriptions: string[];
}

function description(s: Schema): string | undefined {
    const meta = z.globalRegistry.get(s) as { description?: string } | undefined;
    return meta?.description ?? (s as { description?: string }).description;
}

/** Peels optional/default/prefault/nullable/readonly/catch and preprocess pipes. */
export function unwrap(s: Schema): Unwrapped {
    let cur = s;
    let optional = false;
    let hasDefault = false;
    let defaultValue: unknown;
    let prefault: unknown;
    const descriptions: string[] = [];
    for (let guard = 0; guard < 20; guard++) {
        const d = description(cur);
        if (d && !descriptions.includes(d)) descriptions.push(d);
        const def = defOf(cur);
        switch (def.type) {
            case "optional":
            case "nullable":
            case "readonly":
            case "catch":
            case "nonoptional":
                if (def.type === "optional") optional = true;
                cur = def.innerType;
                continue;
            case "default":
                if (!hasDefault) {
                    hasDefault = true;
                    defaultValue = typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue;
                }
                cur = def.innerType;
                continue;
            case "prefault":
                prefault = typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue;
                cur = def.innerType;
                continue;
            case "pipe":
                // z.preprocess(fn, schema) is a pipe from a transform into the schema.
                cur = defOf(def.out).type === "transform" ? def.in : def.out;
                continue;
        }
        break;
    }
    return { inner: cur, optional, hasDefault, defaultValue, prefault, descriptions };
}

/** The fields of an object schema (after unwrapping), or undefined when it is not one. */
export function shapeOf(s: Schema): Record<string, Schema> | undefined {
    const { inner } = unwrap(s);
    const def = defOf(inner);
    if (def.type === "object") return def.shape as Record<string, Schema>;
    if (def.type === "union") {
        // A union of an object with scalars (e.g. boolean shorthand): the object's fields.
        for (const o of def.options as Schema[]) {
            const sh = shapeOf(o);
            if (sh) return sh;
        }
    }
    return undefined;
}

/** The schema at a key path inside `root` (`["talos", "patches"]`, `[3, "ip"]`), or undefined. */
export function schemaAt(root: Schema, path: ReadonlyArray<PropertyKey>): Schema | undefined {
    let cur: Schema | undefined = root;
    for (const p of path) {
        if (!cur) return undefined;
        const { inner } = unwrap(cur);
        const def = defOf(inner);
        if (def.type === "array") cur = typeof p === "number" ? def.element : undefined;
        else if (def.type === "record") cur = def.valueType;
        else cur = shapeOf(inner)?.[String(p)];
    }
    return cur;
}

/** Keys the object at `path` accepts; empty when the path does not lead to an object. */
export function keysAt(root: Schema, path: ReadonlyArray<PropertyKey>): string[] {
    const s = schemaAt(root, path);
    return s ? Object.keys(shapeOf(s) ?? {}) : [];
}
