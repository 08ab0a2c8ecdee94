// The local Talos binding against the full pulumi-talos 0.8.1 provider schema, which is project
// reference material outside the repository (../shared/reference). Not part of `npm test` (a
// plain clone has no ../shared); run with `npm run test:upstream`, which fails if it is missing.
import * as fs from "fs";
import * as path from "path";
import { extractSubset } from "../../sdks/talos/scripts/extract-schema";
import { PROVIDER_VERSION } from "../../sdks/talos/utilities";
import { describeConformance, FULL_SCHEMA_PATH, loadJson, Schema, SUBSET_PATH } from "../sdk/talos-sdk-helpers";

describe("the full provider schema", () => {
    it(`is present at ${FULL_SCHEMA_PATH} (set TALOS_FULL_SCHEMA to point elsewhere)`, () => {
        expect(fs.existsSync(FULL_SCHEMA_PATH)).toBe(true);
    });
});

const full = () => loadJson<Schema & Record<string, unknown>>(FULL_SCHEMA_PATH);

describeConformance(`the full provider schema (${path.basename(FULL_SCHEMA_PATH)})`, full);

describe("schema-subset.json is up to date with the full provider schema", () => {
    it("equals what scripts/extract-schema.ts extracts", () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the extractor takes the raw schema JSON
        expect(extractSubset(full() as any, PROVIDER_VERSION)).toEqual(loadJson<Schema>(SUBSET_PATH));
    });
});
