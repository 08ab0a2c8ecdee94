/**
 * The network layer under the mock engine: what buildNetwork registers for each kind of stack,
 * with providers, dependencies and secretness as the engine receives them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { kubernetesArtifacts } from "../../cli/artifacts/kubernetes";
import type { RunResult } from "../../cli/engine/run";
import { placeholder } from "../../cli/engine/fakes";
import { buildNetwork } from "../../stacks/network";
import type { NetworkLayer } from "../../stacks/types";
import { baseConfig, everythingPrinted, ok, one, ofType, runComponent, runProgram, specFrom, type RawConfig } from "../harness";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const NODE_READY = "test:index:NodeReady";

/** Stands in for the node layer's resources: dependsOn a component waits for its children. */
class NodeReady extends pulumi.CustomResource {
    constructor(name: string, opts: pulumi.CustomResourceOptions) {
        super(NODE_READY, name, {}, opts);
    }
}
const CANARY = "canary-cf-api-token-7d1e0c";
const ACCOUNT = "0123456789abcdef0123456789abcdef";

/** Runs buildNetwork with a node layer made of a fake component and a test provider. */
async function runNetwork(raw: RawConfig, opts: { preview?: boolean; token?: boolean } = {}): Promise<{ r: RunResult; layer: NetworkLayer }> {
    let layer: NetworkLayer | undefined;
    const r = ok(
        await runComponent(
            () => {
                const spec = specFrom(raw, opts.token === false ? {} : { "cloudflare:apiToken": CANARY });
                const provider = new k8s.Provider("k8s", { kubeconfig: "fake" });
                const component = new pulumi.ComponentResource("homelab:nodes:Fake", "nodes", {});
                new NodeReady("nodes-bootstrap", { parent: component });
                layer = buildNetwork(spec, { component, apiReady: [component], provider, kubeconfig: pulumi.secret("kubeconfig") });
            },
            { preview: opts.preview ?? false },
        ),
    );
    return { r, layer: layer! };
}

const urnOf = (r: RunResult, type: string, name?: string) => one(r, type, name).urn;

/** The Talos NUC stack's network: Cilium with LB-IPAM, a three-hostname tunnel, cert-manager. */
function talosFull(): RawConfig {
    return {
        ...baseConfig("talos"),
        cni: { l2Announcements: true, hubble: { relay: true } },
        loadBalancer: { provider: "cilium", pools: [{ name: "lan", addresses: ["10.0.0.100-10.0.0.149"] }], interfaces: ["^eno[0-9]+"] },
        cloudflare: {
            accountId: ACCOUNT,
            zone: "example.com",
            tunnel: {
                enabled: true,
                name: "homelab",
                allowWildcard: true,
                ingress: [
                    { hostname: "example.com", service: "https://envoy-external.network.svc.cluster.local:443" },
                    { hostname: "grafana.example.com", service: "http://grafana.monitoring.svc:80" },
                    { hostname: "*.example.com", service: "https://envoy-external.network.svc.cluster.local:443", noTlsVerify: true },
                ],
            },
        },
        certManager: { enabled: true, email: "admin@example.com" },
    };
}

