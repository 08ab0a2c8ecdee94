/** docs/stacks/<stack>.md must show what the program really builds: regenerate and compare. */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderAllPages, stackNames } from "../../cli/docs";
import { ROOT } from "../harness";

describe("per-stack docs", () => {
    it("exist for every stack, carry its diagram, and are up to date (run `npm run docs`)", async () => {
        const pages = await renderAllPages(ROOT);
        expect(Object.keys(pages).sort()).toEqual(["README.md", ...stackNames(ROOT).map((s) => `docs/stacks/${s}.md`)].sort());
        for (const [file, content] of Object.entries(pages)) {
            expect(content).toContain("```mermaid\nflowchart TB\n");
            const committed = fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), "utf8") : "(missing)";
            expect({ file, upToDate: committed === content }).toEqual({ file, upToDate: true });
        }
    });
});
