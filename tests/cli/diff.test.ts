/**
 * The offline plan diff (cli/diff) on two hand-written plans, tests/fixtures/plans/{base,head}:
 * a namespace removed and one added, a ConfigMap value changed, a Secret whose value alone changed
 * (different fingerprints, "[secret]" on both sides), a k3s install command whose config text
 * changed, a Deployment whose selector changed under replaceOnChanges, a Helm release changed only
 * under ignoreChanges, a pool renamed with an alias, and the matching plan files.
 */
import * as path from "node:path";
import { diffPlans, matchesAny, parsePropertyPath, countDiff } from "../../cli/diff/core";
import { readPlanDir } from "../../cli/diff/read";
import { cell, COMMENT_MARKER, renderMarkdown, renderText } from "../../cli/diff/render";
import { secretDigests, secureConfigOf } from "../../cli/diff/secrets";
import { EMPTY_PLAN, type PlanContents } from "../../cli/diff/types";
import { ROOT } from "../harness";

const FIX = path.join(ROOT, "tests/fixtures/plans");
const U = "urn:pulumi:test::homelab::";

describe("plan diff on fixture plans", () => {
    const base = readPlanDir(path.join(FIX, "base"));
    const head = readPlanDir(path.join(FIX, "head"));
    const d = diffPlans("test", base, head);
    const byName = (n: string) => d.resources.find((r) => r.name === n);

    it("lists added, removed, updated and replaced resources", () => {
        expect(d.resources.map((r) => [r.action, r.name])).toEqual([
            ["update", "settings"],
            ["update", "tunnel-token"],
            ["update", "test-n1-install"],
            ["replace", "web"],
            ["update", "lan-pool"],
            ["add", "ns-new"],
            ["remove", "ns-old"],
        ]);
        expect(countDiff(d)).toEqual({ add: 1, update: 4, replace: 1, remove: 1, files: 5 });
        expect(d.changed).toBe(true);
    });

    it("names each changed input with its old and new value", () => {
        expect(byName("settings")!.changes).toEqual([{ path: "data.level", kind: "changed", secret: false, before: "info", after: "debug", replaces: false, ignored: false }]);
    });

    it("reports a secret-only change as [secret] changed, with no value and no fingerprint anywhere", () => {
        expect(byName("tunnel-token")!.changes).toEqual([{ path: "stringData", kind: "changed", secret: true, replaces: false, ignored: false }]);
        // The SSH connection is secret too but its fingerprint did not change: not listed.
        expect(byName("test-n1-install")!.changes.map((c) => c.path)).toEqual(["stdin"]);
        for (const out of [renderText([d], "base"), renderMarkdown([d], "base")]) {
            expect(out).toContain("stringData: [secret] changed");
            expect(out).not.toContain("1111aaaa");
            expect(out).not.toContain("2222bbbb");
        }
    });

    it("predicts a replacement only from replaceOnChanges, and says which input forces it", () => {
        const web = byName("web")!;
        expect(web.changes.map((c) => [c.path, c.replaces])).toEqual([
            ["spec.replicas", false],
            ["spec.selector.matchLabels.app", true],
        ]);
        expect(renderText([d], "base")).toContain("spec.selector.matchLabels.app: \"web\" -> \"web-v2\"  (forces replacement)");
    });

    it("leaves out a resource that differs only under ignoreChanges, and notes it", () => {
        expect(byName("cilium")).toBeUndefined();
        expect(d.notes).toEqual(["1 resource(s) differ only in inputs under ignoreChanges; Pulumi will not update them"]);
    });

    it("matches a renamed resource through its alias instead of removing it", () => {
        expect(byName("lan-pool")).toMatchObject({ action: "update", previousUrn: `${U}kubernetes:metallb.io/v1beta1:IPAddressPool::pool-lan`, changes: [] });
        expect(byName("pool-lan")).toBeUndefined();
    });

    it("diffs a multi-line input as text", () => {
        const stdin = byName("test-n1-install")!.changes[0];
        expect(stdin.patch).toContain("+protect-kernel-defaults: true");
        expect(stdin.patch).toContain(" flannel-backend: none");
    });

    it("groups changed plan files by Talos node, k3s node, Helm release and manifest", () => {
        expect(d.files.map((f) => [f.group, f.subject, f.status])).toEqual([
            ["helm", "cilium", "changed"],
            ["k3s", "n1", "changed"],
            ["manifests", "Namespace__new", "added"],
            ["manifests", "Namespace__old", "removed"],
            ["talos", "n1", "changed"],
        ]);
        const talos = d.files.find((f) => f.group === "talos")!.patch;
        expect(talos).toContain("--- a/talos/n1.yaml");
        expect(talos).toContain("+  time:");
        expect(d.files.find((f) => f.group === "helm")!.patch).toContain("-version: 1.18.4\n+version: 1.18.5");
    });

    it("renders a text report per stack and a markdown comment with a marker and a collapsible section", () => {
        const text = renderText([d], "HEAD~1");
        expect(text).toContain("== test: 1 to add, 4 to update, 1 to replace, 1 to remove; 5 plan files changed");
        expect(text).toContain("    + kubernetes:core/v1:Namespace ns-new");
        expect(text).toContain("    - kubernetes:core/v1:Namespace ns-old");
        expect(text).toContain("  Talos patches per node:\n    changed n1 (talos/n1.yaml)");
        // The k3s config file changed exactly as the install command's stdin: shown once.
        expect(text).toContain("    changed n1 (k3s/n1/config.yaml): same change as test-n1-install stdin\n");
        expect(text.match(/\+protect-kernel-defaults: true/g)).toHaveLength(1);
        const md = renderMarkdown([d], "main");
        expect(md.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
        expect(md).toContain("| test | 1 | 4 | 1 | 1 | 5 |");
        expect(md).toContain("<details><summary><b>test</b>: 1 to add, 4 to update, 1 to replace, 1 to remove; 5 plan files changed</summary>");
        expect(md).toContain("| +- replace | kubernetes:apps/v1:Deployment | web |");
    });

    it("lists at most six changes in a markdown table row, then a count", () => {
        const values = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, i]));
        const b: PlanContents = { resources: [{ ...base.resources[2], inputs: { values } }], files: {} };
        const h: PlanContents = { resources: [{ ...base.resources[2], inputs: { values: { ...values, k0: 10, k1: 11, k2: 12, k3: 13, k4: 14, k5: 15, k6: 16, k7: 17 } } }], files: {} };
        const md = renderMarkdown([diffPlans("s", b, h)], "x");
        expect(md).toContain("values.k5: 5 -&gt; 15; and 2 more |");
        expect(md).not.toContain("values.k6");
    });

    it("keeps table cells from breaking the table, adding HTML or mentioning people", () => {
        expect(cell("a|b <b>x</b> @team\nnext")).toBe("a\\|b &lt;b&gt;x&lt;/b&gt; &#64;team next");
    });

    it("drops the text diffs and then cuts a comment that is too long", () => {
        const md = renderMarkdown([d], "main", 1500);
        expect(md.length).toBeLessThanOrEqual(1500);
        expect(md).toContain("The text diffs are left out");
        expect(md).not.toContain("```diff");
        const cut = renderMarkdown([d], "main", 600);
        expect(cut.length).toBeLessThanOrEqual(600);
        expect(cut).toContain("cut: the diff is longer");
    });
});

