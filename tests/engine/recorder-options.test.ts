/**
 * The recorder keeps every lifecycle option as the engine receives it, under the URN the engine
 * gives the resource, and resolves aliases the way the engine does.
 */
import * as pulumi from "@pulumi/pulumi";
import { makeUrn, parseUrn, resolveAliases } from "../../cli/engine/recorder";
import { resourceEntry } from "../../cli/artifacts/resources";
import { ok, one, runComponent } from "../harness";

class Res extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super(type, name, props, opts);
    }
}

const U = (qualifiedType: string, name: string) => `urn:pulumi:test::homelab::${qualifiedType}::${name}`;

describe("recorded lifecycle options", () => {
    it("records import, retainOnDelete, ignoreChanges, replaceOnChanges, deleteBeforeReplace and customTimeouts", async () => {
        const r = ok(
            await runComponent(() => {
                const parent = new pulumi.ComponentResource("homelab:test:Parent", "p", {});
                new Res("test:index:A", "p-a", { x: 1 }, {
                    parent,
                    import: "existing-id-42",
                    retainOnDelete: true,
                    ignoreChanges: ["x"],
                    replaceOnChanges: ["spec.size", "name"],
                    deleteBeforeReplace: true,
                    customTimeouts: { create: "5m", delete: "30s" },
                });
                new Res("test:index:B", "plain", {});
            }),
        );
        const a = one(r, "test:index:A");
        expect(a).toMatchObject({
            importId: "existing-id-42",
            retainOnDelete: true,
            ignoreChanges: ["x"],
            replaceOnChanges: ["spec.size", "name"],
            deleteBeforeReplace: true,
            customTimeouts: { create: "5m", update: "", delete: "30s" },
            aliases: [],
        });
        expect(one(r, "test:index:B")).toMatchObject({
            importId: "", retainOnDelete: false, ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false,
            customTimeouts: { create: "", update: "", delete: "" }, aliases: [],
        });
    });

    it("writes every option into the resources.json entry", async () => {
        const r = ok(await runComponent(() => new Res("test:index:A", "a", {}, { import: "id-1", protect: true, customTimeouts: { update: "1m" } })));
        expect(resourceEntry(one(r, "test:index:A"))).toEqual({
            urn: U("test:index:A", "a"), type: "test:index:A", name: "a", custom: true, parent: expect.stringContaining("pulumi:pulumi:Stack"),
            provider: "", dependencies: [], protect: true, retainOnDelete: false, aliases: [], import: "id-1", ignoreChanges: [],
            replaceOnChanges: [], deleteBeforeReplace: false, customTimeouts: { create: "", update: "1m", delete: "" }, inputs: {},
        });
    });

    it("resolves alias specs and inherited parent aliases to the old URNs", async () => {
        const r = ok(
            await runComponent(() => {
                // The component `home` was called `homelab`; its child follows the `${name}-x` convention.
                const parent = new pulumi.ComponentResource("homelab:test:Parent", "home", {}, { aliases: [{ name: "homelab" }] });
                new Res("test:index:A", "home-secrets", {}, { parent });
                new Res("test:index:B", "home-token", {}, { parent, aliases: [{ name: "old-token" }] });
                new Res("test:index:C", "moved", {}, { aliases: [{ parent: pulumi.rootStackResource, name: "was-top" }, "urn:pulumi:test::homelab::test:index:C::literal"] });
            }),
        );
        expect(one(r, "homelab:test:Parent").aliases).toEqual([U("homelab:test:Parent", "homelab")]);
        expect(one(r, "test:index:A").aliases).toEqual([U("homelab:test:Parent$test:index:A", "homelab-secrets")]);
        expect(one(r, "test:index:B").aliases.sort()).toEqual([
            U("homelab:test:Parent$test:index:B", "homelab-token"),
            U("homelab:test:Parent$test:index:B", "old-token"),
        ]);
        expect(one(r, "test:index:C").aliases.sort()).toEqual([U("test:index:C", "literal"), U("test:index:C", "was-top")]);
    });

    it("gives a grandchild the engine's URN (full parent type chain), unlike the mock monitor", async () => {
        const r = ok(
            await runComponent(() => {
                const outer = new pulumi.ComponentResource("homelab:test:Outer", "o", {});
                const inner = new pulumi.ComponentResource("homelab:test:Inner", "o-i", {}, { parent: outer });
                const sib = new Res("test:index:Sib", "o-i-sib", {}, { parent: inner });
                new Res("test:index:Leaf", "o-i-leaf", { fromSib: sib.id }, { parent: inner });
            }),
        );
        const leaf = one(r, "test:index:Leaf");
        expect(leaf.urn).toBe(U("homelab:test:Outer$homelab:test:Inner$test:index:Leaf", "o-i-leaf"));
        expect(leaf.parent).toBe(U("homelab:test:Outer$homelab:test:Inner", "o-i"));
        expect(leaf.dependencies).toEqual([U("homelab:test:Outer$homelab:test:Inner$test:index:Sib", "o-i-sib")]);
    });
});

describe("URN helpers", () => {
    it("parses and builds URNs, leaving the root stack out of the type chain", () => {
        const stackUrn = U("pulumi:pulumi:Stack", "homelab-test");
        expect(makeUrn("test", "homelab", stackUrn, "a:b:C", "n")).toBe(U("a:b:C", "n"));
        expect(makeUrn("test", "homelab", U("x:y:P", "p"), "a:b:C", "n::odd")).toBe(U("x:y:P$a:b:C", "n::odd"));
        expect(parseUrn(U("x:y:P$a:b:C", "n::odd"))).toEqual({ stack: "test", project: "homelab", qualifiedType: "x:y:P$a:b:C", type: "a:b:C", name: "n::odd" });
        expect(() => parseUrn("not-a-urn")).toThrow("not a URN: not-a-urn");
    });

    it("keeps a child's own name when it does not start with the parent's name", () => {
        const aliases = resolveAliases(
            { stack: "test", project: "homelab", type: "t:i:R", name: "fixed", parentUrn: U("x:y:P", "new") },
            [],
            [U("x:y:P", "old")],
        );
        expect(aliases).toEqual([U("x:y:P$t:i:R", "fixed")]);
    });
});
