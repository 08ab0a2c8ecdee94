/* eslint-disable @typescript-eslint/no-explicit-any -- schema and documents are free-form trees */
/**
 * The stable-identity patches (LinkAliasConfig by MAC, install disk selector) and every other
 * document a node receives, validated against the Talos 1.13 JSON schema in ../shared/schemas.
 * Runs with `npm run test:upstream` (the schema is outside the repository).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parseAllDocuments } from "yaml";
import { nodePatches } from "../../components/nodes/talos-patches";
import { ROOT } from "../harness";
import { stableIdentityFixture } from "../nodes/talos-fixtures";

const schemaPath = path.resolve(ROOT, "../shared/schemas/talos-config.schema.json");

describe("stable identity against the Talos 1.13 schema", () => {
    it("has the schema", () => {
        expect(fs.existsSync(schemaPath)).toBe(true);
    });
    const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(schema);
    const ref = (def: string) => ajv.getSchema(`${schema.$id}#/$defs/${def}`)!;
    const kindDef: Record<string, string> = {};
    for (const [k, v] of Object.entries<any>(schema.$defs)) if (v.properties?.kind?.enum?.length === 1) kindDef[v.properties.kind.enum[0]] = k;
    const validate = (doc: Record<string, any>) => {
        const checks: Array<[string, unknown]> = doc.kind ? [[kindDef[doc.kind], doc]] : [["v1alpha1.MachineConfig", doc.machine], ["v1alpha1.ClusterConfig", doc.cluster]];
        for (const [def, value] of checks) {
            if (value === undefined) continue;
            const v = ref(def);
            expect(v).toBeDefined();
            if (!v(value)) throw new Error(`${def}: ${ajv.errorsText(v.errors)}`);
        }
    };

    const { spec, ctx } = stableIdentityFixture();

    it("renders documents the schema accepts, for both nodes", () => {
        for (const node of spec.nodes) {
            for (const p of nodePatches(node, ctx)) for (const d of parseAllDocuments(p.yaml)) validate(d.toJS());
        }
    });

    it("the schema check can fail (a wrong selector key is rejected)", () => {
        expect(() => validate({ apiVersion: "v1alpha1", kind: "LinkAliasConfig", name: "lan0", selector: { mac: "00:1a:2b:3c:4d:5e" } })).toThrow();
    });
});

