// Schema conformance of the local @pulumiverse/talos binding (sdks/talos) against the committed
// sdks/talos/schema-subset.json. The checks against the full provider schema, which lives outside
// the repository, are in tests/upstream/talos-full-schema.test.ts (`npm run test:upstream`).
import * as path from "path";
import * as talos from "@pulumiverse/talos";
import { FUNCTION_TOKENS, RESOURCE_TOKENS } from "../../sdks/talos/scripts/extract-schema";
import { PLUGIN_DOWNLOAD_URL, PROVIDER_VERSION } from "../../sdks/talos/utilities";
import {
    checkAgainstSchema, describeConformance, exported, infos, loadJson, MODULE_NAMESPACE, Schema, SchemaInfo,
    SDK_DIR, SUBSET_PATH, typeInfos,
} from "./talos-sdk-helpers";

const subset = loadJson<Schema>(SUBSET_PATH);

describeConformance("sdks/talos/schema-subset.json", () => subset);

describe("package identity", () => {
    it("subset, package.json and the option defaults agree on version and plugin URL", () => {
        const pkg = loadJson<{ name: string; version: string; pulumi: { version: string; server: string; name: string } }>(
            path.join(SDK_DIR, "package.json"));
        expect(pkg.name).toBe("@pulumiverse/talos");
        expect(subset.name).toBe("talos");
        expect(subset.version).toBe("0.8.1");
        expect(PROVIDER_VERSION).toBe(subset.version);
        expect(pkg.version).toBe(subset.version);
        expect(pkg.pulumi).toEqual({ resource: true, name: "talos", version: subset.version, server: subset.pluginDownloadURL });
        expect(PLUGIN_DOWNLOAD_URL).toBe(subset.pluginDownloadURL);
    });

    it("the subset covers exactly the tokens the extraction script lists", () => {
        expect(Object.keys(subset.resources).sort()).toEqual([...RESOURCE_TOKENS].sort());
        expect(Object.keys(subset.functions).sort()).toEqual([...FUNCTION_TOKENS].sort());
    });
});

describe("public API layout matches the generated SDK", () => {
    it("exposes each descriptor under talos.<module>.<Name> (and getXOutput for invokes)", () => {
        for (const info of infos) {
            if (info.kind === "provider") {
                expect(talos.Provider).toBeDefined();
                continue;
            }
            const { ns, name } = exported(info.token);
            if (info.kind === "resource") {
                expect(typeof ns[name]).toBe("function");
                expect(ns[name].__pulumiType).toBe(info.token);
            } else {
                expect(typeof ns[name]).toBe("function");
                expect(typeof ns[`${name}Output`]).toBe("function");
            }
        }
    });

    it("has a descriptor for every exported resource class and invoke", () => {
        const tokens = new Set(infos.map((i) => i.token));
        for (const [mod, nsName] of Object.entries(MODULE_NAMESPACE)) {
            const ns = (talos as any)[nsName] as Record<string, any>;
            for (const [name, value] of Object.entries(ns)) {
                if (typeof value !== "function") {
                    continue;
                }
                if (typeof value.__pulumiType === "string") {
                    expect(tokens).toContain(value.__pulumiType);
                } else if (name.startsWith("get")) {
                    const base = name.endsWith("Output") ? name.slice(0, -"Output".length) : name;
                    expect(tokens).toContain(`talos:${mod}/${base}:${base}`);
                } else {
                    throw new Error(`unexpected export ${nsName}.${name}`);
                }
            }
        }
    });

    it("keeps the module names of the published package", () => {
        expect(Object.keys(talos).sort()).toEqual(
            ["Provider", "client", "cluster", "config", "imagefactory", "imageFactory", "machine", "types"].sort());
    });
});

describe("the checker itself catches mistakes", () => {
    const mutate = (token: string, f: (i: SchemaInfo) => SchemaInfo): SchemaInfo[] =>
        infos.map((i) => (i.token === token ? f(JSON.parse(JSON.stringify(i)) as SchemaInfo) : i));
    const rename = (r: Record<string, boolean>, from: string, to: string): Record<string, boolean> => {
        const { [from]: v, ...rest } = r;
        return { ...rest, [to]: v };
    };

    it("flags a misspelled input", () => {
        const bad = mutate("talos:machine/configurationApply:ConfigurationApply",
            (i) => ({ ...i, inputs: rename(i.inputs, "configPatches", "configPatch") }));
        expect(checkAgainstSchema(subset, bad, typeInfos).join("\n")).toMatch(/declares 'configPatch'/);
    });

    it("flags a misspelled output", () => {
        const bad = mutate("talos:cluster/kubeconfig:Kubeconfig",
            (i) => ({ ...i, outputs: rename(i.outputs, "kubeconfigRaw", "kubeConfigRaw") }));
        expect(checkAgainstSchema(subset, bad, typeInfos).join("\n")).toMatch(/schema has 'kubeconfigRaw'/);
    });

    it("flags a required input declared optional", () => {
        const bad = mutate("talos:machine/getConfiguration:getConfiguration",
            (i) => ({ ...i, inputs: { ...i.inputs, machineType: false } }));
        expect(checkAgainstSchema(subset, bad, typeInfos).join("\n")).toMatch(/required inputs: schema has 'machineType'/);
    });

    it("flags an unknown token and a dropped secret flag", () => {
        const bad = mutate("talos:machine/bootstrap:Bootstrap",
            (i) => ({ ...i, token: "talos:machine/bootstrap:Bootstrapp" }));
        expect(checkAgainstSchema(subset, bad, typeInfos).join("\n")).toMatch(/Bootstrapp: unknown token/);
        const noSecret = mutate("talos:machine/configurationApply:ConfigurationApply",
            (i) => ({ ...i, secretOutputs: i.secretOutputs.filter((n) => n !== "machineConfiguration") }));
        expect(checkAgainstSchema(subset, noSecret, typeInfos).join("\n")).toMatch(/'machineConfiguration' secret/);
    });

    it("flags a misspelled nested type property", () => {
        const bad = typeInfos.map((t) => t.name === "machine.ClientConfiguration" && t.side === "input"
            ? { ...t, properties: rename(t.properties, "clientKey", "clientkey") } : t);
        expect(checkAgainstSchema(subset, infos, bad).join("\n")).toMatch(/declares 'clientkey'/);
    });
});
