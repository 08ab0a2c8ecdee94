// Shared by tests/sdk/talos-*.test.ts: the binding's descriptors, and a checker that
// compares them with a Pulumi schema (the committed subset or the full provider schema).
import * as fs from "fs";
import * as path from "path";
import * as talos from "@pulumiverse/talos";
import { SchemaInfo, TypeInfo } from "../../sdks/talos/schemaInfo";
import { typeInfos } from "../../sdks/talos/types/schemaInfo";
import * as secrets from "../../sdks/talos/machine/secrets";
import * as configurationApply from "../../sdks/talos/machine/configurationApply";
import * as bootstrap from "../../sdks/talos/machine/bootstrap";
import * as machineGetConfiguration from "../../sdks/talos/machine/getConfiguration";
import * as getDisks from "../../sdks/talos/machine/getDisks";
import * as clientGetConfiguration from "../../sdks/talos/client/getConfiguration";
import * as kubeconfig from "../../sdks/talos/cluster/kubeconfig";
import * as getHealth from "../../sdks/talos/cluster/getHealth";
import * as getKubeconfig from "../../sdks/talos/cluster/getKubeconfig";
import * as schematic from "../../sdks/talos/imagefactory/schematic";
import * as getUrls from "../../sdks/talos/imagefactory/getUrls";
import * as getExtensionsVersions from "../../sdks/talos/imagefactory/getExtensionsVersions";
import * as getOverlaysVersions from "../../sdks/talos/imagefactory/getOverlaysVersions";
import * as getVersions from "../../sdks/talos/imagefactory/getVersions";
import * as provider from "../../sdks/talos/provider";

export { typeInfos };
export type { SchemaInfo, TypeInfo };

export const SDK_DIR = path.join(__dirname, "..", "..", "sdks", "talos");
export const SUBSET_PATH = path.join(SDK_DIR, "schema-subset.json");
/**
 * The full provider schema: project reference material outside the repository (`../shared`),
 * read only by `npm run test:upstream` (override with TALOS_FULL_SCHEMA).
 */
export const FULL_SCHEMA_PATH =
    process.env.TALOS_FULL_SCHEMA ?? path.join(__dirname, "..", "..", "..", "shared", "reference", "pulumi-talos-0.8.1.schema.json");

export const infos: SchemaInfo[] = [
    secrets, configurationApply, bootstrap, machineGetConfiguration, getDisks, clientGetConfiguration,
    kubeconfig, getHealth, getKubeconfig, schematic, getUrls, getExtensionsVersions, getOverlaysVersions,
    getVersions, provider,
].map((m) => m.__schemaInfo);

// ---------------------------------------------------------------------------------------------
// Minimal view of the schema JSON (same shape in the full schema and in schema-subset.json).

export interface Prop { type?: string; $ref?: string; secret?: boolean; items?: Prop; additionalProperties?: Prop }
type Props = Record<string, Prop>;
interface ResourceSpec { properties?: Props; inputProperties?: Props; required?: string[]; requiredInputs?: string[] }
interface FunctionSpec { inputs?: { properties?: Props; required?: string[] }; outputs?: { properties?: Props; required?: string[] } }
interface TypeSpec {
    properties?: Props; required?: string[];
    language?: { nodejs?: { requiredInputs?: string[]; requiredOutputs?: string[] } };
}
export interface Schema {
    name?: string; version?: string; pluginDownloadURL?: string;
    provider: ResourceSpec;
    resources: Record<string, ResourceSpec>;
    functions: Record<string, FunctionSpec>;
    types: Record<string, TypeSpec>;
}

export function loadJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

