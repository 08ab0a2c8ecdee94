/** docs/troubleshooting.md lists every check id the preflight code can report. */
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../harness";

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("preflight docs", () => {
    const ids = new Set<string>();
    for (const f of sources(path.join(ROOT, "preflight"))) {
        for (const m of fs.readFileSync(f, "utf8").matchAll(/"((?:node|k3s|talos|longhorn|cluster)\.[a-z]+(?:-[a-z]+)*)"/g)) ids.add(m[1]);
    }
    it("finds the check ids in the code", () => {
        expect(ids.size).toBeGreaterThan(15);
        expect(ids).toContain("k3s.memory-cgroup");
    });
    it("troubleshooting has a row for each", () => {
        const doc = fs.readFileSync(path.join(ROOT, "docs", "troubleshooting.md"), "utf8");
        const missing = [...ids].filter((id) => !doc.includes(`| \`${id}\` |`));
        expect(missing).toEqual([]);
    });
});
