/**
 * Security wording in the operator docs and stack files (docs/security.md, issue #18 item 9):
 * no passphrase in shell history, no claim that committed stack files hold no credentials, and
 * the Talos bootstrap warning.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../harness";

const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");
const docs = ["README.md", "Pulumi.yaml", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const stackFiles = fs.readdirSync(ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

describe("security wording", () => {
    it("never tells the operator to export the passphrase itself (it lands in shell history)", () => {
        for (const f of docs) expect({ f, hit: /^\s*export PULUMI_CONFIG_PASSPHRASE=/m.test(read(f)) }).toEqual({ f, hit: false });
    });

    it("stack files do not claim credentials are never in them: --secret stores them there, encrypted", () => {
        expect(stackFiles.length).toBeGreaterThanOrEqual(5);
        for (const f of stackFiles) {
            const header = read(f).split("\n").filter((l) => l.startsWith("#")).join("\n");
            expect({ f, claim: /never in this file/i.test(header) }).toEqual({ f, claim: false });
            expect({ f, says: /secure:/.test(header) }).toEqual({ f, says: true });
        }
    });

    it("the security page covers the threat model, the Talos bootstrap network and the owner's tasks", () => {
        const page = read("docs/security.md");
        for (const heading of ["## Threat model", "## What the program does", "## What you must do"]) expect(page).toContain(heading);
        expect(page).toMatch(/isolated VLAN/);
        expect(page).toMatch(/PULUMI_CONFIG_PASSPHRASE_FILE/);
        expect(read("docs/index.md")).toContain("(security.md)");
    });
});
