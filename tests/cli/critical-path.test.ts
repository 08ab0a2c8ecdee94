import type { RecordedResource } from "../../cli/engine/recorder";
import { criticalPath } from "../../cli/artifacts/critical-path";

function res(name: string, type: string, deps: string[] = [], parent = "", custom = true): RecordedResource {
    return {
        urn: `urn:${name}`, type, name, custom, parent, provider: "", dependencies: deps.map((d) => `urn:${d}`), propertyDependencies: {},
        protect: false, retainOnDelete: false, ignoreChanges: [], additionalSecretOutputs: [], version: "", pluginDownloadURL: "",
        aliases: [], importId: "", replaceOnChanges: [], deleteBeforeReplace: false, customTimeouts: { create: "", update: "", delete: "" },
        inputs: {}, plainInputs: {}, secretPaths: [],
    };
}

describe("criticalPath", () => {
    it("follows the longest chain to the root Application, expanding component dependencies", () => {
        const r = [
            res("comp", "homelab:nodes:X", [], "", false),
            res("secrets", "talos:machine/secrets:Secrets", [], "urn:comp"),
            res("apply-1", "talos:machine/configurationApply:ConfigurationApply", ["secrets"], "urn:comp"),
            res("apply-2", "talos:machine/configurationApply:ConfigurationApply", ["secrets"], "urn:comp"),
            res("bootstrap", "talos:machine/bootstrap:Bootstrap", ["apply-1"], "urn:comp"),
            res("argocd", "kubernetes:helm.sh/v3:Release", ["comp"]),
            res("root", "kubernetes:argoproj.io/v1alpha1:Application", ["argocd"]),
            res("unrelated-long-1", "x:y:Z"),
            res("unrelated-long-2", "x:y:Z", ["unrelated-long-1"]),
            res("unrelated-long-3", "x:y:Z", ["unrelated-long-2"]),
            res("unrelated-long-4", "x:y:Z", ["unrelated-long-3"]),
            res("unrelated-long-5", "x:y:Z", ["unrelated-long-4"]),
            res("unrelated-long-6", "x:y:Z", ["unrelated-long-5"]),
        ];
        const cp = criticalPath(r);
        expect(cp.target).toBe("urn:root");
        expect(cp.path).toEqual(["urn:secrets", "urn:apply-1", "urn:bootstrap", "urn:argocd", "urn:root"]);
    });

    it("falls back to the longest chain overall without a root Application, and rejects cycles", () => {
        expect(criticalPath([res("a", "t:t:T"), res("b", "t:t:T", ["a"])]).length).toBe(2);
        expect(() => criticalPath([res("a", "t:t:T", ["b"]), res("b", "t:t:T", ["a"])])).toThrow("dependency cycle");
    });
});
