/** diffRecordings: the pure diff behind the update tables (tests/stacks/updates.test.ts). */
import { changedPaths, diffRecordings, replaceReason } from "../../cli/contract/update-diff";
import type { RecordedResource } from "../../cli/engine/recorder";

function res(name: string, type: string, plainInputs: Record<string, unknown>, o: Partial<RecordedResource> = {}): RecordedResource {
    return {
        urn: `urn:pulumi:s::p::${type}::${name}`, type, name, custom: true, parent: "", provider: "", dependencies: [], propertyDependencies: {},
        protect: false, retainOnDelete: false, ignoreChanges: [], aliases: [], importId: "", replaceOnChanges: [], deleteBeforeReplace: false,
        customTimeouts: { create: "", update: "", delete: "" }, additionalSecretOutputs: [], version: "", pluginDownloadURL: "",
        inputs: {}, plainInputs, secretPaths: [], ...o,
    };
}

describe("changedPaths", () => {
    it("lists leaf paths that differ, arrays by index, added and removed keys included", () => {
        expect(changedPaths({ a: 1, b: { c: [1, 2], d: "x" } }, { a: 1, b: { c: [1, 3], e: "y" } })).toEqual(["b.c.1", "b.d", "b.e"]);
        expect(changedPaths({ a: [1] }, { a: { 0: 1 } })).toEqual(["a"]);
        expect(changedPaths("x", "x")).toEqual([]);
    });
});

describe("diffRecordings", () => {
    const cmd = (name: string, create: string, o: Partial<RecordedResource> = {}) => res(name, "command:remote:Command", { create, triggers: [create] }, o);

    it("sorts URNs into added, removed, updated and replaced", () => {
        const before = [cmd("keep", "a"), cmd("gone", "a"), res("cm", "kubernetes:core/v1:ConfigMap", { metadata: { name: "x" }, data: { k: "1" } }), cmd("bump", "v1")];
        const after = [cmd("keep", "a"), cmd("new", "a"), res("cm", "kubernetes:core/v1:ConfigMap", { metadata: { name: "x" }, data: { k: "2" } }), cmd("bump", "v2")];
        const d = diffRecordings(before, after);
        expect(d).toEqual({
            added: ["urn:pulumi:s::p::command:remote:Command::new"],
            removed: ["urn:pulumi:s::p::command:remote:Command::gone"],
            updated: ["urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::cm"],
            replaced: ["urn:pulumi:s::p::command:remote:Command::bump"],
            changedPaths: {
                "urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::cm": ["data.k"],
                "urn:pulumi:s::p::command:remote:Command::bump": ["create", "triggers.0"],
            },
        });
    });

    it("ignores ignoreChanges paths, honours replaceOnChanges, and follows aliases", () => {
        const t = "test:index:R";
        const before = [res("a", t, { x: 1, y: 1 }), res("b", t, { spec: { size: 1 } }), res("old", t, { z: 1 })];
        const after = [
            res("a", t, { x: 2, y: 1 }, { ignoreChanges: ["x"] }),
            res("b", t, { spec: { size: 2 } }, { replaceOnChanges: ["spec.size"] }),
            res("renamed", t, { z: 1 }, { aliases: ["urn:pulumi:s::p::test:index:R::old"] }),
        ];
        expect(diffRecordings(before, after)).toEqual({ added: [], removed: [], updated: [], replaced: [`urn:pulumi:s::p::${t}::b`], changedPaths: { [`urn:pulumi:s::p::${t}::b`]: ["spec.size"] } });
    });

    it("replaces on a change of explicit provider, or of a Kubernetes object's name", () => {
        const cm = (name: string, provider: string) => res("cm", "kubernetes:core/v1:ConfigMap", { metadata: { name } }, { provider });
        expect(diffRecordings([cm("x", "urn:k8s-a")], [cm("x", "urn:k8s-b")]).replaced).toEqual(["urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::cm"]);
        expect(diffRecordings([cm("x", "")], [cm("y", "")]).replaced).toEqual(["urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::cm"]);
    });

    it("knows which inputs replace per type", () => {
        expect(replaceReason({ type: "random:index/randomPassword:RandomPassword", replaceOnChanges: [] }, ["length"])).toBe(true);
        expect(replaceReason({ type: "command:remote:Command", replaceOnChanges: [] }, ["create"])).toBe(false);
        expect(replaceReason({ type: "command:remote:Command", replaceOnChanges: [] }, ["triggers.2"])).toBe(true);
        expect(replaceReason({ type: "kubernetes:helm.sh/v3:Release", replaceOnChanges: [] }, ["version", "values.a"])).toBe(false);
        expect(replaceReason({ type: "test:index:R", replaceOnChanges: ["items[*]"] }, ["items.3.name"])).toBe(true);
    });
});
