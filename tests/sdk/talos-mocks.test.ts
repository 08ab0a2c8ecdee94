// Mock-engine tests of the local @pulumiverse/talos binding: what the engine receives
// (type tokens, version, pluginDownloadURL, inputs, additionalSecretOutputs) and which
// outputs come back secret.
import * as pulumi from "@pulumi/pulumi";
import * as talos from "@pulumiverse/talos";
import { exported, fakeObject, infos, loadJson, Schema, SUBSET_PATH } from "./talos-sdk-helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc");

const schema = loadJson<Schema>(SUBSET_PATH);
const VERSION = "0.8.1";
const URL = "github://api.github.com/pulumiverse";

interface Registration {
    type: string;
    name: string;
    version: string;
    pluginDownloadURL: string;
    additionalSecretOutputs: string[];
    /** Inputs as serialized on the wire (secrets still wrapped in their signature objects). */
    wire: Record<string, any>;
}
interface Invocation { token: string; version: string; pluginDownloadURL: string; wire: Record<string, any> }

const registrations: Registration[] = [];
const invocations: Invocation[] = [];
const reads: { type: string; id: string }[] = [];
const unknownCalls: string[] = [];

function isWireSecret(v: unknown): boolean {
    return typeof v === "object" && v !== null && (v as any)[rpc.specialSigKey] === rpc.specialSecretSig;
}

function promiseOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => { resolve(v); return v; }));
}

beforeAll(async () => {
    await pulumi.runtime.setMocks({
        newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
            const spec = schema.resources[args.type];
            if (args.type === "pulumi:providers:talos") {
                return { id: `${args.name}-id`, state: args.inputs };
            }
            if (!spec) {
                throw new Error(`unexpected resource type ${args.type}`);
            }
            // Fake provider: echo inputs, fill every schema output.
            return { id: `${args.name}-id`, state: { ...fakeObject(schema, spec.properties ?? {}), ...args.inputs } };
        },
        call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
            const spec = schema.functions[args.token];
            if (!spec) {
                unknownCalls.push(args.token);
                throw new Error(`unknown invoke token ${args.token}`);
            }
            return { ...fakeObject(schema, spec.outputs?.properties ?? {}), ...args.inputs };
        },
    }, "project", "stack", false);

    // Record what the engine receives, and act like the engine for additionalSecretOutputs
    // (the real engine marks those outputs secret; the mock monitor does not).
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
        const secretNames: string[] = req.getAdditionalsecretoutputsList();
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            version: req.getVersion(),
            pluginDownloadURL: req.getPlugindownloadurl(),
            additionalSecretOutputs: secretNames,
            wire: req.getObject()?.toJavaScript() ?? {},
        });
        return register(req, (err: any, resp: any) => {
            if (!err && resp && secretNames.length > 0) {
                const struct = resp.getObject();
                const obj = struct.toJavaScript();
                for (const n of secretNames) {
                    if (n in obj && !isWireSecret(obj[n])) {
                        obj[n] = { [rpc.specialSigKey]: rpc.specialSecretSig, value: obj[n] };
                    }
                }
                resp.setObject(struct.constructor.fromJavaScript(obj));
            }
            callback(err, resp);
        });
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req: any, callback: (err: any, resp: any) => void) => {
        invocations.push({
            token: req.getTok(),
            version: req.getVersion(),
            pluginDownloadURL: req.getPlugindownloadurl(),
            wire: req.getArgs()?.toJavaScript() ?? {},
        });
        return invoke(req, callback);
    };
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, callback: (err: any, resp: any) => void) => {
        reads.push({ type: req.getType(), id: req.getId() });
        return read(req, callback);
    };
});

const resourceInfos = infos.filter((i) => i.kind === "resource");
const functionInfos = infos.filter((i) => i.kind === "function");

/** Secret outputs the project relies on, per resource (on top of the schema's own flags). */
const REQUIRED_SECRET_OUTPUTS: Record<string, string[]> = {
    "talos:machine/secrets:Secrets": ["machineSecrets", "clientConfiguration"],
    "talos:machine/configurationApply:ConfigurationApply":
        ["clientConfigurationWo", "machineConfiguration", "machineConfigurationInput", "machineConfigurationInputWo"],
    "talos:cluster/kubeconfig:Kubeconfig": ["kubeconfigRaw", "kubernetesClientConfiguration"],
    "talos:machine/bootstrap:Bootstrap": ["clientConfigurationWo"],
    "talos:imageFactory/schematic:Schematic": [],
};

