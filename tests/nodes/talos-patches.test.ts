/**
 * Pure-function tests of the Talos node layer: patch documents, schematic, secrets mapping and
 * the talos/<node>.yaml artifact writer. No engine involved.
 */
import { parseAllDocuments, parse } from "yaml";
import {
    clusterNetworkPatch,
    controlPlanePatch,
    hostnameConfig,
    installPatch,
    kubeletPatch,
    layer2VipConfig,
    linkConfig,
    nodePatches,
    resolverConfig,
    taintEntry,
    withInstallerImage,
    type TalosPatchContext,
} from "../../components/nodes/talos-patches";
import { architectures, renderSchematic, schematicInput, talosContract } from "../../components/nodes/talos-schematic";
import { toClientConfiguration, toMachineSecretsInput } from "../../components/nodes/talos-secrets-mapping";
import { talosArtifacts } from "../../cli/artifacts/talos";
import type { RecordedResource } from "../../cli/engine/recorder";
import type { ClusterSpec, NodeSpec } from "../../config/spec";
import { noPrerequisites } from "../../stacks/types";
import { baseConfig, readFixture, specFrom } from "../harness";

const seed = specFrom(readFixture("Pulumi.homelab.yaml").raw);
const ctxOf = (spec: ClusterSpec, prerequisites = noPrerequisites): TalosPatchContext => ({
    talos: spec.cluster.talos!,
    network: spec.network,
    cni: spec.cni,
    prerequisites,
});
const node = (spec: ClusterSpec, name: string): NodeSpec => spec.nodes.find((n) => n.name === name)!;
const docs = (yamls: string[]) => yamls.flatMap((y) => parseAllDocuments(y).map((d) => d.toJS()));

describe("seed patches (nuc-talos, Talos 1.13)", () => {
    const ctx = ctxOf(seed);

    it("renders the control-plane documents", () => {
        expect(nodePatches(node(seed, "k8s-1"), ctx).map((p) => `# ${p.name}\n${p.yaml}`).join("---\n")).toMatchSnapshot();
    });

    it("renders the worker documents", () => {
        expect(nodePatches(node(seed, "k8s-6"), ctx).map((p) => `# ${p.name}\n${p.yaml}`).join("---\n")).toMatchSnapshot();
    });

    it("gives control planes the VIP and cluster settings, and workers neither", () => {
        const cp = nodePatches(node(seed, "k8s-1"), ctx).map((p) => p.name);
        const w = nodePatches(node(seed, "k8s-2"), ctx).map((p) => p.name);
        expect(cp).toEqual(expect.arrayContaining(["vip", "controlplane"]));
        expect(w).not.toContain("vip");
        expect(w).not.toContain("controlplane");
        // Both roles agree on the pod/service ranges.
        expect(cp).toContain("cluster-network");
        expect(w).toContain("cluster-network");
    });

    it("uses only Talos 1.13 multi-doc kinds for network, time and hostname", () => {
        const all = docs(nodePatches(node(seed, "k8s-1"), ctx).map((p) => p.yaml));
        expect(all.filter((d) => d.kind).map((d) => d.kind).sort()).toEqual(
            ["HostnameConfig", "Layer2VIPConfig", "LinkConfig", "ResolverConfig", "TimeSyncConfig"],
        );
        for (const d of all.filter((x) => !x.kind)) {
            expect(d.machine?.network).toBeUndefined();
            expect(d.machine?.time).toBeUndefined();
            expect(d.machine?.install?.extensions).toBeUndefined();
        }
    });

    it("addresses each node from nodeCidr with the gateway as default route", () => {
        expect(linkConfig(node(seed, "k8s-8"), seed.network)).toEqual({
            apiVersion: "v1alpha1",
            kind: "LinkConfig",
            name: "eno1",
            up: true,
            mtu: 1500,
            addresses: [{ address: "10.0.60.28/24" }],
            routes: [{ gateway: "10.0.60.1" }],
        });
        expect(layer2VipConfig(node(seed, "k8s-3"), seed.network)).toEqual({ apiVersion: "v1alpha1", kind: "Layer2VIPConfig", name: "10.0.60.10", link: "eno1" });
    });

    it("installs to the node's disk and never wipes", () => {
        expect(installPatch(node(seed, "k8s-6"), seed.cluster.talos!)).toEqual({ machine: { install: { disk: "/dev/nvme0n1", wipe: false } } });
        expect(installPatch(node(seed, "k8s-1"), seed.cluster.talos!)).toEqual({ machine: { install: { disk: "/dev/nvme1n1", wipe: false } } });
    });

    it("turns automatic hostnames off when setting a static one", () => {
        expect(hostnameConfig(node(seed, "k8s-2"))).toEqual({ apiVersion: "v1alpha1", kind: "HostnameConfig", auto: "off", hostname: "k8s-2" });
    });

    it("hands CNI and kube-proxy to Cilium, keeps CoreDNS per config, routes aggregated APIs (seed) and opens metrics", () => {
        expect(controlPlanePatch(ctx)).toEqual({
            cluster: {
                allowSchedulingOnControlPlanes: true,
                network: { cni: { name: "none" } },
                proxy: { disabled: true },
                coreDNS: { disabled: false },
                apiServer: { extraArgs: { "enable-aggregator-routing": "true" } },
                etcd: { extraArgs: { "listen-metrics-urls": "http://0.0.0.0:2381" } },
                controllerManager: { extraArgs: { "bind-address": "0.0.0.0" } },
                scheduler: { extraArgs: { "bind-address": "0.0.0.0" } },
            },
        });
        expect(clusterNetworkPatch(seed.network)).toEqual({ cluster: { network: { podSubnets: ["10.42.0.0/16"], serviceSubnets: ["10.43.0.0/16"] } } });
    });
});