describe("plan diff edge cases", () => {
    const base = readPlanDir(path.join(FIX, "base"));

    it("finds no change between a plan and itself", () => {
        const d = diffPlans("same", base, base);
        expect(d).toMatchObject({ changed: false, resources: [], files: [], secretConfig: [], notes: [] });
        expect(renderText([d], "x")).toContain("== same: no changes");
        expect(renderMarkdown([d], "x")).toContain("<b>same</b>: no changes");
    });

    it("cannot see a secret change when a side has no fingerprints, and says so", () => {
        const { secretDigests: _, ...bare } = base;
        const head = readPlanDir(path.join(FIX, "head"));
        const d = diffPlans("test", bare as PlanContents, head);
        expect(d.resources.find((r) => r.name === "tunnel-token")).toBeUndefined();
        expect(d.notes[0]).toContain("secret inputs were not compared");
    });

    it("never shows the plain side of an input that became secret", () => {
        const b: PlanContents = { resources: [{ ...base.resources[2], inputs: { data: { password: "hunter22" } } }], files: {} };
        const h: PlanContents = { resources: [{ ...base.resources[2], inputs: { data: { password: "[secret]" } } }], files: {} };
        const d = diffPlans("s", b, h);
        expect(d.resources[0].changes).toEqual([{ path: "data.password", kind: "changed", secret: true, replaces: false, ignored: false }]);
        expect(renderText([d], "x")).not.toContain("hunter22");
    });

    it("reports every resource of a new stack as added and of a removed one as removed", () => {
        expect(countDiff(diffPlans("n", EMPTY_PLAN, base, { inBase: false, inHead: true }))).toMatchObject({ add: 8, remove: 0 });
        const gone = diffPlans("g", base, EMPTY_PLAN, { inBase: true, inHead: false });
        expect(countDiff(gone)).toMatchObject({ add: 0, remove: 8 });
        expect(renderText([gone], "x")).toContain("== g: stack removed, 8 resources to remove");
    });

    it("reports a changed stack-file ciphertext as [secret] changed without printing it", () => {
        const bs = secureConfigOf("config:\n  homelab:gitSshPrivateKey:\n    secure: v1:AAAA\n  homelab:other:\n    secure: v1:CCCC\n");
        const hs = secureConfigOf("config:\n  homelab:gitSshPrivateKey:\n    secure: v1:BBBB\n  homelab:other:\n    secure: v1:CCCC\n  homelab:cluster:\n    name: x\n");
        const d = diffPlans("s", { ...base, secureConfig: bs }, { ...base, secureConfig: hs });
        expect(d.secretConfig).toEqual([{ key: "homelab:gitSshPrivateKey", kind: "changed" }]);
        const text = renderText([d], "x");
        expect(text).toContain("homelab:gitSshPrivateKey: [secret] changed");
        expect(text).not.toContain("v1:AAAA");
        expect(text).not.toContain("v1:BBBB");
    });
});

