/** Pure renderers of the network layer: Helm values, CR specs, tunnel rules, record names. */
import { certManagerValues, clusterIssuerSpec } from "../../components/network/cert-manager-manifests";
import { apiServerForCilium, ciliumValues, talosCapabilities } from "../../components/network/cilium-values";
import {
    catchAllRule,
    cloudflaredDeploymentSpec,
    nameSlug,
    recordFqdn,
    tunnelHostnames,
    tunnelIngressRules,
} from "../../components/network/cloudflare-manifests";
import { kubeVipCloudProviderValues, kubeVipServicesValues, splitImage } from "../../components/network/kube-vip-values";
import {
    ciliumL2PolicySpec,
    ciliumPoolSpec,
    kubeVipRanges,
    metallbL2Advertisements,
    metallbPoolSpec,
    serviceAddressMetadata,
} from "../../components/network/load-balancer-manifests";
import { deepMerge } from "../../components/network/merge";
import { images } from "../../config/versions";
import { baseConfig, specFrom, type RawConfig } from "../harness";

function talosSpec(extra: RawConfig = {}) {
    return specFrom({ ...baseConfig("talos"), ...extra });
}
function k3sSpec(extra: RawConfig = {}) {
    return specFrom({ ...baseConfig("k3s"), ...extra });
}

describe("Cilium values", () => {
    it("Talos: KubePrism endpoint, Talos cgroup and capability lists (snapshot)", () => {
        const v = ciliumValues(talosSpec({ cni: { hubble: { relay: true, ui: true } } }));
        expect(v).toMatchSnapshot();
        expect(v.k8sServiceHost).toBe("localhost");
        expect(v.k8sServicePort).toBe(7445);
        expect(v.cgroup).toEqual({ autoMount: { enabled: false }, hostRoot: "/sys/fs/cgroup" });
        const caps = (v.securityContext as { capabilities: Record<string, string[]> }).capabilities;
        expect(caps.ciliumAgent).not.toContain("SYS_MODULE");
        expect(caps.cleanCiliumState).not.toContain("SYS_MODULE");
        expect(caps.ciliumAgent).toEqual([...talosCapabilities.ciliumAgent]);
        expect(v.ipam).toEqual({ mode: "kubernetes" });
        expect(v.k8s).toEqual({ requireIPv4PodCIDR: true });
        expect(v.kubeProxyReplacement).toBe(true);
    });

    it("k3s: API VIP and port, no Talos settings, WireGuard + Hubble (snapshot)", () => {
        const v = ciliumValues(k3sSpec({ cni: { wireguard: true, hubble: { relay: true, ui: true } } }));
        expect(v).toMatchSnapshot();
        expect(v.k8sServiceHost).toBe("10.0.0.10");
        expect(v.k8sServicePort).toBe(6443);
        expect(v).not.toHaveProperty("cgroup");
        expect(v).not.toHaveProperty("securityContext");
        expect(v.encryption).toEqual({ enabled: true, type: "wireguard" });
        expect(v.hubble).toEqual({ enabled: true, relay: { enabled: true }, ui: { enabled: true } });
    });

    it("k3s without a VIP uses the endpoint and the configured API port", () => {
        const raw = baseConfig("k3s");
        const net = { ...(raw.network as Record<string, unknown>) };
        delete net.vip;
        const spec = specFrom({ ...raw, network: net, cluster: { ...(raw.cluster as object), endpoint: "10.0.0.11", apiPort: 16443 } });
        expect(apiServerForCilium(spec)).toEqual({ host: "10.0.0.11", port: 16443 });
    });

    it("k3s with only servers: each node's own API server on 127.0.0.1, not one node's address or the VIP", () => {
        const servers = [
            { name: "s1", role: "controlplane", ip: "10.0.0.11" },
            { name: "s2", role: "controlplane", ip: "10.0.0.12" },
            { name: "s3", role: "controlplane", ip: "10.0.0.13" },
            { name: "w-off", role: "worker", ip: "10.0.0.21", offline: true },
        ];
        const raw = baseConfig("k3s");
        const spec = specFrom({ ...raw, nodes: servers, cluster: { ...(raw.cluster as object), endpoint: "10.0.0.11" } });
        expect(apiServerForCilium(spec)).toEqual({ host: "127.0.0.1", port: 6443 });
        // An online agent has no API server of its own: back to the VIP.
        const withAgent = specFrom({ ...raw, nodes: [...servers.slice(0, 3), { name: "w1", role: "worker", ip: "10.0.0.21" }], cluster: { ...(raw.cluster as object), endpoint: "10.0.0.11" } });
        expect(apiServerForCilium(withAgent).host).toBe("10.0.0.10");
    });

    it("operator replicas follow the number of online nodes", () => {
        expect((ciliumValues(talosSpec()).operator as { replicas: number }).replicas).toBe(2);
        const single = talosSpec({ nodes: [{ name: "cp1", role: "controlplane", ip: "10.0.0.11" }] });
        expect((ciliumValues(single).operator as { replicas: number }).replicas).toBe(1);
    });

    it("L2 announcements raise the client rate limit; Gateway API enables ALPN and appProtocol", () => {
        const v = ciliumValues(talosSpec({ cni: { l2Announcements: true, gatewayApi: true, k8sClientRateLimit: { qps: 30 } } }));
        expect(v.l2announcements).toEqual({ enabled: true });
        expect(v.k8sClientRateLimit).toEqual({ qps: 30, burst: 40 });
        expect(v.gatewayAPI).toEqual({ enabled: true, enableAlpn: true, enableAppProtocol: true });
        const off = ciliumValues(talosSpec());
        expect(off).not.toHaveProperty("l2announcements");
        expect(off).not.toHaveProperty("gatewayAPI");
        expect(off).not.toHaveProperty("encryption");
    });

    it("native routing uses the pod CIDR as the native-routing CIDR", () => {
        const v = ciliumValues(k3sSpec({ cni: { routingMode: "native" } }));
        expect(v).toMatchObject({ routingMode: "native", autoDirectNodeRoutes: true, ipv4NativeRoutingCIDR: "10.42.0.0/16" });
        expect(v).not.toHaveProperty("tunnelProtocol");
        expect(ciliumValues(k3sSpec())).toMatchObject({ routingMode: "tunnel", tunnelProtocol: "vxlan" });
    });

    it("stack-file values are merged last, deeply", () => {
        const v = ciliumValues(talosSpec({ cni: { values: { operator: { replicas: 3 }, bpf: { masquerade: true }, kubeProxyReplacement: false } } }));
        expect(v.operator).toEqual({ replicas: 3, rollOutPods: true });
        expect(v.bpf).toEqual({ masquerade: true });
        expect(v.kubeProxyReplacement).toBe(false);
    });

    it("is deterministic", () => {
        expect(JSON.stringify(ciliumValues(talosSpec()))).toBe(JSON.stringify(ciliumValues(talosSpec())));
    });
});

