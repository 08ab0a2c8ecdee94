/**
 * docs/config.md is generated from the zod schema (cli/config-reference.ts): the committed page
 * must equal a fresh render (the failure prints a line diff and the command to run), every key of
 * the schema must be on it, and keys added later appear without touching the generator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { CONFIG_DOC, renderConfigReference, rowsFor, schemaLiterals } from "../../cli/config-reference";
import { configKeys } from "../../config/schema";
import { shapeOf, unwrap } from "../../config/schema/walk";
import { ROOT } from "../harness";

/** A minimal line diff (longest common subsequence): `-` committed, `+` generated. */
function lineDiff(a: string[], b: string[]): string[] {
    const n = a.length;
    const m = b.length;
    const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] === b[j]) {
            i++;
            j++;
        } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
            out.push(`+${j + 1}: ${b[j++]}`);
        } else {
            out.push(`-${i + 1}: ${a[i++]}`);
        }
    }
    return out;
}

describe("docs/config.md", () => {
    const rendered = renderConfigReference(ROOT);

    it("is up to date (run `npm run docs:config`)", () => {
        const file = path.join(ROOT, CONFIG_DOC);
        const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        if (committed !== rendered) {
            const diff = lineDiff(committed.split("\n"), rendered.split("\n"));
            throw new Error(`${CONFIG_DOC} is stale: run \`npm run docs:config\` and commit it. Diff (- committed, + generated):\n${diff.slice(0, 80).join("\n")}${diff.length > 80 ? `\n... ${diff.length - 80} more lines` : ""}`);
        }
    });

    it("never lends one field's description to a same-named field of another object", () => {
        const row = (key: string) => rendered.split("\n").find((l) => l.startsWith(`| \`${key}\` |`)) ?? "";
        // localPath.path is documented; these `path` fields are other things entirely.
        for (const key of ["cluster.talos.etcdBackup.nfs.path", "cloudflare.tunnel.ingress[].path", "gitops.applicationSets[].path"]) {
            expect([key, row(key)]).toEqual([key, expect.not.stringContaining("Host directory for volumes")]);
        }
        expect(row("gitops.argocd.admin.enabled")).not.toContain("Turn this provider on");
        expect(row("storage.localPath.path")).toContain("Host directory for volumes");
    });

    it("lists every key of the schema, at every depth", () => {
        const missing: string[] = [];
        const walk = (prefix: string, s: z.ZodType) => {
            const shape = shapeOf(s);
            const def = (unwrap(s).inner as unknown as { _zod: { def: { type: string; element?: z.ZodType } } })._zod.def;
            if (def.type === "array" && def.element) return walk(`${prefix}[]`, def.element);
            for (const [k, v] of Object.entries(shape ?? {})) {
                if (!rendered.includes(`| \`${prefix}.${k}\` |`)) missing.push(`${prefix}.${k}`);
                walk(`${prefix}.${k}`, v);
            }
        };
        for (const [k, d] of Object.entries(configKeys)) {
            expect(rendered).toContain(`## \`homelab:${k}\``);
            walk(k, d.schema as unknown as z.ZodType);
        }
        expect(missing).toEqual([]);
    });

    it("takes descriptions from the JSDoc on the schema fields", () => {
        const source = fs.readFileSync(path.join(ROOT, "config/schema/cluster.ts"), "utf8");
        const doc = /\/\*\* (API server port\.) \*\/\s*\n\s*apiPort:/.exec(source)?.[1];
        expect(doc).toBe("API server port.");
        expect(rendered).toMatch(new RegExp(`\\| \`cluster\\.apiPort\` \\| integer \\(1-65535\\) \\| \`6443\` \\| ${doc!.replace(".", "\\.")} \\|`));
    });

    it("picks up a new key with its type, default and description without changes to the generator", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-ref-"));
        try {
            fs.writeFileSync(
                path.join(dir, "x.ts"),
                'export const x = z.strictObject({\n    /** How the machine config is applied. */\n    applyMode: z.enum(["auto", "reboot"]).default("auto"),\n    other: z.string(),\n});\n',
            );
            const schema = z.strictObject({ applyMode: z.enum(["auto", "reboot"]).default("auto"), other: z.string(), described: z.number().int().min(1).optional().describe("From describe().") });
            const rows = rowsFor("talos", schema, schemaLiterals(dir));
            expect(rows).toEqual([
                { key: "talos.applyMode", type: "`auto` \\| `reboot`", default: "`auto`", description: "How the machine config is applied." },
                { key: "talos.other", type: "string", default: "**required**", description: "" },
                { key: "talos.described", type: "integer (>= 1)", default: "unset", description: "From describe()." },
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("says which committed stacks set a key", () => {
        // Pulumi.homelab.yaml is the only stack that writes nodes[].installDisk (read from the file, not the generator).
        const users = fs.readdirSync(ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f) && /installDisk:/.test(fs.readFileSync(path.join(ROOT, f), "utf8"))).map((f) => f.slice(7, -5));
        const row = rendered.split("\n").find((l) => l.startsWith("| `nodes[].installDisk` |"))!;
        expect(row.endsWith(`| ${users.sort().join(", ")} |`)).toBe(true);
    });
});