describe("network layer, Talos with Cilium LB-IPAM, tunnel and cert-manager", () => {
    let r: RunResult;
    let layer: NetworkLayer;
    beforeAll(async () => {
        ({ r, layer } = await runNetwork(talosFull()));
    });

    it("installs Cilium first, from the pin, with the Talos values, through the cluster provider", () => {
        const cilium = one(r, "homelab:network:Cilium");
        // dependsOn a component becomes a dependency on each resource inside it.
        expect(cilium.dependencies).toEqual([urnOf(r, NODE_READY)]);
        const rel = one(r, RELEASE, "test-cilium-release");
        expect(rel.parent).toBe(cilium.urn);
        expect(rel.provider).toBe(urnOf(r, "pulumi:providers:kubernetes", "k8s"));
        expect(rel.inputs).toMatchObject({
            name: "cilium",
            chart: "cilium",
            version: "1.20.0",
            repositoryOpts: { repo: "https://helm.cilium.io/" },
            namespace: "kube-system",
            values: { k8sServiceHost: "localhost", k8sServicePort: 7445, l2announcements: { enabled: true } },
        });
    });

    it("every other network component waits for the node layer and for Cilium", () => {
        const deps = [urnOf(r, NODE_READY), urnOf(r, RELEASE, "test-cilium-release")];
        for (const t of ["homelab:network:CiliumLoadBalancer", "homelab:network:CloudflareTunnel", "homelab:network:CertManager"]) {
            expect(one(r, t).dependencies).toEqual(deps);
        }
        expect(layer.ready.length).toBe(3);
        expect(layer.cni).toBeDefined();
    });

    it("Cilium pools and the L2 policy depend on the Cilium release (it brings their CRDs)", () => {
        const release = urnOf(r, RELEASE, "test-cilium-release");
        const pool = one(r, "kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool");
        const policy = one(r, "kubernetes:cilium.io/v2alpha1:CiliumL2AnnouncementPolicy");
        for (const cr of [pool, policy]) {
            expect(cr.dependencies).toContain(release);
            expect(cr.provider).toBe(urnOf(r, "pulumi:providers:kubernetes", "k8s"));
        }
        expect(pool.inputs).toMatchObject({ metadata: { name: "lan" }, spec: { blocks: [{ start: "10.0.0.100", stop: "10.0.0.149" }] } });
        expect(policy.inputs).toMatchObject({ spec: { loadBalancerIPs: true, interfaces: ["^eno[0-9]+"] } });
        expect(layer.loadBalancer?.serviceMetadata({ ip: "10.0.0.100" }).annotations).toEqual({ "lbipam.cilium.io/ips": "10.0.0.100" });
    });

    it("the tunnel: remotely managed, secret from random, ingress in stack order with the catch-all last", () => {
        const tunnel = one(r, "cloudflare:index/zeroTrustTunnelCloudflared:ZeroTrustTunnelCloudflared");
        expect(tunnel.inputs).toMatchObject({ accountId: ACCOUNT, name: "homelab", configSrc: "cloudflare", tunnelSecret: "[secret]" });
        expect(tunnel.dependencies).toContain(urnOf(r, "random:index/randomBytes:RandomBytes"));
        expect(tunnel.additionalSecretOutputs).toContain("tunnelSecret");
        const cfg = one(r, "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig");
        expect(cfg.inputs.tunnelId).toBe("test-tunnel-id");
        expect((cfg.inputs.config as { ingresses: unknown[] }).ingresses).toEqual([
            { hostname: "example.com", service: "https://envoy-external.network.svc.cluster.local:443" },
            { hostname: "grafana.example.com", service: "http://grafana.monitoring.svc:80" },
            { hostname: "*.example.com", service: "https://envoy-external.network.svc.cluster.local:443", originRequest: { noTlsVerify: true } },
            { service: "http_status:404" },
        ]);
    });

    it("one proxied CNAME per hostname to <tunnel-id>.cfargotunnel.com in the looked-up zone", () => {
        const records = ofType(r, "cloudflare:index/dnsRecord:DnsRecord");
        expect(records.map((x) => x.inputs.name)).toEqual(["example.com", "grafana.example.com", "*.example.com"]);
        for (const rec of records) {
            expect(rec.inputs).toMatchObject({ type: "CNAME", content: "test-tunnel-id.cfargotunnel.com", proxied: true, ttl: 1, zoneId: placeholder("zone-id:example.com") });
        }
        const zoneLookups = r.invokes.filter((i) => i.token === "cloudflare:index/getZone:getZone");
        expect(zoneLookups).toHaveLength(1);
        expect(zoneLookups[0].plainArgs).toEqual({ filter: { name: "example.com", account: { id: ACCOUNT } } });
    });

    it("the tunnel token reaches the cluster only as a secret, and cloudflared reads it from the environment", () => {
        const secret = one(r, "kubernetes:core/v1:Secret", "test-tunnel-token");
        expect(secret.inputs).toMatchObject({ metadata: { name: "cloudflared-tunnel-token", namespace: "network" }, stringData: "[secret]" });
        expect(secret.plainInputs.stringData).toEqual({ token: placeholder("tunnel-token:test-tunnel-id") });
        const ns = one(r, "kubernetes:core/v1:Namespace", "test-tunnel-namespace");
        expect(ns.inputs).toMatchObject({ metadata: { name: "network" } });
        const dep = one(r, "kubernetes:apps/v1:Deployment");
        expect(dep.dependencies).toEqual(expect.arrayContaining([ns.urn, secret.urn]));
        expect(dep.inputs).toMatchObject({ metadata: { name: "cloudflared", namespace: "network" }, spec: { replicas: 2 } });
        expect(JSON.stringify(dep.inputs)).not.toContain("offline-placeholder:tunnel-token");
        expect(layer.tunnel?.hostnames).toEqual(["example.com", "grafana.example.com", "*.example.com"]);
    });

    it("cert-manager: chart with CRDs, token Secret, both ClusterIssuers after the release", () => {
        const rel = one(r, RELEASE, "test-cert-manager-release");
        expect(rel.inputs).toMatchObject({
            name: "cert-manager",
            chart: "cert-manager",
            version: "v1.21.1",
            namespace: "cert-manager",
            values: { crds: { enabled: true, keep: true }, dns01RecursiveNameserversOnly: true },
        });
        const token = one(r, "kubernetes:core/v1:Secret", "test-cert-manager-cloudflare-token");
        expect(token.inputs).toMatchObject({ metadata: { name: "cloudflare-api-token", namespace: "cert-manager" }, stringData: "[secret]" });
        const issuers = ofType(r, "kubernetes:cert-manager.io/v1:ClusterIssuer");
        expect(issuers.map((i) => (i.inputs.metadata as { name: string }).name)).toEqual(["letsencrypt-production", "letsencrypt-staging"]);
        for (const i of issuers) expect(i.dependencies).toEqual(expect.arrayContaining([rel.urn, token.urn]));
        expect(layer.clusterIssuers).toEqual(["letsencrypt-production", "letsencrypt-staging"]);
        expect(layer.defaultClusterIssuer).toBe("letsencrypt-production");
    });

    it("no credential appears anywhere in what the engine received or the program logged", () => {
        const printed = everythingPrinted(r);
        expect(printed).not.toContain(CANARY);
        expect(printed).not.toContain(placeholder("tunnel-token:test-tunnel-id"));
        const bytes = one(r, "random:index/randomBytes:RandomBytes");
        expect(bytes.additionalSecretOutputs).toEqual(expect.arrayContaining(["base64"]));
        // The fake tunnel secret itself (the random bytes) never reaches an input in clear.
        expect(printed).not.toContain(Buffer.from("fake-bytes-test-tunnel-secret".padEnd(32, "x")).toString("base64"));
        // ...and the canary did reach the engine, as a secret (so the test can fail).
        const token = one(r, "kubernetes:core/v1:Secret", "test-cert-manager-cloudflare-token");
        expect(token.plainInputs.stringData).toEqual({ "api-token": CANARY });
        expect(token.secretPaths).toEqual(["stringData"]);
    });

    it("plan output: helm/<release>.yaml per chart and a manifest for every CR and object", () => {
        const files = kubernetesArtifacts({ resources: r.resources, spec: specFrom(talosFull()) });
        const paths = files.map((f) => f.path).sort();
        expect(paths).toEqual([
            "helm/cert-manager.yaml",
            "helm/cilium.yaml",
            "manifests/CiliumL2AnnouncementPolicy__homelab-l2.yaml",
            "manifests/CiliumLoadBalancerIPPool__lan.yaml",
            "manifests/ClusterIssuer__letsencrypt-production.yaml",
            "manifests/ClusterIssuer__letsencrypt-staging.yaml",
            "manifests/Deployment_network_cloudflared.yaml",
            "manifests/Namespace__cert-manager.yaml",
            "manifests/Namespace__network.yaml",
            "manifests/Secret_cert-manager_cloudflare-api-token.yaml",
            "manifests/Secret_network_cloudflared-tunnel-token.yaml",
        ]);
        const cilium = files.find((f) => f.path === "helm/cilium.yaml")!.content;
        expect(cilium).toContain("chart: cilium");
        expect(cilium).toContain("repo: https://helm.cilium.io/");
        expect(cilium).toContain("k8sServicePort: 7445");
        for (const f of files) expect(f.content).not.toContain(CANARY);
    });

    it("every Kubernetes object has an explicit name and the cluster provider", () => {
        const k8sProvider = urnOf(r, "pulumi:providers:kubernetes", "k8s");
        const objs = r.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:") && !x.type.startsWith("pulumi:"));
        expect(objs.length).toBeGreaterThan(8);
        for (const o of objs) {
            expect(o.provider).toBe(k8sProvider);
            if (o.type === RELEASE) expect(typeof o.inputs.name).toBe("string");
            else expect((o.inputs.metadata as { name?: unknown }).name).toEqual(expect.any(String));
        }
    });
});