describe("deepMerge", () => {
    it("merges maps, replaces lists and scalars, leaves inputs alone", () => {
        const base = { a: { b: 1, c: [1, 2] }, d: 1 };
        const out = deepMerge(base, { a: { c: [3] }, e: 2 });
        expect(out).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
        expect(base).toEqual({ a: { b: 1, c: [1, 2] }, d: 1 });
    });
});

const twoPools = {
    provider: "metallb",
    pools: [
        { name: "public", addresses: ["10.0.0.200-10.0.0.209"], vlan: undefined },
        { name: "private", addresses: ["10.0.0.224/28", "10.0.0.250"], autoAssign: false },
    ],
    interfaces: ["eth0"],
};

describe("load-balancer objects", () => {
    const lb = talosSpec({ loadBalancer: twoPools }).loadBalancer;

    it("MetalLB: one pool spec per pool with autoAssign, single IPs as /32, one advertisement per pool", () => {
        expect(metallbPoolSpec(lb.pools[0])).toEqual({ addresses: ["10.0.0.200-10.0.0.209"], autoAssign: true, avoidBuggyIPs: true });
        expect(metallbPoolSpec(lb.pools[1])).toEqual({ addresses: ["10.0.0.224/28", "10.0.0.250/32"], autoAssign: false, avoidBuggyIPs: true });
        expect(metallbL2Advertisements(lb)).toEqual([
            { pool: "public", name: "homelab-l2-public", spec: { ipAddressPools: ["public"], interfaces: ["eth0"] } },
            { pool: "private", name: "homelab-l2-private", spec: { ipAddressPools: ["private"], interfaces: ["eth0"] } },
        ]);
        expect(metallbL2Advertisements({ ...lb, interfaces: [] }).map((a) => a.spec)).toEqual([{ ipAddressPools: ["public"] }, { ipAddressPools: ["private"] }]);
    });

    it("MetalLB: a pool's own interfaces win over loadBalancer.interfaces (a VLAN pool on its VLAN NIC only)", () => {
        const pools = [lb.pools[0], { ...lb.pools[1], interfaces: ["eth0.20"] }];
        const ads = metallbL2Advertisements({ ...lb, pools });
        expect(ads[0].spec).toEqual({ ipAddressPools: ["public"], interfaces: ["eth0"] });
        expect(ads[1].spec).toEqual({ ipAddressPools: ["private"], interfaces: ["eth0.20"] });
    });

    it("Cilium: blocks from ranges and CIDRs; auto pools exclude Services naming another pool", () => {
        expect(ciliumPoolSpec(lb.pools[0], lb.pools)).toEqual({
            blocks: [{ start: "10.0.0.200", stop: "10.0.0.209" }],
            serviceSelector: { matchExpressions: [{ key: "homelab/lb-pool", operator: "NotIn", values: ["private"] }] },
        });
        expect(ciliumPoolSpec(lb.pools[1], lb.pools)).toEqual({
            blocks: [{ cidr: "10.0.0.224/28" }, { start: "10.0.0.250", stop: "10.0.0.250" }],
            serviceSelector: { matchLabels: { "homelab/lb-pool": "private" } },
        });
        expect(ciliumPoolSpec(lb.pools[0], [lb.pools[0]])).toEqual({ blocks: [{ start: "10.0.0.200", stop: "10.0.0.209" }] });
        expect(ciliumL2PolicySpec(lb)).toEqual({ loadBalancerIPs: true, externalIPs: false, interfaces: ["eth0"] });
    });

    it("kube-vip: auto-assigned pools become range-global; CIDRs lose network and broadcast", () => {
        const kv = talosSpec({
            loadBalancer: { provider: "kube-vip", pools: [{ name: "a", addresses: ["10.0.0.224/28", "10.0.0.200"] }, { name: "b", addresses: ["10.0.0.250"], autoAssign: false }] },
        }).loadBalancer;
        expect(kubeVipRanges(kv)).toEqual({ "range-global": "10.0.0.225-10.0.0.238,10.0.0.200-10.0.0.200" });
        expect(kubeVipCloudProviderValues(kv)).toEqual({ cm: { data: { "range-global": "10.0.0.225-10.0.0.238,10.0.0.200-10.0.0.200" } } });
        const v = kubeVipServicesValues(kv, { interface: "eno1" });
        expect(v).toMatchObject({
            nameOverride: "kube-vip-services",
            image: splitImage(images.kubeVip),
            env: { vip_interface: "eno1", cp_enable: "false", svc_enable: "true", svc_election: "true", vip_arp: "true" },
            envValueFrom: { vip_nodename: { fieldRef: { fieldPath: "spec.nodeName" } } },
        });
        expect(splitImage("ghcr.io/kube-vip/kube-vip:v1.2.3")).toEqual({ repository: "ghcr.io/kube-vip/kube-vip", tag: "v1.2.3" });
    });

    it("keeps the services DaemonSet off nodes whose NIC has another name", () => {
        const kv = talosSpec({ loadBalancer: { provider: "kube-vip", pools: [{ name: "a", addresses: ["10.0.0.224/28"] }] } }).loadBalancer;
        const nodes = [
            { name: "pi1", offline: false },
            { name: "x86", interface: "enp1s0", offline: false },
            { name: "dead", offline: true },
        ];
        const v = kubeVipServicesValues(kv, { interface: "eth0" }, nodes) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        expect(v.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
            { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["pi1"] }] },
        ]);
        expect(kubeVipServicesValues(kv, { interface: "eth0" }, [nodes[0]]).affinity).toBeUndefined();
    });

    it("Service metadata per provider", () => {
        expect(serviceAddressMetadata("metallb", { pool: "public", ip: "10.0.0.201" })).toEqual({
            annotations: { "metallb.io/address-pool": "public", "metallb.io/loadBalancerIPs": "10.0.0.201" },
            labels: {},
        });
        expect(serviceAddressMetadata("cilium", { pool: "private", ip: "10.0.0.250" })).toEqual({
            annotations: { "lbipam.cilium.io/ips": "10.0.0.250" },
            labels: { "homelab/lb-pool": "private" },
        });
        expect(serviceAddressMetadata("kube-vip", { pool: "x", ip: "192.168.64.1" })).toEqual({ annotations: { "kube-vip.io/loadbalancerIPs": "192.168.64.1" }, labels: {} });
        expect(serviceAddressMetadata("none", { ip: "1.2.3.4" })).toEqual({ annotations: {}, labels: {} });
    });
});

