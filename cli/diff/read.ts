/** Reads a plan (a directory `npm run plan -- --out` wrote, or the files in memory) for the diff. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PlanFile } from "../artifacts/types";
import { NON_TEXT_FILES } from "./core";
import { DIGEST_FILE } from "./secrets";
import type { PlanContents, PlanEntry, SecretDigests } from "./types";

export function isPlanDir(dir: string): boolean {
    return fs.existsSync(path.join(dir, "resources.json"));
}

function parseResources(text: string, where: string): PlanEntry[] {
    const v = JSON.parse(text) as unknown;
    if (!Array.isArray(v) || v.some((e) => !e || typeof e !== "object" || typeof (e as PlanEntry).urn !== "string")) {
        throw new Error(`${where} is not a plan's resources.json (an array of { urn, type, name, inputs, ... })`);
    }
    return v as PlanEntry[];
}

/** The plan's files as the diff sees them. */
export function contentsFromFiles(files: readonly PlanFile[], extra: { secretDigests?: SecretDigests; secureConfig?: Record<string, string> } = {}): PlanContents {
    const res = files.find((f) => f.path === "resources.json");
    if (!res) throw new Error("the plan has no resources.json");
    const rest = Object.fromEntries(files.filter((f) => !NON_TEXT_FILES.has(f.path)).map((f) => [f.path, f.content]));
    return { resources: parseResources(res.content, "resources.json"), files: rest, ...extra };
}

function listFiles(root: string, rel = ""): string[] {
    return fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
        const p = rel ? `${rel}/${e.name}` : e.name;
        return e.isDirectory() ? listFiles(root, p) : e.isFile() ? [p] : [];
    });
}

/** A plan directory; its secret-digests.json is read when present (see secrets.ts). */
export function readPlanDir(dir: string, secureConfig?: Record<string, string>): PlanContents {
    if (!isPlanDir(dir)) throw new Error(`${dir} is not a plan directory (no resources.json)`);
    const files = listFiles(dir).map((p) => ({ path: p, content: fs.readFileSync(path.join(dir, p), "utf8") }));
    const digestFile = files.find((f) => f.path === DIGEST_FILE);
    const secretDigests = digestFile ? (JSON.parse(digestFile.content) as SecretDigests) : undefined;
    return contentsFromFiles(files, { ...(secretDigests ? { secretDigests } : {}), ...(secureConfig ? { secureConfig } : {}) });
}
