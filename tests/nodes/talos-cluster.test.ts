/**
 * Mock-engine tests of the Talos node layer: what the engine receives for the seed stack, roles,
 * offline nodes, a single-node cluster, change isolation, secretness and preview safety.
 */
import { parseAllDocuments } from "yaml";
import { talosArtifacts } from "../../cli/artifacts/talos";
import type { RunResult } from "../../cli/engine/run";
import { secretsOptions, TalosCluster, type TalosClusterArgs } from "../../components/nodes/talos-cluster";
import type { ClusterSpec } from "../../config/spec";
import { noPrerequisites } from "../../stacks/types";
import { baseConfig, everythingPrinted, ofType, ok, one, outputValue, readFixture, runComponent, runProgram, specFrom, type RawConfig } from "../harness";

const T = {
    secrets: "talos:machine/secrets:Secrets",
    schematic: "talos:imageFactory/schematic:Schematic",
    apply: "talos:machine/configurationApply:ConfigurationApply",
    bootstrap: "talos:machine/bootstrap:Bootstrap",
    kubeconfig: "talos:cluster/kubeconfig:Kubeconfig",
    getConfiguration: "talos:machine/getConfiguration:getConfiguration",
    clientConfiguration: "talos:client/getConfiguration:getConfiguration",
    getUrls: "talos:imageFactory/getUrls:getUrls",
    getHealth: "talos:cluster/getHealth:getHealth",
} as const;

/** Credentials the seed's other layers require; the Talos layer must never print them. */
const seedSecrets = { gitSshPrivateKey: "CANARY-ssh-key", infisicalClientId: "CANARY-id", infisicalClientSecret: "CANARY-secret", "cloudflare:apiToken": "CANARY-token" };
const seedRaw = readFixture("Pulumi.homelab.yaml").raw;

function argsFrom(spec: ClusterSpec): TalosClusterArgs {
    return {
        clusterName: spec.cluster.name,
        clusterEndpoint: spec.apiServerUrl,
        kubernetesVersion: spec.cluster.kubernetesVersion,
        talos: spec.cluster.talos!,
        network: spec.network,
        cni: spec.cni,
        nodes: spec.nodes,
        prerequisites: noPrerequisites,
    };
}

/** Runs one TalosCluster and hands back the instance for Output checks. */
async function runCluster(raw: RawConfig, preview: boolean): Promise<{ r: RunResult; cluster: TalosCluster }> {
    let cluster: TalosCluster | undefined;
    const r = ok(await runComponent(() => (cluster = new TalosCluster("lab", argsFrom(specFrom(raw)))), { preview }));
    return { r, cluster: cluster! };
}

const applyFor = (r: RunResult, ip: string) => ofType(r, T.apply).find((a) => a.inputs.node === ip)!;