describe.each(resourceInfos.map((i) => [i.token, i] as const))("resource %s", (token, info) => {
    const Cls = (() => {
        const { ns, name } = exported(token);
        return ns[name];
    })();
    const spec = schema.resources[token];
    const allInputs = () => fakeObject(schema, spec.inputProperties ?? {});

    it("registers with its token, version 0.8.1, the plugin URL, and exactly its inputs", async () => {
        const name = `all-${Cls.name}`;
        const res = new Cls(name, allInputs());
        await promiseOf(res.urn);
        const reg = registrations.find((r) => r.name === name);
        expect(reg).toBeDefined();
        expect(reg!.type).toBe(token);
        expect(reg!.version).toBe(VERSION);
        expect(reg!.pluginDownloadURL).toBe(URL);
        expect(Object.keys(reg!.wire).sort()).toEqual(Object.keys(info.inputs).sort());
        expect(Cls.isInstance(res)).toBe(true);
        expect(Cls.isInstance({})).toBe(false);
    });

    it("sets additionalSecretOutputs and wraps secret inputs in pulumi.secret", async () => {
        const name = `secret-${Cls.name}`;
        const res = new Cls(name, allInputs());
        await promiseOf(res.urn);
        const reg = registrations.find((r) => r.name === name)!;
        expect([...reg.additionalSecretOutputs].sort()).toEqual([...REQUIRED_SECRET_OUTPUTS[token]].sort());
        expect([...reg.additionalSecretOutputs].sort()).toEqual([...info.secretOutputs].sort());
        for (const n of Object.keys(info.inputs)) {
            expect([n, isWireSecret(reg.wire[n])]).toEqual([n, info.secretInputs.includes(n)]);
        }
    });

    it("exposes exactly the declared outputs, with the engine's values, secrets as secrets", async () => {
        const res = new Cls(`out-${Cls.name}`, allInputs());
        const outputKeys = Object.keys(res).filter((k) => pulumi.Output.isInstance(res[k]) && k !== "id" && k !== "urn");
        expect(outputKeys.sort()).toEqual(Object.keys(info.outputs).sort());
        expect(await promiseOf(res.id)).toBe(`out-${Cls.name}-id`);
        for (const n of Object.keys(info.outputs)) {
            expect(await promiseOf(res[n])).toBeDefined();
            expect([n, await pulumi.isSecret(res[n])]).toEqual([n, info.secretOutputs.includes(n)]);
        }
    });

    it("requires exactly the schema's required inputs", () => {
        for (const n of Object.keys(info.inputs).filter((k) => info.inputs[k])) {
            const args = allInputs();
            delete args[n];
            expect(() => new Cls(`missing-${n}-${Cls.name}`, args)).toThrow(`Missing required property '${n}'`);
        }
        const requiredOnly = Object.fromEntries(
            Object.entries(allInputs()).filter(([k]) => info.inputs[k]));
        expect(() => new Cls(`required-only-${Cls.name}`, requiredOnly)).not.toThrow();
    });

    it("static get() reads the existing resource by id with the same defaults", async () => {
        const res = Cls.get(`get-${Cls.name}`, "existing-id");
        expect(await promiseOf(res.id)).toBe("existing-id");
        expect(reads).toContainEqual({ type: token, id: "existing-id" });
    });
});

it("keeps caller options when merging the defaults (e.g. an explicit provider and dependsOn)", async () => {
    const prov = new talos.Provider("explicit", { imageFactoryUrl: "https://factory.example" });
    const dep = new talos.imagefactory.Schematic("dep");
    const sec = new talos.machine.Secrets("with-opts", { talosVersion: "v1.13" }, {
        provider: prov, dependsOn: [dep], additionalSecretOutputs: ["talosVersion"],
    });
    await promiseOf(sec.urn);
    const reg = registrations.find((r) => r.name === "with-opts")!;
    expect(reg.version).toBe(VERSION);
    expect(reg.pluginDownloadURL).toBe(URL);
    expect([...reg.additionalSecretOutputs].sort()).toEqual(["clientConfiguration", "machineSecrets", "talosVersion"]);
    const provReg = registrations.find((r) => r.name === "explicit")!;
    expect(provReg.type).toBe("pulumi:providers:talos");
    expect(provReg.version).toBe(VERSION);
    expect(provReg.pluginDownloadURL).toBe(URL);
    expect(provReg.wire).toEqual({ imageFactoryUrl: "https://factory.example" });
    expect(talos.Provider.isInstance(prov)).toBe(true);
});