describe("patch variants", () => {
    const base = specFrom(baseConfig("talos"));

    it("keeps flannel and kube-proxy with the builtin CNI, and kube-proxy without kube-proxy replacement", () => {
        expect(controlPlanePatch({ talos: base.cluster.talos!, cni: { provider: "builtin", kubeProxyReplacement: true } }).cluster).not.toHaveProperty("network");
        const noKpr = controlPlanePatch({ talos: base.cluster.talos!, cni: { provider: "cilium", kubeProxyReplacement: false } }).cluster as Record<string, unknown>;
        expect(noKpr.network).toEqual({ cni: { name: "none" } });
        expect(noKpr).not.toHaveProperty("proxy");
        const names = nodePatches(node(base, "cp1"), { ...ctxOf(base), cni: { provider: "builtin", kubeProxyReplacement: false } }).map((p) => p.name);
        expect(names).not.toContain("host-dns");
    });

    it("keeps search domains when given, disables the default when empty", () => {
        expect(resolverConfig({ ...base.network, searchDomains: ["lan"] }).searchDomains).toEqual({ domains: ["lan"] });
        expect(resolverConfig(base.network).searchDomains).toEqual({ disableDefault: true });
    });

    it("honours a per-node interface and omits optional documents when unset", () => {
        const spec = specFrom({ ...baseConfig("talos"), nodes: [{ name: "cp1", role: "controlplane", ip: "10.0.0.11", interface: "enp3s0" }] });
        expect(linkConfig(node(spec, "cp1"), spec.network).name).toBe("enp3s0");
        expect(layer2VipConfig(node(spec, "cp1"), spec.network)?.link).toBe("enp3s0");
        const names = nodePatches(node(spec, "cp1"), ctxOf(spec)).map((p) => p.name);
        expect(names).not.toEqual(expect.arrayContaining(["cri"]));
        expect(names).not.toContain("sysctls");
        expect(names).not.toContain("kernel-modules");
        const noVip = specFrom({ ...baseConfig("talos"), cluster: { name: "t", distribution: "talos", endpoint: "10.0.0.11" }, network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1" } });
        expect(layer2VipConfig(node(noVip, "cp1"), noVip.network)).toBeUndefined();
    });

    it("renders labels, taints and prerequisites (mounts, modules) in the kubelet/kernel patches", () => {
        const spec = specFrom({
            ...baseConfig("talos"),
            nodes: [
                { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
                { name: "w1", role: "worker", ip: "10.0.0.21", labels: { zone: "b", "disk-type": "ssd" }, taints: ["gpu=true:NoSchedule", "dedicated:NoExecute"] },
            ],
        });
        const prereq = {
            ...noPrerequisites,
            talosKubeletMounts: [{ destination: "/var/lib/longhorn", type: "bind", source: "/var/lib/longhorn", options: ["bind", "rshared", "rw"] }],
            talosKernelModules: ["nbd", "nbd", "dm_thin_pool"],
        };
        expect(kubeletPatch(node(spec, "w1"), { network: spec.network, prerequisites: prereq })).toEqual({
            machine: {
                kubelet: {
                    extraConfig: { serializeImagePulls: false },
                    nodeIP: { validSubnets: ["10.0.0.0/24"] },
                    extraMounts: [{ destination: "/var/lib/longhorn", type: "bind", source: "/var/lib/longhorn", options: ["bind", "rshared", "rw"] }],
                },
                nodeLabels: { "disk-type": "ssd", zone: "b" },
                nodeTaints: { dedicated: ":NoExecute", gpu: "true:NoSchedule" },
            },
        });
        const all = docs(nodePatches(node(spec, "w1"), ctxOf(spec, prereq)).map((p) => p.yaml));
        expect(all).toContainEqual({ machine: { kernel: { modules: [{ name: "dm_thin_pool" }, { name: "nbd" }] } } });
        expect(taintEntry("a.b/c=:NoSchedule")).toEqual(["a.b/c", ":NoSchedule"]);
    });

    it("appends user patches last: all, then role, then node", () => {
        const spec = specFrom({
            ...baseConfig("talos"),
            cluster: {
                name: "test", distribution: "talos", endpoint: "10.0.0.10",
                talos: {
                    patches: {
                        all: ["machine:\n  env:\n    A: \"1\""],
                        controlplane: [{ cluster: { apiServer: { extraArgs: { "audit-log-maxage": "7" } } } }],
                        worker: ["machine:\n  env:\n    W: \"1\"\n"],
                        nodes: { w1: [{ machine: { nodeLabels: { special: "yes" } } }] },
                    },
                },
            },
        });
        const w = nodePatches(node(spec, "w1"), ctxOf(spec));
        expect(w.slice(-3).map((p) => parse(p.yaml))).toEqual([
            { machine: { env: { A: "1" } } },
            { machine: { env: { W: "1" } } },
            { machine: { nodeLabels: { special: "yes" } } },
        ]);
        const cp = nodePatches(node(spec, "cp1"), ctxOf(spec));
        expect(cp.slice(-2).map((p) => parse(p.yaml))).toEqual([
            { machine: { env: { A: "1" } } },
            { cluster: { apiServer: { extraArgs: { "audit-log-maxage": "7" } } } },
        ]);
    });

    it("is deterministic and places the installer image right after the install patch", () => {
        const a = nodePatches(node(seed, "k8s-1"), ctxOf(seed)).map((p) => p.yaml);
        const b = nodePatches(node(specFrom(readFixture("Pulumi.homelab.yaml").raw), "k8s-1"), ctxOf(seed)).map((p) => p.yaml);
        expect(a).toEqual(b);
        const withImage = withInstallerImage(a, "IMAGE");
        expect(withImage[0]).toBe(a[0]);
        expect(withImage[1]).toBe("IMAGE");
        expect(withImage.slice(2)).toEqual(a.slice(1));
    });
});

describe("schematic", () => {
    it("merges, sorts and dedupes extensions from config and prerequisites", () => {
        const input = schematicInput(
            { extensions: ["siderolabs/mei", "siderolabs/i915"], extraKernelArgs: ["net.ifnames=0", "net.ifnames=0"] },
            { talosExtensions: ["siderolabs/iscsi-tools", "siderolabs/i915"] },
        );
        expect(input).toEqual({ extensions: ["siderolabs/i915", "siderolabs/iscsi-tools", "siderolabs/mei"], extraKernelArgs: ["net.ifnames=0"] });
        expect(parse(renderSchematic(input))).toEqual({
            customization: {
                extraKernelArgs: ["net.ifnames=0"],
                systemExtensions: { officialExtensions: ["siderolabs/i915", "siderolabs/iscsi-tools", "siderolabs/mei"] },
            },
        });
    });

    it("renders the seed's schematic", () => {
        expect(renderSchematic(schematicInput(seed.cluster.talos!, noPrerequisites))).toBe(
            "customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/i915\n      - siderolabs/intel-ucode\n      - siderolabs/mei\n",
        );
    });

    it("derives the config contract and the architectures in use", () => {
        expect(talosContract({ version: "v1.13.9" })).toBe("v1.13");
        expect(talosContract({ version: "v1.13.9", configVersion: "v1.12" })).toBe("v1.12");
        expect(architectures([{ arch: "arm64" }, { arch: "amd64" }, { arch: "arm64" }])).toEqual(["amd64", "arm64"]);
    });
});

describe("machine secrets mapping (pulumiverse/pulumi-talos#103, #200)", () => {
    const full = {
        certs: {
            etcd: { cert: "etcd-c", key: "etcd-k" },
            k8s: { cert: "k8s-c", key: "k8s-k" },
            k8sAggregator: { cert: "agg-c", key: "agg-k" },
            k8sServiceaccount: { key: "sa-k" },
            os: { cert: "os-c", key: "os-k" },
        },
        cluster: { id: "cid", secret: "csecret" },
        secrets: { bootstrapToken: "bt", secretboxEncryptionSecret: "sb" },
        trustdinfo: { token: "tt" },
    };

    it("maps every field explicitly and drops anything else", () => {
        const noisy = { ...full, extra: "x", certs: { ...full.certs, k8s_aggregator: { cert: "wrong", key: "wrong" } } };
        expect(toMachineSecretsInput(noisy as typeof full)).toEqual(full);
    });

    it("keeps the optional aescbc secret only when present", () => {
        const withAescbc = { ...full, secrets: { ...full.secrets, aescbcEncryptionSecret: "aes" } };
        expect(toMachineSecretsInput(withAescbc).secrets.aescbcEncryptionSecret).toBe("aes");
        expect(toMachineSecretsInput(full).secrets).not.toHaveProperty("aescbcEncryptionSecret");
    });

    it("names the missing field", () => {
        const broken = { ...full, certs: { ...full.certs, k8sAggregator: undefined } };
        expect(() => toMachineSecretsInput(broken as unknown as typeof full)).toThrow("certs.k8sAggregator is missing");
        expect(() => toMachineSecretsInput({ ...full, trustdinfo: { token: "" } })).toThrow("trustdinfo.token is missing");
    });

    it("maps the client configuration", () => {
        expect(toClientConfiguration({ caCertificate: "ca", clientCertificate: "crt", clientKey: "key", extra: 1 } as never)).toEqual({ caCertificate: "ca", clientCertificate: "crt", clientKey: "key" });
        expect(() => toClientConfiguration({ caCertificate: "ca", clientCertificate: "crt" } as never)).toThrow("clientConfiguration.clientKey is missing");
    });
});

describe("talos/<node>.yaml artifacts", () => {
    const rec = (name: string, inputs: Record<string, unknown>): RecordedResource => ({
        urn: `urn:pulumi:test::homelab::talos:machine/configurationApply:ConfigurationApply::${name}`,
        type: "talos:machine/configurationApply:ConfigurationApply",
        name,
        custom: true,
        parent: "",
        provider: "",
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        aliases: [], importId: "", replaceOnChanges: [], deleteBeforeReplace: false, customTimeouts: { create: "", update: "", delete: "" },
        additionalSecretOutputs: [],
        version: "0.8.1",
        pluginDownloadURL: "",
        inputs,
        plainInputs: { configPatches: ["machine:\n  token: CANARY-do-not-print\n"] },
        secretPaths: [],
    });

    it("writes one multi-document file per node, named after the node, explaining unknown and secret patches", () => {
        const files = talosArtifacts({
            spec: seed,
            resources: [
                rec("homelab-k8s-2", { node: "10.0.60.22", configPatches: ["machine:\n  install:\n    disk: /dev/nvme1n1\n", "[unknown]", "[secret]", "a: 1"] }),
                rec("homelab-k8s-1", { node: "10.0.60.21", configPatches: "[secret]" }),
            ],
        });
        expect(files.map((f) => f.path)).toEqual(["talos/k8s-1.yaml", "talos/k8s-2.yaml"]);
        const k8s2 = files[1].content;
        expect(k8s2).toContain("# unknown until apply: machine.install.image");
        expect(k8s2).toContain("# patch #2 is secret and is not written out");
        expect(k8s2).not.toContain("[secret]");
        expect(k8s2).not.toContain("CANARY");
        expect(parseAllDocuments(k8s2).map((d) => d.toJS())).toEqual([{ machine: { install: { disk: "/dev/nvme1n1" } } }, null, null, { a: 1 }]);
        expect(files[0].content).toContain("secret and is not written out");
        expect(files[0].content).not.toContain("CANARY");
    });
});