describe("seed stack (Pulumi.homelab.yaml) in preview, as `plan` runs it", () => {
    let r: RunResult;
    beforeAll(async () => {
        r = ok(await runProgram(seedRaw, { secrets: seedSecrets }));
    });

    it("applies a configuration to each of the 8 online nodes, none depending on another", () => {
        const applies = ofType(r, T.apply);
        expect(applies.map((a) => a.inputs.node).sort()).toEqual(
            ["10.0.60.21", "10.0.60.22", "10.0.60.23", "10.0.60.25", "10.0.60.26", "10.0.60.27", "10.0.60.28", "10.0.60.29"],
        );
        const applyUrns = new Set(applies.map((a) => a.urn));
        for (const a of applies) {
            expect(a.dependencies.filter((d) => applyUrns.has(d))).toEqual([]);
            expect(a.parent).toBe(one(r, "homelab:nodes:TalosCluster").urn);
            expect(a.version).toBe("0.8.1");
            expect(a.pluginDownloadURL).toBe("github://api.github.com/pulumiverse");
        }
    });

    it("bootstraps once, on the first control plane, after its apply", () => {
        const boot = one(r, T.bootstrap);
        expect(boot.inputs.node).toBe("10.0.60.21");
        const applyUrns = ofType(r, T.apply).map((a) => a.urn);
        expect(boot.dependencies.filter((d) => applyUrns.includes(d))).toEqual([applyFor(r, "10.0.60.21").urn]);
        expect(one(r, T.kubeconfig).dependencies).toContain(boot.urn);
    });

    it("protects the one Secrets resource and pins its contract", () => {
        const s = one(r, T.secrets);
        expect(s.protect).toBe(true);
        expect(s.inputs).toEqual({ talosVersion: "v1.13" });
        expect(s.additionalSecretOutputs).toEqual(expect.arrayContaining(["machineSecrets", "clientConfiguration"]));
        expect(s.ignoreChanges).toEqual(["talosVersion"]);
        expect(ofType(r, T.secrets)).toHaveLength(1);
    });

    it("keeps every patch but the installer image known, and the installer image in its own slot", () => {
        for (const a of ofType(r, T.apply)) {
            const patches = a.inputs.configPatches as unknown[];
            expect(patches[1]).toBe("[unknown]");
            expect(patches.filter((p) => p === "[unknown]")).toHaveLength(1);
            expect(a.inputs.machineConfigurationInput).toBe("[unknown]");
        }
        expect(one(r, T.schematic).inputs.schematic).toContain("siderolabs/intel-ucode");
    });

    it("builds the Kubernetes provider under the cluster with the cluster name as identity", () => {
        const p = one(r, "pulumi:providers:kubernetes");
        expect(p.parent).toBe(one(r, "homelab:nodes:TalosCluster").urn);
        expect(p.inputs.clusterIdentifier).toBe("homelab");
    });

    it("does not run the health check or render configs while the secrets are unknown", () => {
        expect(r.invokes.map((i) => i.token)).not.toContain(T.getHealth);
        expect(r.invokes.map((i) => i.token)).not.toContain(T.getConfiguration);
    });

    it("warns about the two offline nodes and creates nothing for them", () => {
        const warnings = r.logs.filter((l) => l.severity === "warning").map((l) => l.message);
        expect(warnings).toEqual(expect.arrayContaining([expect.stringContaining("talos: node k8s-4 (10.0.60.24) is offline"), expect.stringContaining("talos: node k8s-10 (10.0.60.30) is offline")]));
        expect(JSON.stringify(ofType(r, T.apply).map((a) => a.inputs))).not.toMatch(/10\.0\.60\.(24|30)|k8s-4|k8s-10/);
    });

    it("writes talos/<node>.yaml for each online node", () => {
        const files = talosArtifacts({ resources: r.resources, spec: specFrom(seedRaw) });
        expect(files.map((f) => f.path)).toEqual(["k8s-1", "k8s-2", "k8s-3", "k8s-5", "k8s-6", "k8s-7", "k8s-8", "k8s-9"].map((n) => `talos/${n}.yaml`));
        const k8s1 = files[0].content;
        expect(k8s1).toContain("# unknown until apply: machine.install.image");
        const parsed = parseAllDocuments(k8s1).map((d) => d.toJS());
        expect(parsed).toContainEqual({ apiVersion: "v1alpha1", kind: "Layer2VIPConfig", name: "10.0.60.10", link: "eno1" });
        expect(parsed).toContainEqual({ apiVersion: "v1alpha1", kind: "HostnameConfig", auto: "off", hostname: "k8s-1" });
        expect(files[1].content).not.toContain("Layer2VIPConfig");
    });
});

