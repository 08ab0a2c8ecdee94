/**
 * The offline plan of every committed stack: file formats of the contract, no secret or
 * placeholder value in any output, and the npm scripts working as documented.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { plan, secretValues, summary, writePlan } from "../../cli/plan";
import type { RecordedResource } from "../../cli/engine/recorder";
import { ROOT } from "../harness";

const stacks = fs
    .readdirSync(ROOT)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();

describe.each(stacks)("plan of stack %s", (stack) => {
    let result: Awaited<ReturnType<typeof plan>>;
    beforeAll(async () => {
        result = await plan({ stack }, ROOT);
    });

    it("writes resources.json with exactly the contract's fields, lifecycle options included, for every registration", () => {
        const file = result.files.find((f) => f.path === "resources.json")!;
        const entries = JSON.parse(file.content) as Array<Record<string, unknown>>;
        expect(entries.length).toBe(result.run.resources.length);
        for (const e of entries) {
            expect(Object.keys(e).sort()).toEqual([
                "aliases", "custom", "customTimeouts", "deleteBeforeReplace", "dependencies", "ignoreChanges", "import", "inputs", "name", "parent",
                "protect", "provider", "replaceOnChanges", "retainOnDelete", "type", "urn",
            ]);
            expect(Object.keys(e.customTimeouts as object).sort()).toEqual(["create", "delete", "update"]);
        }
        expect(entries[0]).toMatchObject({ type: "pulumi:pulumi:Stack", name: `homelab-${stack}`, custom: false });
    });

    it("writes a Mermaid flowchart naming every online node", () => {
        const d = result.files.find((f) => f.path === "diagram.mmd")!.content;
        expect(d.startsWith("flowchart TB\n")).toBe(true);
        for (const n of result.spec.nodes) expect(d).toContain(`${n.name}<br/>${n.ip}`);
    });

    it("never writes a placeholder or secret value, and says which credentials were placeholders", () => {
        const all = result.files.map((f) => f.content).join("\n") + summary(result, "out");
        expect(all).not.toContain("plan-placeholder(");
        for (const p of result.placeholders) expect(summary(result, "out")).toContain(p);
    });

    it("writes valid YAML (single or multi-document) for every yaml file", () => {
        for (const f of result.files.filter((x) => x.path.endsWith(".yaml"))) {
            const docs = parseAllDocuments(f.content);
            const list = Array.isArray(docs) ? docs : [docs];
            expect(list.flatMap((d) => d.errors.map((e) => `${f.path}: ${e.message}`))).toEqual([]);
        }
    });
});

describe("the secret guard of plan", () => {
    it("lists every secret value except those the stack file holds in plain text", () => {
        const r = {
            inputs: { connection: "[secret]", other: "[secret]" },
            plainInputs: { connection: { host: "10.0.0.11", privateKey: "PRIVATE-KEY-CANARY" }, other: ["TOKEN-CANARY-1"] },
            secretPaths: ["connection", "other"],
        } as unknown as RecordedResource;
        const values = secretValues({ resources: [r] }, { "homelab:nodes": JSON.stringify([{ ip: "10.0.0.11" }]) });
        expect(values.sort()).toEqual(["PRIVATE-KEY-CANARY", "TOKEN-CANARY-1"]);
    });
});

describe("plan and validate from the command line", () => {
    const tsx = [require.resolve("tsx/cli")];

    it("npm run plan writes the files and a summary, and replaces an earlier plan", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        fs.mkdirSync(path.join(out, "helm"));
        fs.writeFileSync(path.join(out, "resources.json"), "[]");
        fs.writeFileSync(path.join(out, "helm", "stale.yaml"), "old");
        const r = spawnSync(process.execPath, [...tsx, "cli/plan.ts", "--stack", "homelab", "--out", out], { cwd: ROOT, encoding: "utf8" });
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/^plan: homelab \(talos\), \d+ resources registered/);
        expect(fs.existsSync(path.join(out, "resources.json"))).toBe(true);
        expect(fs.existsSync(path.join(out, "diagram.mmd"))).toBe(true);
        expect(fs.existsSync(path.join(out, "helm", "stale.yaml"))).toBe(false);
        fs.rmSync(out, { recursive: true, force: true });
    });

    it("refuses to write into a directory that is not a previous plan", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        fs.writeFileSync(path.join(out, "notes.txt"), "mine");
        expect(() => writePlan(out, [{ path: "resources.json", content: "[]" }])).toThrow("is not a previous plan");
        expect(fs.readFileSync(path.join(out, "notes.txt"), "utf8")).toBe("mine");
    });

    it("npm run validate exits non-zero and names the key for an invalid file", () => {
        const r = spawnSync(process.execPath, [...tsx, "cli/validate.ts", "--file", "tests/fixtures/invalid/node-outside-cidr.yaml"], { cwd: ROOT, encoding: "utf8" });
        expect(r.status).toBe(1);
        expect(r.stderr).toContain("homelab:nodes[1].ip: 10.0.1.5 is outside network.nodeCidr 10.0.0.0/24");
    });

    it("plan fails with the config errors for an invalid stack and writes nothing", async () => {
        await expect(plan({ file: path.join(ROOT, "tests/fixtures/invalid/duplicate-node-ip.yaml") }, ROOT)).rejects.toThrow("homelab:nodes[1].ip");
    });
});