describe("network layer variants", () => {
    it("k3s with MetalLB and two pools: privileged namespace, chart, a pool and an advertisement each", async () => {
        const { r, layer } = await runNetwork({
            ...baseConfig("k3s"),
            network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1", vip: "10.0.0.10", vlans: [{ name: "public", id: 20, cidr: "10.0.20.0/24" }] },
            loadBalancer: {
                provider: "metallb",
                pools: [
                    { name: "public", addresses: ["10.0.20.10-10.0.20.19"], vlan: "public", autoAssign: false },
                    { name: "private", addresses: ["10.0.0.200-10.0.0.219"] },
                ],
            },
        });
        const cilium = one(r, RELEASE, "test-cilium-release");
        expect(cilium.inputs).toMatchObject({ values: { k8sServiceHost: "10.0.0.10", k8sServicePort: 6443 } });
        const ns = one(r, "kubernetes:core/v1:Namespace");
        expect(ns.inputs).toEqual({
            apiVersion: "v1",
            kind: "Namespace",
            metadata: {
                name: "metallb-system",
                labels: {
                    "pod-security.kubernetes.io/enforce": "privileged",
                    "pod-security.kubernetes.io/audit": "privileged",
                    "pod-security.kubernetes.io/warn": "privileged",
                },
                annotations: { "argocd.argoproj.io/sync-options": "Delete=false,Prune=false" },
            },
        });
        expect(ns.retainOnDelete).toBe(true);
        const rel = one(r, RELEASE, "test-metallb-release");
        expect(rel.inputs).toMatchObject({ name: "metallb", chart: "metallb", version: "0.16.1", namespace: "metallb-system", values: { crds: { enabled: true }, frrk8s: { enabled: false } } });
        expect(rel.dependencies).toContain(ns.urn);
        const pools = ofType(r, "kubernetes:metallb.io/v1beta1:IPAddressPool");
        expect(pools.map((p) => p.inputs.metadata)).toEqual([
            { name: "public", namespace: "metallb-system" },
            { name: "private", namespace: "metallb-system" },
        ]);
        expect(pools.map((p) => (p.inputs.spec as { autoAssign: boolean }).autoAssign)).toEqual([false, true]);
        // One advertisement per pool, so each pool can be announced on its own NICs.
        const ads = ofType(r, "kubernetes:metallb.io/v1beta1:L2Advertisement");
        expect(ads.map((a) => [(a.inputs.metadata as { name: string }).name, a.inputs.spec])).toEqual([
            ["homelab-l2-public", { ipAddressPools: ["public"] }],
            ["homelab-l2-private", { ipAddressPools: ["private"] }],
        ]);
        for (const cr of [...pools, ...ads]) expect(cr.dependencies).toContain(rel.urn);
        expect(layer.loadBalancer?.pools.map((p) => p.name)).toEqual(["public", "private"]);
        expect(layer.loadBalancer?.serviceMetadata({ pool: "public" }).annotations).toEqual({ "metallb.io/address-pool": "public" });
        // Nothing Cloudflare or cert-manager when the stack does not ask for it.
        expect(r.resources.filter((x) => x.type.startsWith("cloudflare:") || x.type.includes("cert-manager"))).toEqual([]);
    });

    it("no load balancer and the tunnel off: only the plain DNS records, no tunnel objects", async () => {
        const { r, layer } = await runNetwork({
            ...baseConfig("k3s"),
            cloudflare: {
                zone: "example.com",
                tunnel: { enabled: false, ingress: [{ hostname: "app.example.com", service: "http://app:80" }] },
                dnsRecords: [
                    { name: "@", type: "A", content: "203.0.113.10", proxied: true, ttl: 300 },
                    { name: "@", type: "TXT", content: "v=spf1 -all" },
                    { name: "@", type: "TXT", content: "google-site-verification=abc" },
                    { name: "@", type: "MX", content: "mail.example.com", priority: 10 },
                ],
            },
        });
        expect(r.resources.filter((x) => /metallb|kube-vip|CiliumLoadBalancer|L2Announcement|MetalLB|KubeVip/.test(x.type))).toEqual([]);
        expect(r.resources.filter((x) => /zeroTrust|CloudflareTunnel|Deployment|Secret|Namespace/.test(x.type))).toEqual([]);
        const records = ofType(r, "cloudflare:index/dnsRecord:DnsRecord");
        expect(records.map((x) => x.name)).toEqual(["test-dns-a-example-com", "test-dns-txt-example-com", "test-dns-txt-example-com-2", "test-dns-mx-example-com"]);
        expect(records[0].inputs).toMatchObject({ name: "example.com", type: "A", proxied: true, ttl: 1 });
        expect(records[3].inputs).toMatchObject({ priority: 10, proxied: false });
        expect(r.invokes.find((i) => i.token === "cloudflare:index/getZone:getZone")?.plainArgs).toEqual({ filter: { name: "example.com" } });
        expect(layer.tunnel).toBeUndefined();
        expect(layer.loadBalancer?.provider).toBe("none");
        expect(layer.ready).toHaveLength(1);
    });

    it("kube-vip for Services: the cloud provider with the pool ranges and a services-only DaemonSet", async () => {
        const { r } = await runNetwork({
            ...baseConfig("k3s"),
            loadBalancer: { provider: "kube-vip", pools: [{ name: "lan", addresses: ["10.0.0.100-10.0.0.120"] }] },
        });
        expect(one(r, RELEASE, "test-kube-vip-cloud-provider").inputs).toMatchObject({
            name: "kube-vip-cloud-provider",
            version: "0.2.10",
            namespace: "kube-system",
            values: { cm: { data: { "range-global": "10.0.0.100-10.0.0.120" } } },
        });
        expect(one(r, RELEASE, "test-kube-vip-daemonset").inputs).toMatchObject({
            name: "kube-vip-services",
            version: "0.9.9",
            values: { nameOverride: "kube-vip-services", env: { svc_enable: "true", cp_enable: "false", vip_interface: "eth0" } },
        });
    });

    it("builtin CNI: no Cilium; components then wait for the node layer only", async () => {
        const { r, layer } = await runNetwork({
            ...baseConfig("k3s"),
            cni: { provider: "builtin", kubeProxyReplacement: false },
            loadBalancer: { provider: "metallb", pools: [{ name: "lan", addresses: ["10.0.0.100-10.0.0.120"] }] },
        });
        expect(ofType(r, "homelab:network:Cilium")).toEqual([]);
        expect(one(r, "homelab:network:MetalLB").dependencies).toEqual([urnOf(r, NODE_READY)]);
        expect(layer.cni).toBeUndefined();
    });

    it("cert-manager without a token (offline run) still plans, with a warning and no Secret", async () => {
        const { r } = await runNetwork(
            { ...baseConfig("talos"), cloudflare: { zone: "example.com" }, certManager: { enabled: true, email: "a@example.com", issuers: ["staging"] } },
            { token: false },
        );
        expect(ofType(r, "kubernetes:core/v1:Secret")).toEqual([]);
        expect(ofType(r, "kubernetes:cert-manager.io/v1:ClusterIssuer").map((i) => (i.inputs.metadata as { name: string }).name)).toEqual(["letsencrypt-staging"]);
        expect(r.logs.some((l) => l.severity === "warning" && l.message.includes("cloudflare:apiToken is not set"))).toBe(true);
    });

    it("is deterministic: the same config registers the same inputs", async () => {
        const a = (await runNetwork(talosFull())).r.resources.map((x) => [x.urn, x.inputs]);
        const b = (await runNetwork(talosFull())).r.resources.map((x) => [x.urn, x.inputs]);
        expect(a).toEqual(b);
    });
});