describe("Cloudflare", () => {
    const ingress = [
        { hostname: "a.example.com", service: "http://a.default.svc:80" },
        { hostname: "b.example.com", path: "^/api", service: "https://b.default.svc:443", noTlsVerify: true },
        { hostname: "*.example.com", service: "https://envoy.network.svc:443", originServerName: "external.example.com", httpHostHeader: "external.example.com" },
    ];

    it("tunnel ingress keeps the stack order and ends with the catch-all 404", () => {
        const rules = tunnelIngressRules(ingress);
        expect(rules.map((r) => r.hostname)).toEqual(["a.example.com", "b.example.com", "*.example.com", undefined]);
        expect(rules[rules.length - 1]).toEqual({ service: "http_status:404" });
        expect(rules[rules.length - 1]).toBe(catchAllRule);
        expect(rules[1]).toEqual({ hostname: "b.example.com", path: "^/api", service: "https://b.default.svc:443", originRequest: { noTlsVerify: true } });
        expect(rules[0]).toEqual({ hostname: "a.example.com", service: "http://a.default.svc:80" });
        expect(rules[2].originRequest).toEqual({ originServerName: "external.example.com", httpHostHeader: "external.example.com" });
        expect(tunnelIngressRules([])).toEqual([catchAllRule]);
    });

    it("one CNAME per distinct hostname; names are fully qualified; slugs are safe", () => {
        expect(tunnelHostnames([...ingress, { hostname: "a.example.com", path: "/x", service: "http://x:1" }])).toEqual(["a.example.com", "b.example.com", "*.example.com"]);
        expect(recordFqdn("@", "example.com")).toBe("example.com");
        expect(recordFqdn("www", "example.com")).toBe("www.example.com");
        expect(recordFqdn("www.example.com", "example.com")).toBe("www.example.com");
        expect(nameSlug("*.example.com")).toBe("wildcard-example-com");
    });

    it("cloudflared runs non-root with a read-only root, token from the Secret, probes on /ready :2000", () => {
        // The builder returns Input<> types; here they are plain values.
        const spec = JSON.parse(JSON.stringify(cloudflaredDeploymentSpec(2)));
        expect(spec.replicas).toBe(2);
        const c = spec.template.spec.containers[0];
        expect(c.image).toBe(images.cloudflared);
        expect(c.args).toEqual(["tunnel", "--no-autoupdate", "--metrics", "0.0.0.0:2000", "run"]);
        expect(c.env).toEqual([{ name: "TUNNEL_TOKEN", valueFrom: { secretKeyRef: { name: "cloudflared-tunnel-token", key: "token" } } }]);
        expect(c.readinessProbe.httpGet).toEqual({ path: "/ready", port: 2000 });
        expect(c.livenessProbe.httpGet).toEqual({ path: "/ready", port: 2000 });
        expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
        expect(spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
        expect(spec.selector.matchLabels).toEqual(spec.template.metadata.labels);
    });
});

describe("cert-manager", () => {
    const cm = talosSpec({ certManager: { enabled: true, email: "me@example.com", issuerNames: { production: "letsencrypt-prod" } }, cloudflare: { zone: "example.com" } }).certManager;

    it("chart values: CRDs installed and kept, public resolvers only for the DNS-01 self-check", () => {
        expect(certManagerValues(cm)).toEqual({
            crds: { enabled: true, keep: true },
            dns01RecursiveNameservers: "1.1.1.1:53,1.0.0.1:53",
            dns01RecursiveNameserversOnly: true,
        });
    });

    it("ClusterIssuers solve DNS-01 through Cloudflare with the token Secret", () => {
        expect(clusterIssuerSpec(cm, "production", "example.com")).toEqual({
            acme: {
                server: "https://acme-v02.api.letsencrypt.org/directory",
                email: "me@example.com",
                privateKeySecretRef: { name: "letsencrypt-prod-account-key" },
                solvers: [
                    {
                        dns01: { cloudflare: { apiTokenSecretRef: { name: "cloudflare-api-token", key: "api-token" } } },
                        selector: { dnsZones: ["example.com"] },
                    },
                ],
            },
        });
        expect((clusterIssuerSpec(cm, "staging", undefined) as { acme: { server: string } }).acme.server).toBe("https://acme-staging-v02.api.letsencrypt.org/directory");
    });
});