describe("seed stack in an update (outputs known)", () => {
    let r: RunResult;
    beforeAll(async () => {
        r = ok(await runProgram(seedRaw, { secrets: seedSecrets, preview: false }));
    });

    it("renders one configuration per role from explicitly mapped secrets and applies the role's config", () => {
        const calls = r.invokes.filter((i) => i.token === T.getConfiguration);
        expect(calls.map((c) => c.plainArgs.machineType).sort()).toEqual(["controlplane", "worker"]);
        for (const c of calls) {
            expect(c.plainArgs).toMatchObject({ clusterName: "homelab", clusterEndpoint: "https://10.0.60.10:6443", kubernetesVersion: "1.36.3", talosVersion: "v1.13", docs: false, examples: false });
            expect(Object.keys(c.plainArgs.machineSecrets as object).sort()).toEqual(["certs", "cluster", "secrets", "trustdinfo"]);
            expect(c.version).toBe("0.8.1");
            expect(c.pluginDownloadURL).toBe("github://api.github.com/pulumiverse");
        }
        expect(String(applyFor(r, "10.0.60.21").plainInputs.machineConfigurationInput)).toContain("type: controlplane");
        expect(String(applyFor(r, "10.0.60.22").plainInputs.machineConfigurationInput)).toContain("type: worker");
    });

    it("puts the factory installer image for the schematic into every node's patches", () => {
        const schematicId = String(r.invokes.find((i) => i.token === T.getUrls)!.plainArgs.schematicId);
        expect(schematicId).toMatch(/^[0-9a-f]{64}$/);
        expect(r.invokes.filter((i) => i.token === T.getUrls).map((i) => i.plainArgs)).toEqual([
            { talosVersion: "v1.13.9", schematicId, platform: "metal", architecture: "amd64" },
        ]);
        for (const a of ofType(r, T.apply)) {
            expect((a.inputs.configPatches as string[])[1]).toBe(`machine:\n  install:\n    image: factory.talos.dev/metal-installer/${schematicId}:v1.13.9\n`);
        }
    });

    it("waits for health (without Kubernetes checks: the CNI comes later) and builds the talosconfig", () => {
        const health = r.invokes.filter((i) => i.token === T.getHealth);
        expect(health).toHaveLength(1);
        expect(health[0].plainArgs).toMatchObject({
            controlPlaneNodes: ["10.0.60.21", "10.0.60.23", "10.0.60.25"],
            endpoints: ["10.0.60.21", "10.0.60.23", "10.0.60.25"],
            skipKubernetesChecks: true,
        });
        // Workers are not waited for: one broken worker must not hold every later layer.
        expect(health[0].plainArgs.workerNodes).toBeUndefined();
        const tc = r.invokes.find((i) => i.token === T.clientConfiguration)!;
        expect(tc.plainArgs).toMatchObject({ clusterName: "homelab", endpoints: ["10.0.60.21", "10.0.60.23", "10.0.60.25"] });
        expect(tc.plainArgs.nodes).toHaveLength(8);
    });

    it("keeps credentials secret in every input and out of everything printed", () => {
        for (const a of ofType(r, T.apply)) {
            expect(a.inputs.clientConfiguration).toBe("[secret]");
            expect(a.inputs.machineConfigurationInput).toBe("[secret]");
        }
        for (const t of [T.bootstrap, T.kubeconfig]) expect(one(r, t).inputs.clientConfiguration).toBe("[secret]");
        expect(one(r, "pulumi:providers:kubernetes").inputs.kubeconfig).toBe("[secret]");
        const printed = everythingPrinted(r);
        const clientKey = (applyFor(r, "10.0.60.21").plainInputs.clientConfiguration as { clientKey: string }).clientKey;
        expect(clientKey.length).toBeGreaterThan(10);
        expect(printed).not.toContain(clientKey);
        expect(printed).not.toContain("CANARY");
        expect(printed).not.toContain("offline-placeholder:homelab-secrets");
        expect(printed).not.toContain("machine-token");
    });
});