describe.each(functionInfos.map((i) => [i.token, i] as const))("invoke %s", (token, info) => {
    const { ns, name } = exported(token);
    const spec = schema.functions[token];
    const allArgs = () => fakeObject(schema, spec.inputs?.properties ?? {});

    it(`${name}() sends exactly its args with version 0.8.1 and the plugin URL`, async () => {
        const before = invocations.length;
        const result = await ns[name](allArgs());
        const inv = invocations.slice(before).find((i) => i.token === token);
        expect(inv).toBeDefined();
        expect(inv!.version).toBe(VERSION);
        expect(inv!.pluginDownloadURL).toBe(URL);
        expect(Object.keys(inv!.wire).sort()).toEqual(Object.keys(info.inputs).sort());
        expect(Object.keys(result).sort()).toEqual(Object.keys(info.outputs).sort());
    });

    it(`${name}Output() sends the same and returns credential fields as secrets`, async () => {
        const before = invocations.length;
        const out: pulumi.Output<Record<string, unknown>> = ns[`${name}Output`](allArgs());
        const result = await promiseOf(out);
        const inv = invocations.slice(before).find((i) => i.token === token);
        expect(inv!.version).toBe(VERSION);
        expect(inv!.pluginDownloadURL).toBe(URL);
        expect(Object.keys(inv!.wire).sort()).toEqual(Object.keys(info.inputs).sort());
        expect(Object.keys(result).sort()).toEqual(Object.keys(info.outputs).sort());
        for (const n of info.secretOutputs) {
            expect([n, await pulumi.isSecret(out.apply((r) => r[n]))]).toEqual([n, true]);
        }
    });
});

describe("secret results the project relies on", () => {
    const clientConfiguration = { caCertificate: "ca", clientCertificate: "crt", clientKey: "key" };

    it("Kubeconfig.kubeconfigRaw, Secrets.machineSecrets, ConfigurationApply.machineConfiguration are secret", async () => {
        const s = new talos.machine.Secrets("sr-secrets");
        const k = new talos.cluster.Kubeconfig("sr-kubeconfig", { node: "10.0.0.1", clientConfiguration: s.clientConfiguration });
        const a = new talos.machine.ConfigurationApply("sr-apply", {
            node: "10.0.0.1", clientConfiguration: s.clientConfiguration, machineConfigurationInput: "machine: {}",
        });
        expect(await pulumi.isSecret(k.kubeconfigRaw)).toBe(true);
        expect(await pulumi.isSecret(s.machineSecrets)).toBe(true);
        expect(await pulumi.isSecret(s.clientConfiguration)).toBe(true);
        expect(await pulumi.isSecret(a.machineConfiguration)).toBe(true);
    });

    it("machine.getConfigurationOutput().machineConfiguration and client.getConfigurationOutput().talosConfig are secret", async () => {
        const s = new talos.machine.Secrets("sr-secrets-2");
        const mc = talos.machine.getConfigurationOutput({
            clusterName: "homelab", clusterEndpoint: "https://10.0.0.50:6443", machineType: "controlplane",
            machineSecrets: s.machineSecrets,
        });
        const tc = talos.client.getConfigurationOutput({ clusterName: "homelab", clientConfiguration });
        expect(await pulumi.isSecret(mc.machineConfiguration)).toBe(true);
        expect(await pulumi.isSecret(tc.talosConfig)).toBe(true);
        expect(await promiseOf(tc.talosConfig)).toBe("talosConfig-value");
        const urls = talos.imagefactory.getUrlsOutput({ talosVersion: "v1.13.9", schematicId: "abc", platform: "metal" });
        expect(await pulumi.isSecret(urls.urls)).toBe(false);
    });

    it("the call mock rejects unknown invoke tokens", async () => {
        await expect(pulumi.runtime.invoke("talos:machine/getNothing:getNothing", {})).rejects.toBeDefined();
        expect(unknownCalls).toEqual(["talos:machine/getNothing:getNothing"]);
    });
});
