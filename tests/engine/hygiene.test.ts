/**
 * Test-suite hygiene the issue asked for, kept true by a test: `npm test` runs jest with --ci,
 * property tests have a fixed seed, and nothing in the default suite reads outside the repository.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../harness";

function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("test hygiene", () => {
    it("npm test runs jest --ci, and the upstream checks have their own script", () => {
        const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
        expect(scripts.test).toBe("jest --ci");
        expect(scripts["test:upstream"]).toBe("jest --ci -c jest.upstream.config.js");
    });

    it("the default jest config leaves tests/upstream out and seeds fast-check", () => {
        const cfg = require(path.join(ROOT, "jest.config.js")) as { testPathIgnorePatterns: string[]; setupFilesAfterEnv: string[] };
        expect(cfg.testPathIgnorePatterns).toContain("<rootDir>/tests/upstream/");
        expect(cfg.setupFilesAfterEnv).toEqual(["<rootDir>/tests/setup/fast-check.ts"]);
    });

    it("no test outside tests/upstream reads the reference folder outside the repository", () => {
        const offenders = files(path.join(ROOT, "tests"))
            .filter((f) => f.endsWith(".ts") && !f.includes(`${path.sep}upstream${path.sep}`) && !f.endsWith("hygiene.test.ts"))
            .filter((f) => {
                const text = fs.readFileSync(f, "utf8");
                // The helper defines FULL_SCHEMA_PATH for tests/upstream; anyone else using it, or a
                // literal path into ../shared, would make a plain clone count different tests.
                const uses = f.endsWith("talos-sdk-helpers.ts") ? false : /\bFULL_SCHEMA_PATH\b/.test(text);
                return uses || /["'`/]shared\/(reference|schemas|seeds)|\/work\/shared/.test(text.replace(/FULL_SCHEMA_PATH =[\s\S]*?;/, ""));
            })
            .map((f) => path.relative(ROOT, f));
        expect(offenders).toEqual([]);
    });
});