describe("TalosCluster component", () => {
    it("imports an existing secrets.yaml into the protected Secrets only when asked (DR)", async () => {
        expect(secretsOptions({})).toEqual({ protect: true, ignoreChanges: ["talosVersion"] });
        expect(secretsOptions({ importSecrets: "./secrets.yaml" })).toEqual({ protect: true, ignoreChanges: ["talosVersion"], import: "./secrets.yaml" });
        const cfg = baseConfig("talos");
        cfg.cluster = { ...(cfg.cluster as object), talos: { importSecrets: "./secrets.yaml" } };
        expect(specFrom(cfg).cluster.talos?.importSecrets).toBe("./secrets.yaml");
        const { r } = await runCluster(cfg, true);
        expect(one(r, T.secrets).protect).toBe(true);
    });

    it("exposes kubeconfig, talosconfig and the derived secrets as secrets", async () => {
        const { r, cluster } = await runCluster(baseConfig("talos"), false);
        for (const o of [cluster.kubeconfig, cluster.talosconfig]) {
            const v = await outputValue(o);
            expect(v).toMatchObject({ known: true, secret: true });
            expect(String(v.value).length).toBeGreaterThan(20);
        }
        expect(String((await outputValue(cluster.talosconfig)).value)).toContain("10.0.0.11");
        expect(await outputValue(cluster.endpoint)).toEqual({ value: "https://10.0.0.10:6443", known: true, secret: false });
        expect((await outputValue(cluster.nodes)).value).toEqual([
            { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
            { name: "w1", role: "worker", ip: "10.0.0.21" },
        ]);
        // The component registers its outputs (the engine stores them as the component's state).
        expect(one(r, "homelab:nodes:TalosCluster").custom).toBe(false);
    });

    it("completes in preview with every computed value unknown", async () => {
        const { r, cluster } = await runCluster(baseConfig("talos"), true);
        expect(await outputValue(cluster.kubeconfig)).toMatchObject({ known: false });
        expect(await outputValue(cluster.talosconfig)).toMatchObject({ known: false });
        expect(ofType(r, T.apply)).toHaveLength(2);
    });

    it("gives control planes and workers their own role config, VIP and cluster patches", async () => {
        const { r } = await runCluster(baseConfig("talos"), false);
        const cp = applyFor(r, "10.0.0.11");
        const w = applyFor(r, "10.0.0.21");
        expect(String(cp.plainInputs.machineConfigurationInput)).toContain("type: controlplane");
        expect(String(w.plainInputs.machineConfigurationInput)).toContain("type: worker");
        const cpText = (cp.inputs.configPatches as string[]).join("---\n");
        const wText = (w.inputs.configPatches as string[]).join("---\n");
        expect(cpText).toContain("kind: Layer2VIPConfig");
        expect(cpText).toContain("allowSchedulingOnControlPlanes: true");
        expect(wText).not.toContain("Layer2VIPConfig");
        expect(wText).not.toContain("allowSchedulingOnControlPlanes");
        expect(wText).toContain("podSubnets");
    });

    it("skips offline nodes, and bootstraps the first ONLINE control plane", async () => {
        const cfg = baseConfig("talos");
        cfg.nodes = [
            { name: "cp0", role: "controlplane", ip: "10.0.0.12", offline: true },
            { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
            { name: "w1", role: "worker", ip: "10.0.0.21" },
            { name: "w2", role: "worker", ip: "10.0.0.22", offline: true },
        ];
        const { r } = await runCluster(cfg, false);
        expect(ofType(r, T.apply).map((a) => a.inputs.node).sort()).toEqual(["10.0.0.11", "10.0.0.21"]);
        expect(one(r, T.bootstrap).inputs.node).toBe("10.0.0.11");
        expect(r.logs.filter((l) => l.severity === "warning").map((l) => l.message)).toEqual([
            expect.stringContaining("node cp0 (10.0.0.12) is offline"),
            expect.stringContaining("node w2 (10.0.0.22) is offline"),
        ]);
        const health = r.invokes.find((i) => i.token === T.getHealth)!;
        expect(health.plainArgs.controlPlaneNodes).toEqual(["10.0.0.11"]);
        expect(health.plainArgs.workerNodes).toBeUndefined();
    });

    it("runs a single-node cluster (one control plane, no VIP, no workers)", async () => {
        const cfg: RawConfig = {
            cluster: { name: "solo", distribution: "talos", endpoint: "10.0.0.11" },
            network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1" },
            nodes: [{ name: "solo", role: "controlplane", ip: "10.0.0.11" }],
            cni: { provider: "builtin", kubeProxyReplacement: false },
        };
        const { r, cluster } = await runCluster(cfg, false);
        const apply = one(r, T.apply);
        expect(apply.inputs.node).toBe("10.0.0.11");
        expect((apply.inputs.configPatches as string[]).join("")).not.toContain("Layer2VIPConfig");
        expect(one(r, T.bootstrap).dependencies).toContain(apply.urn);
        expect(r.invokes.filter((i) => i.token === T.getConfiguration).map((i) => i.plainArgs.machineType)).toEqual(["controlplane"]);
        // Builtin CNI: flannel runs right away, so Kubernetes checks are part of the health wait.
        expect(r.invokes.find((i) => i.token === T.getHealth)!.plainArgs).toMatchObject({ skipKubernetesChecks: true, controlPlaneNodes: ["10.0.0.11"] });
        expect(String((await outputValue(cluster.talosconfig)).value)).toContain("10.0.0.11");
    });

    it("changes only the worker's inputs when a worker-only setting changes", async () => {
        const before = baseConfig("talos");
        const after = baseConfig("talos");
        after.nodes = [
            { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
            { name: "w1", role: "worker", ip: "10.0.0.21", installDisk: "/dev/nvme0n1", labels: { tier: "gpu" } },
        ];
        after.cluster = { ...(after.cluster as object), talos: { patches: { worker: ["machine:\n  sysctls:\n    vm.nr_hugepages: \"64\"\n"] } } };
        const [a, b] = [(await runCluster(before, false)).r, (await runCluster(after, false)).r];
        expect(applyFor(b, "10.0.0.11").plainInputs).toEqual(applyFor(a, "10.0.0.11").plainInputs);
        expect(one(b, T.bootstrap).plainInputs).toEqual(one(a, T.bootstrap).plainInputs);
        expect(one(b, T.schematic).plainInputs).toEqual(one(a, T.schematic).plainInputs);
        const cpConfig = (x: RunResult) => x.invokes.find((i) => i.token === T.getConfiguration && i.plainArgs.machineType === "controlplane")!.plainArgs;
        expect(cpConfig(b)).toEqual(cpConfig(a));
        expect(applyFor(b, "10.0.0.21").plainInputs.configPatches).not.toEqual(applyFor(a, "10.0.0.21").plainInputs.configPatches);
    });

    it("registers identical inputs for the same config (no timestamps or random names)", async () => {
        const [a, b] = [(await runCluster(baseConfig("talos"), true)).r, (await runCluster(baseConfig("talos"), true)).r];
        expect(b.resources.map((x) => [x.urn, x.inputs])).toEqual(a.resources.map((x) => [x.urn, x.inputs]));
    });

    it("looks up one installer image per architecture in use", async () => {
        const cfg = baseConfig("talos");
        cfg.nodes = [
            { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
            { name: "pi1", role: "worker", ip: "10.0.0.21", arch: "arm64" },
        ];
        const { r } = await runCluster(cfg, false);
        expect(r.invokes.filter((i) => i.token === T.getUrls).map((i) => i.plainArgs.architecture)).toEqual(["amd64", "arm64"]);
        // One installer URL per arch; the fake encodes the arch in nothing but the lookup, so
        // assert that each node's image patch came from a lookup (not a literal).
        expect((applyFor(r, "10.0.0.21").inputs.configPatches as string[])[1]).toContain("factory.talos.dev/metal-installer/");
    });
});

