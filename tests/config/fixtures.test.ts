/**
 * Every invalid fixture names, in its first line, the exact key path its error must carry; every
 * valid fixture and every committed stack file must pass. Runs the same code path as
 * `npm run validate` (cli/validate.ts main), in-process for speed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatIssue } from "../../config/issues";
import { loadStack } from "../../cli/load-stack";
import { main as validateMain } from "../../cli/validate";
import { ROOT, expectedPath } from "../harness";

const invalidDir = path.join(ROOT, "tests/fixtures/invalid");
const validDir = path.join(ROOT, "tests/fixtures/valid");
const invalid = fs.readdirSync(invalidDir).filter((f) => f.endsWith(".yaml")).sort();
const valid = fs.readdirSync(validDir).filter((f) => f.endsWith(".yaml")).sort();
const stacks = fs.readdirSync(ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).sort();

function sink(): { write(s: string): boolean; text: string } {
    return {
        text: "",
        write(s: string) {
            this.text += s;
            return true;
        },
    };
}

describe("invalid fixtures", () => {
    it("cover at least 25 rules", () => {
        expect(invalid.length).toBeGreaterThanOrEqual(25);
    });

    it.each(invalid)("%s is rejected with its exact key path and value", (file) => {
        const full = path.join(invalidDir, file);
        const want = expectedPath(full);
        const loaded = loadStack({ file: full }, ROOT);
        expect(loaded.config).toBeUndefined();
        // One rule per fixture: exactly one finding, at the expected path.
        expect(loaded.errors.map((e) => e.path)).toEqual([want]);
        const hit = loaded.errors.find((e) => e.path === want)!;
        // The message leads with the key path, then the offending value.
        expect(formatIssue(hit).startsWith(`${want}: `)).toBe(true);

        const out = sink();
        const err = sink();
        expect(validateMain(["--file", full], out as never, err as never)).toBe(1);
        expect(err.text).toContain(want);
        expect(out.text).toBe("");
    });
});

describe("valid fixtures and committed stacks", () => {
    it.each([...valid.map((f) => path.join(validDir, f)), ...stacks.map((f) => path.join(ROOT, f))])("%s validates", (full) => {
        const loaded = loadStack({ file: full }, ROOT);
        expect(loaded.errors.map(formatIssue)).toEqual([]);
        const out = sink();
        expect(validateMain(["--file", full], out as never, sink() as never)).toBe(0);
        expect(out.text).toMatch(/^valid: /);
    });

    it("warns, without failing, on an even control-plane count and on offline nodes", () => {
        const even = loadStack({ file: path.join(validDir, "even-control-planes.yaml") }, ROOT);
        expect(even.errors).toEqual([]);
        expect(even.warnings.map(formatIssue)).toEqual([
            expect.stringContaining("homelab:nodes: 2 online control planes"),
            // The fixture names no disk or NIC: Talos' defaults are reported too.
            expect.stringContaining("have no installDisk"),
            expect.stringContaining("have no interface"),
        ]);
        const offline = loadStack({ file: path.join(validDir, "vlan-pools-offline-node.yaml") }, ROOT);
        expect(offline.errors).toEqual([]);
        expect(offline.warnings.filter((w) => !w.rule?.startsWith("talos-default-")).map((w) => w.path)).toEqual(["homelab:nodes[1].offline"]);
    });

    it("reports every error of a config at once", () => {
        const loaded = loadStack({ file: path.join(invalidDir, "vip-in-pool.yaml") }, ROOT);
        // VIP-in-pool is reported from both sides: the VIP, and the pool entry holding it.
        expect(loaded.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["homelab:network.vip"]));
        expect(loaded.errors.length).toBeGreaterThanOrEqual(1);
    });

    it("prints machine-readable findings with --json", () => {
        const out = sink();
        expect(validateMain(["--file", path.join(invalidDir, "node-outside-cidr.yaml"), "--json"], out as never, sink() as never)).toBe(1);
        const report = JSON.parse(out.text) as { valid: boolean; errors: Array<Record<string, unknown>> };
        expect(report.valid).toBe(false);
        // Line 18, column 5 of the fixture is the `ip:` key of the second node.
        expect(report.errors).toEqual([
            {
                rule: "node-addresses",
                severity: "error",
                path: "homelab:nodes[1].ip",
                line: 18,
                column: 5,
                value: "10.0.1.5",
                message: "homelab:nodes[1].ip (10.0.1.5) is outside network.nodeCidr 10.0.0.0/24.",
            },
        ]);
    });

    it("never echoes a credential written in plain text", () => {
        const loaded = loadStack({ file: path.join(invalidDir, "plaintext-credential.yaml") }, ROOT);
        const text = loaded.errors.map(formatIssue).join("\n");
        expect(text).toContain("homelab:sshPrivateKey: [redacted] is stored in plain text");
        expect(text).not.toContain("BEGIN OPENSSH");
    });
});
