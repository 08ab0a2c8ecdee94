/** docs/stacks/<stack>.md must show what the program really builds: regenerate and compare. */
import * as fs from "node:fs";
import * as path from "node:path";
import { renderAllPages, stackNames } from "../../cli/docs";
import { ROOT } from "../harness";
import { textDiff } from "../text-diff";

describe("per-stack docs", () => {
    it("exist for every stack, carry its diagram, and are up to date (run `npm run docs`)", async () => {
        const pages = await renderAllPages(ROOT);
        expect(Object.keys(pages).sort()).toEqual(["README.md", ...stackNames(ROOT).map((s) => `docs/stacks/${s}.md`)].sort());
        const stale: string[] = [];
        for (const [file, content] of Object.entries(pages)) {
            expect(content).toContain("```mermaid\nflowchart TB\n");
            const committed = fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), "utf8") : "";
            const diff = textDiff(committed, content);
            if (diff) stale.push(`${file} is out of date (- committed, + what the program generates now):\n${diff}`);
        }
        // The failure message is the diff: review it; if the change is intended, run `npm run docs`.
        expect(stale.join("\n\n")).toBe("");
    });
});
