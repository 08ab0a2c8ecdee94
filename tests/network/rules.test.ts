/** Network-layer validation: schema defaults and the cross-field rules in config/rules/network.ts. */
import { validateConfig } from "../../config/validate";
import { baseConfig, expectedPath, readFixture, type RawConfig } from "../harness";

function errorsOf(raw: RawConfig): string[] {
    return validateConfig(raw).errors.map((e) => `${e.path}: ${e.message}`);
}

const fixtures = [
    "tunnel-hostname-outside-zone",
    "cloudflare-record-conflicts-tunnel",
    "load-balancer-kube-vip-no-auto-pool",
    "cert-manager-issuer-names-equal",
    "cni-routing-mode-builtin",
    "cloudflare-mx-without-priority",
];

describe("invalid network fixtures", () => {
    it.each(fixtures)("%s is rejected at its expected path, and only there", (f) => {
        const file = `tests/fixtures/invalid/${f}.yaml`;
        const r = validateConfig(readFixture(file).raw);
        expect(r.config).toBeUndefined();
        expect(r.errors.map((e) => e.path)).toEqual([expectedPath(file)]);
    });
});

describe("network rules", () => {
    const tunnel = (ingress: Array<{ hostname: string; service: string }>, extra: Record<string, unknown> = {}) => ({
        ...baseConfig("talos"),
        cloudflare: { accountId: "0123456789abcdef0123456789abcdef", zone: "example.com", tunnel: { enabled: true, ingress }, ...extra },
    });

    it("accepts tunnel hostnames at the apex, below it, and as a wildcard (when allowed)", () => {
        const cfg = tunnel([
            { hostname: "example.com", service: "http://a:80" },
            { hostname: "a.b.example.com", service: "http://a:80" },
            { hostname: "*.example.com", service: "http://a:80" },
        ]);
        (cfg.cloudflare.tunnel as Record<string, unknown>).allowWildcard = true;
        expect(errorsOf(cfg)).toEqual([]);
    });

    it("rejects a hostname that only ends like the zone", () => {
        expect(errorsOf(tunnel([{ hostname: "notexample.com", service: "http://a:80" }]))).toEqual([
            "homelab:cloudflare.tunnel.ingress[0].hostname: is not inside cloudflare.zone example.com",
        ]);
    });

    it("an enabled tunnel needs an account id and routes", () => {
        const raw = { ...baseConfig(), cloudflare: { zone: "example.com", tunnel: { enabled: true } } };
        expect(errorsOf(raw)).toEqual([
            "homelab:cloudflare.accountId: is required when cloudflare.tunnel.enabled is true",
            "homelab:cloudflare.tunnel.ingress: is empty but the tunnel is enabled",
        ]);
    });

    it("records: conflicts with tunnel names, second CNAMEs, proxied TXT, bad TTL", () => {
        const raw = tunnel([{ hostname: "app.example.com", service: "http://a:80" }], {
            dnsRecords: [
                { name: "app.example.com", type: "CNAME", content: "x.example.net" },
                { name: "www", type: "CNAME", content: "a.example.net" },
                { name: "www.example.com", type: "CNAME", content: "b.example.net" },
                { name: "@", type: "TXT", content: "v=spf1 -all", proxied: true },
            ],
        });
        expect(errorsOf(raw)).toEqual([
            "homelab:cloudflare.dnsRecords[3].proxied: is only possible for A, AAAA and CNAME records, not TXT",
            "homelab:cloudflare.dnsRecords[0].name: is already published by the tunnel (cloudflare.tunnel.ingress hostname app.example.com)",
            "homelab:cloudflare.dnsRecords[2].name: is a second CNAME for www.example.com (see dnsRecords[1])",
        ]);
        expect(errorsOf({ ...baseConfig(), cloudflare: { zone: "example.com", dnsRecords: [{ name: "a", type: "A", content: "1.2.3.4", ttl: 30 }] } })).toEqual([
            "homelab:cloudflare.dnsRecords[0].ttl: must be 1 (automatic) or 60-86400",
        ]);
    });

    it("a disabled tunnel's names are free for plain records", () => {
        const raw = {
            ...baseConfig(),
            cloudflare: { zone: "example.com", tunnel: { enabled: false, ingress: [{ hostname: "app.example.com", service: "http://a:80" }] }, dnsRecords: [{ name: "app", type: "A", content: "1.2.3.4" }] },
        };
        expect(errorsOf(raw)).toEqual([]);
    });

    it("Cilium LB-IPAM needs L2 announcements, which need kube-proxy replacement", () => {
        const raw = { ...baseConfig(), cni: { kubeProxyReplacement: false, l2Announcements: true }, loadBalancer: { provider: "cilium", pools: [{ name: "lan", addresses: ["10.0.0.200-10.0.0.209"] }] } };
        expect(errorsOf(raw)).toEqual(["homelab:cni.l2Announcements: needs cni.kubeProxyReplacement true"]);
        const noL2 = { ...baseConfig(), loadBalancer: { provider: "cilium", pools: [{ name: "lan", addresses: ["10.0.0.200-10.0.0.209"] }] } };
        expect(errorsOf(noL2)).toEqual(["homelab:loadBalancer.provider: needs cni.provider cilium with cni.l2Announcements true"]);
    });

    it("cert-manager: email and Cloudflare block required; issuer names default and can be renamed", () => {
        expect(errorsOf({ ...baseConfig(), certManager: { enabled: true } })).toEqual([
            "homelab:certManager.email: is required when certManager.enabled is true (ACME account)",
            "homelab:certManager.solver: needs a homelab:cloudflare block (zone) for DNS-01",
        ]);
        const ok = validateConfig({ ...baseConfig(), cloudflare: { zone: "example.com" }, certManager: { enabled: true, email: "a@example.com", issuerNames: { production: "letsencrypt-prod" } } });
        expect(ok.errors).toEqual([]);
        expect(ok.config?.certManager.issuerNames).toEqual({ production: "letsencrypt-prod", staging: "letsencrypt-staging" });
    });

    it("defaults keep existing stack files valid", () => {
        const r = validateConfig(baseConfig());
        expect(r.errors).toEqual([]);
        expect(r.config?.cni).toMatchObject({ provider: "cilium", routingMode: "tunnel", k8sClientRateLimit: { qps: 20, burst: 40 }, values: {} });
        expect(r.config?.loadBalancer).toEqual({ provider: "none", pools: [], interfaces: [], values: {} });
    });
});