describe("property paths of replaceOnChanges and ignoreChanges", () => {
    it("parses Pulumi's path syntax", () => {
        expect(parsePropertyPath('spec.containers[*].image')).toEqual(["spec", "containers", "*", "image"]);
        expect(parsePropertyPath('metadata.annotations["a.b/c"]')).toEqual(["metadata", "annotations", "a.b/c"]);
    });

    it("matches changes inside, and around, a listed property", () => {
        expect(matchesAny(["spec", "selector", "matchLabels", "app"], ["spec.selector"])).toBe(true);
        expect(matchesAny(["spec"], ["spec.selector"])).toBe(true);
        expect(matchesAny(["spec", "containers", "0", "image"], ["spec.containers[*].image"])).toBe(true);
        expect(matchesAny(["spec", "replicas"], ["spec.selector"])).toBe(false);
        expect(matchesAny(["anything"], ["*"])).toBe(true);
        expect(matchesAny(["a"], undefined)).toBe(false);
    });
});

describe("secret fingerprints", () => {
    const r = { urn: "u", inputs: { connection: "[secret]", list: ["a", "[secret]"], plain: "p" }, plainInputs: { connection: { host: "h", key: "K1" }, list: ["a", "S1"], plain: "p" } };
    const key = "ab".repeat(32);

    it("fingerprints each secret at the path the diff walks, not the value", () => {
        const d = secretDigests([r], key);
        expect(Object.keys(d.u).sort()).toEqual(["connection", "list[1]"]);
        expect(JSON.stringify(d)).not.toContain("K1");
        expect(JSON.stringify(d)).not.toContain("S1");
    });

    it("gives equal values equal fingerprints under one key only", () => {
        const changed = { ...r, plainInputs: { ...r.plainInputs, connection: { host: "h", key: "K2" } } };
        expect(secretDigests([r], key).u.connection).toBe(secretDigests([r], key).u.connection);
        expect(secretDigests([changed], key).u.connection).not.toBe(secretDigests([r], key).u.connection);
        expect(secretDigests([r], "cd".repeat(32)).u.connection).not.toBe(secretDigests([r], key).u.connection);
        expect(() => secretDigests([r], "ab")).toThrow("at least 16 bytes");
    });
});
