/**
 * Regenerates `sdks/talos/schema-subset.json` from the provider's full Pulumi schema.
 *
 *   npx tsx sdks/talos/scripts/extract-schema.ts <path/to/pulumi-talos-<version>.schema.json> [out.json]
 *
 * The subset keeps the *same JSON shape* as the full schema (so one checker can read
 * either file) but only for the tokens this package binds, and only the facts the
 * conformance test needs: property names, `type`/`items`/`$ref`, `secret` flags,
 * required lists (incl. `language.nodejs.requiredInputs/requiredOutputs` overrides)
 * and every object type reachable through `$ref` from those tokens.
 * Descriptions, examples and other languages' metadata are dropped.
 */
import * as fs from "fs";
import * as path from "path";

/** Resource tokens bound by this package (all resources of the schema). */
export const RESOURCE_TOKENS = [
    "talos:cluster/kubeconfig:Kubeconfig",
    "talos:imageFactory/schematic:Schematic",
    "talos:machine/bootstrap:Bootstrap",
    "talos:machine/configurationApply:ConfigurationApply",
    "talos:machine/secrets:Secrets",
] as const;

/** Function (invoke) tokens bound by this package. */
export const FUNCTION_TOKENS = [
    "talos:client/getConfiguration:getConfiguration",
    "talos:cluster/getHealth:getHealth",
    "talos:cluster/getKubeconfig:getKubeconfig",
    "talos:imageFactory/getExtensionsVersions:getExtensionsVersions",
    "talos:imageFactory/getOverlaysVersions:getOverlaysVersions",
    "talos:imageFactory/getUrls:getUrls",
    "talos:imageFactory/getVersions:getVersions",
    "talos:machine/getConfiguration:getConfiguration",
    "talos:machine/getDisks:getDisks",
] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const REF_PREFIXES = ["#/types/", "#types/"];

/** `#/types/<tok>` (and the schema's occasional `#types/<tok>`) -> `<tok>`; otherwise undefined. */
export function refToken(ref: string): string | undefined {
    for (const p of REF_PREFIXES) {
        if (ref.startsWith(p)) {
            return ref.slice(p.length);
        }
    }
    return undefined;
}

