/**
 * Every pin in config/versions.ts is seen by the Renovate regex managers in renovate.json (JS
 * and Renovate both take named groups), so no chart or image silently stops getting upgrades.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { charts, images } from "../../config/versions";
import { ROOT } from "../harness";

type Manager = { matchStrings: string[] };

describe("renovate.json", () => {
    it("matches every chart and image pin with its current version", () => {
        const source = fs.readFileSync(path.join(ROOT, "config/versions.ts"), "utf8");
        const managers = (JSON.parse(fs.readFileSync(path.join(ROOT, "renovate.json"), "utf8")) as { customManagers: Manager[] }).customManagers;
        const found = new Map<string, string>();
        for (const m of managers) {
            for (const re of m.matchStrings) {
                for (const hit of source.matchAll(new RegExp(re, "g"))) found.set(hit.groups!.depName, hit.groups!.currentValue);
            }
        }
        const expected = new Map<string, string>([
            ...Object.values(charts).map((c) => [c.chart, c.version] as [string, string]),
            ...Object.values(images).map((i) => [i.slice(0, i.lastIndexOf(":")), i.slice(i.lastIndexOf(":") + 1)] as [string, string]),
        ]);
        // Image depNames in the comments may leave out the docker.io/ registry.
        for (const [dep, version] of expected) {
            const hit = [...found.entries()].find(([d]) => d === dep || dep === `docker.io/${d}`);
            expect({ dep, version: hit?.[1] }).toEqual({ dep, version });
        }
        expect(found.size).toBe(expected.size);
    });
});