describe("preview (fresh stack: ids and computed outputs unknown)", () => {
    it("the full network layer completes; tunnel-derived values stay unknown", async () => {
        const { r } = await runNetwork(talosFull(), { preview: true });
        const cname = ofType(r, "cloudflare:index/dnsRecord:DnsRecord")[0];
        expect(cname.inputs.content).toBe("[unknown]");
        const secret = one(r, "kubernetes:core/v1:Secret", "test-tunnel-token");
        expect(secret.inputs.stringData).toBe("[unknown]");
        // The token invoke waits for the tunnel id, so it is not called in preview.
        expect(r.invokes.map((i) => i.token)).not.toContain("cloudflare:index/getZeroTrustTunnelCloudflaredToken:getZeroTrustTunnelCloudflaredToken");
        expect(everythingPrinted(r)).not.toContain(CANARY);
    });

    it("the whole program (Talos node layer + network) in preview completes, network after the nodes", async () => {
        const r = ok(await runProgram(talosFull(), { secrets: { "cloudflare:apiToken": CANARY } }));
        const cilium = one(r, "homelab:network:Cilium");
        // The node layer's resources (bootstrap, kubeconfig, ...) come before Cilium.
        const nodeTypes = new Set(cilium.dependencies.map((u) => r.resources.find((x) => x.urn === u)?.type));
        expect(nodeTypes).toContain("talos:machine/bootstrap:Bootstrap");
        expect(one(r, RELEASE, "test-cilium-release").provider).toBe(one(r, "pulumi:providers:kubernetes").urn);
        const files = kubernetesArtifacts({ resources: r.resources, spec: specFrom(talosFull()) }).map((f) => f.path);
        expect(files).toEqual(expect.arrayContaining(["helm/cilium.yaml", "helm/cert-manager.yaml", "manifests/CiliumLoadBalancerIPPool__lan.yaml"]));
        expect(everythingPrinted(r)).not.toContain(CANARY);
    });
});