export function refToken(ref: string): string | undefined {
    for (const p of ["#/types/", "#types/"]) {
        if (ref.startsWith(p)) {
            return ref.slice(p.length);
        }
    }
    return undefined;
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const trueKeys = (r: Record<string, boolean>): string[] => sorted(Object.keys(r).filter((k) => r[k]));
const secretKeys = (p: Props | undefined): string[] => sorted(Object.keys(p ?? {}).filter((k) => p?.[k]?.secret));

function sameSet(problems: string[], what: string, declared: string[], schema: string[]): void {
    const d = new Set(declared);
    const s = new Set(schema);
    for (const x of d) {
        if (!s.has(x)) {
            problems.push(`${what}: declares '${x}', which the schema does not have`);
        }
    }
    for (const x of s) {
        if (!d.has(x)) {
            problems.push(`${what}: schema has '${x}', which the binding does not declare`);
        }
    }
}

function subset(problems: string[], what: string, declared: string[], mustInclude: string[]): void {
    for (const x of mustInclude) {
        if (!declared.includes(x)) {
            problems.push(`${what}: schema marks '${x}' secret but the binding does not`);
        }
    }
}

/** Object types reachable through $ref from the given properties. */
function reachableTypes(schema: Schema, props: Props[]): Set<string> {
    const seen = new Set<string>();
    const queue: Prop[] = props.flatMap((p) => Object.values(p));
    while (queue.length > 0) {
        const p = queue.pop() as Prop;
        if (p.items) queue.push(p.items);
        if (p.additionalProperties) queue.push(p.additionalProperties);
        const tok = p.$ref ? refToken(p.$ref) : undefined;
        if (tok && !seen.has(tok)) {
            seen.add(tok);
            queue.push(...Object.values(schema.types[tok]?.properties ?? {}));
        }
    }
    return seen;
}

/**
 * Every problem found comparing the binding's descriptors with `schema`. Empty = conformant.
 * Checks tokens, exact input/output property name sets, required flags, secret flags, and the
 * nested object types (names, required flags, and that every referenced type is bound).
 */
export function checkAgainstSchema(schema: Schema, declared: SchemaInfo[], types: TypeInfo[]): string[] {
    const problems: string[] = [];
    const inputSideProps: Props[] = [];
    const outputSideProps: Props[] = [];

    for (const info of declared) {
        const w = `${info.kind} ${info.token}`;
        if (info.kind === "function") {
            const f = schema.functions[info.token];
            if (!f) {
                problems.push(`${w}: unknown token`);
                continue;
            }
            const ins = f.inputs?.properties ?? {};
            const outs = f.outputs?.properties ?? {};
            inputSideProps.push(ins);
            outputSideProps.push(outs);
            sameSet(problems, `${w} inputs`, Object.keys(info.inputs), Object.keys(ins));
            sameSet(problems, `${w} required inputs`, trueKeys(info.inputs), f.inputs?.required ?? []);
            sameSet(problems, `${w} outputs`, Object.keys(info.outputs), Object.keys(outs));
            sameSet(problems, `${w} required outputs`, trueKeys(info.outputs), f.outputs?.required ?? []);
            sameSet(problems, `${w} secret inputs`, info.secretInputs, []);
            subset(problems, `${w} secret outputs`, info.secretOutputs, secretKeys(outs));
            sameSet(problems, `${w} secret outputs are outputs`, info.secretOutputs.filter((n) => n in outs), info.secretOutputs);
        } else {
            const r = info.kind === "provider"
                ? (info.token === "pulumi:providers:" + schema.name ? schema.provider : undefined)
                : schema.resources[info.token];
            if (!r) {
                problems.push(`${w}: unknown token`);
                continue;
            }
            const ins = r.inputProperties ?? {};
            const outs = r.properties ?? {};
            inputSideProps.push(ins);
            outputSideProps.push(outs);
            sameSet(problems, `${w} inputs`, Object.keys(info.inputs), Object.keys(ins));
            sameSet(problems, `${w} required inputs`, trueKeys(info.inputs), r.requiredInputs ?? []);
            sameSet(problems, `${w} outputs`, Object.keys(info.outputs), Object.keys(outs));
            sameSet(problems, `${w} required outputs`, trueKeys(info.outputs), r.required ?? []);
            sameSet(problems, `${w} secret inputs`, info.secretInputs, secretKeys(ins));
            subset(problems, `${w} secret outputs`, info.secretOutputs, secretKeys(outs));
            sameSet(problems, `${w} secret outputs are outputs`, info.secretOutputs.filter((n) => n in outs), info.secretOutputs);
        }
    }

    for (const t of types) {
        const w = `${t.side} type ${t.name} (${t.token})`;
        const spec = schema.types[t.token];
        if (!spec) {
            problems.push(`${w}: unknown type token`);
            continue;
        }
        const node = spec.language?.nodejs;
        const required = t.side === "input"
            ? node?.requiredInputs ?? spec.required ?? []
            : node?.requiredOutputs ?? spec.required ?? [];
        sameSet(problems, `${w} properties`, Object.keys(t.properties), Object.keys(spec.properties ?? {}));
        sameSet(problems, `${w} required`, trueKeys(t.properties), required);
    }

    // Every object type the bound inputs/outputs reference must have a TypeScript interface.
    for (const [side, props] of [["input", inputSideProps], ["output", outputSideProps]] as const) {
        const bound = new Set(types.filter((t) => t.side === side).map((t) => t.token));
        for (const tok of reachableTypes(schema, props)) {
            if (!bound.has(tok)) {
                problems.push(`${side} type ${tok} is referenced but has no interface in types/${side}.ts`);
            }
        }
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// Mapping tokens to the public API, the way the generated SDK lays it out:
// talos:<module>/<camelName>:<Name>  ->  talos.<module namespace>.<Name>

/** schema module -> exported namespace of the package. */
export const MODULE_NAMESPACE: Record<string, keyof typeof talos> = {
    client: "client",
    cluster: "cluster",
    imageFactory: "imagefactory",
    machine: "machine",
};

export function exported(token: string): { ns: Record<string, any>; name: string } {
    const [, modPath, name] = token.split(":");
    const mod = modPath.split("/")[0];
    const nsName = MODULE_NAMESPACE[mod];
    if (!nsName) {
        throw new Error(`no namespace for module ${mod}`);
    }
    return { ns: (talos as any)[nsName], name };
}

/** Fake but well-typed values for every property (recursively), for mocks. */
export function fakeValue(schema: Schema, p: Prop, name: string): unknown {
    if (p.$ref) {
        const tok = refToken(p.$ref);
        const t = tok ? schema.types[tok] : undefined;
        return t ? fakeObject(schema, t.properties ?? {}) : {};
    }
    switch (p.type) {
        case "string": return `${name}-value`;
        case "boolean": return true;
        case "integer":
        case "number": return 1;
        case "array": return [fakeValue(schema, p.items ?? { type: "string" }, name)];
        case "object": return {};
        default: return `${name}-value`;
    }
}

export function fakeObject(schema: Schema, props: Props): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(props)) {
        out[k] = fakeValue(schema, p, k);
    }
    return out;
}

/** Registers the conformance tests of the binding against `schema` (the subset, or the full schema upstream). */
export function describeConformance(label: string, schema: () => Schema): void {
    describe(`binding conforms to ${label}`, () => {
        it("declares only known tokens and exactly the schema's property names, required and secret flags", () => {
            expect(checkAgainstSchema(schema(), infos, typeInfos)).toEqual([]);
        });

        it("binds every resource and function of the schema", () => {
            const declared = new Set(infos.map((i) => i.token));
            for (const tok of [...Object.keys(schema().resources), ...Object.keys(schema().functions)]) {
                if (tok.startsWith("pulumi:providers:")) {
                    continue; // provider methods (terraformConfig) are bound on Provider itself
                }
                expect(declared).toContain(tok);
            }
        });
    });
}
