/**
 * Pulumi.yaml declares the project's config keys (`pulumi config` shows their descriptions, and
 * `secret: true` makes Pulumi refuse a plain value). Every key the program reads must be there,
 * every credential marked secret, and nothing declared that the program no longer reads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { configKeys } from "../../config/schema";
import { secretKeys } from "../../config/secrets";
import { ROOT } from "../harness";

const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, { description?: string; secret?: boolean }> };

describe("Pulumi.yaml config declarations", () => {
    it("declares exactly the object keys and credentials the program reads", () => {
        expect(Object.keys(project.config).sort()).toEqual([...Object.keys(configKeys), ...secretKeys].sort());
    });

    it("marks every credential secret, and no object key", () => {
        for (const k of secretKeys) expect([k, project.config[k].secret]).toEqual([k, true]);
        for (const k of Object.keys(configKeys)) expect([k, project.config[k].secret ?? false]).toEqual([k, false]);
    });

    it("describes every key", () => {
        for (const [k, v] of Object.entries(project.config)) expect([k, (v.description ?? "").length > 10]).toEqual([k, true]);
    });
});