function isObj(v: Json | undefined): v is Obj {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Keep only the type-describing keys of a property schema. */
function trimProperty(p: Json, refs: Set<string>): Obj {
    if (!isObj(p)) {
        throw new Error(`unexpected property schema ${JSON.stringify(p)}`);
    }
    const out: Obj = {};
    for (const k of ["type", "$ref", "secret"]) {
        if (p[k] !== undefined) {
            out[k] = p[k];
        }
    }
    if (typeof p.$ref === "string") {
        const tok = refToken(p.$ref);
        if (tok) {
            refs.add(tok);
        }
    }
    if (p.items !== undefined) {
        out.items = trimProperty(p.items, refs);
    }
    if (p.additionalProperties !== undefined) {
        out.additionalProperties = trimProperty(p.additionalProperties, refs);
    }
    return out;
}

function trimProperties(props: Json | undefined, refs: Set<string>): Obj {
    const out: Obj = {};
    if (!isObj(props)) {
        return out;
    }
    for (const name of Object.keys(props).sort()) {
        out[name] = trimProperty(props[name], refs);
    }
    return out;
}

function copyList(src: Obj, key: string, dst: Obj): void {
    const v = src[key];
    if (Array.isArray(v)) {
        dst[key] = [...v].map(String).sort();
    }
}

function trimNodejsRequired(src: Obj, dst: Obj): void {
    const lang = src.language;
    if (isObj(lang) && isObj(lang.nodejs)) {
        const node: Obj = {};
        copyList(lang.nodejs, "requiredInputs", node);
        copyList(lang.nodejs, "requiredOutputs", node);
        if (Object.keys(node).length > 0) {
            dst.language = { nodejs: node };
        }
    }
}

export function extractSubset(schema: Obj, version: string): Obj {
    const refs = new Set<string>();
    const resources: Obj = {};
    const functions: Obj = {};
    const allResources = isObj(schema.resources) ? schema.resources : {};
    const allFunctions = isObj(schema.functions) ? schema.functions : {};
    const allTypes = isObj(schema.types) ? schema.types : {};

    for (const tok of RESOURCE_TOKENS) {
        const r = allResources[tok];
        if (!isObj(r)) {
            throw new Error(`resource ${tok} missing from schema`);
        }
        const out: Obj = {
            properties: trimProperties(r.properties, refs),
            inputProperties: trimProperties(r.inputProperties, refs),
        };
        copyList(r, "required", out);
        copyList(r, "requiredInputs", out);
        resources[tok] = out;
    }

    for (const tok of FUNCTION_TOKENS) {
        const f = allFunctions[tok];
        if (!isObj(f)) {
            throw new Error(`function ${tok} missing from schema`);
        }
        const out: Obj = {};
        for (const side of ["inputs", "outputs"]) {
            const s = f[side];
            const t: Obj = { properties: trimProperties(isObj(s) ? s.properties : undefined, refs) };
            if (isObj(s)) {
                copyList(s, "required", t);
            }
            out[side] = t;
        }
        functions[tok] = out;
    }

    const provider = isObj(schema.provider) ? schema.provider : {};
    const providerOut: Obj = {
        properties: trimProperties(provider.properties, refs),
        inputProperties: trimProperties(provider.inputProperties, refs),
    };
    copyList(provider, "required", providerOut);
    copyList(provider, "requiredInputs", providerOut);

    // Close over $ref'd object types (types may reference further types).
    const types: Obj = {};
    const queue = [...refs];
    while (queue.length > 0) {
        const tok = queue.shift() as string;
        if (types[tok] !== undefined) {
            continue;
        }
        const t = allTypes[tok];
        if (!isObj(t)) {
            throw new Error(`type ${tok} referenced but missing from schema`);
        }
        const nested = new Set<string>();
        const out: Obj = { type: t.type ?? "object", properties: trimProperties(t.properties, nested) };
        copyList(t, "required", out);
        trimNodejsRequired(t, out);
        types[tok] = out;
        queue.push(...nested);
    }
    const sortedTypes: Obj = {};
    for (const k of Object.keys(types).sort()) {
        sortedTypes[k] = types[k];
    }

    return {
        name: schema.name ?? null,
        version,
        pluginDownloadURL: schema.pluginDownloadURL ?? null,
        provider: providerOut,
        resources,
        functions,
        types: sortedTypes,
    };
}

/** Version from `--version X` or from a file name like `pulumi-talos-0.8.1.schema.json`. */
function versionFrom(file: string, explicit: string | undefined): string {
    if (explicit) {
        return explicit;
    }
    const m = /(\d+\.\d+\.\d+(?:[-+][\w.]+)?)\.schema\.json$/.exec(path.basename(file));
    if (!m) {
        throw new Error(`cannot infer version from ${file}; pass --version`);
    }
    return m[1];
}

function main(argv: string[]): void {
    const args = [...argv];
    let version: string | undefined;
    const vi = args.indexOf("--version");
    if (vi >= 0) {
        version = args[vi + 1];
        args.splice(vi, 2);
    }
    const [input, output = path.join(__dirname, "..", "schema-subset.json")] = args;
    if (!input) {
        console.error("usage: extract-schema.ts <full-schema.json> [out.json] [--version X]");
        process.exit(2);
    }
    const schema = JSON.parse(fs.readFileSync(input, "utf8")) as Obj;
    const subset = extractSubset(schema, versionFrom(input, version));
    fs.writeFileSync(output, JSON.stringify(subset, null, 2) + "\n");
    console.log(`wrote ${output}`);
}

if (require.main === module) {
    main(process.argv.slice(2));
}
