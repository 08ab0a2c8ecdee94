/**
 * Network exposure hardening (docs/security.md): tunnel wildcards only by explicit choice,
 * Cloudflare Access in front of admin hostnames, and a separate narrow token for cert-manager.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { accessApplicationArgs } from "../../components/network/cloudflare-access";
import { requiredSecrets } from "../../config/required-secrets";
import { formatIssue } from "../../config/issues";
import { validateConfig } from "../../config/validate";
import { buildNetwork } from "../../stacks/network";
import { baseConfig, everythingPrinted, ok, one, ofType, readFixture, runComponent, runProgram, specFrom, type RawConfig } from "../harness";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ACCESS_APP = "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication";
const TUNNEL = "cloudflare:index/zeroTrustTunnelCloudflared:ZeroTrustTunnelCloudflared";
const svc = "https://envoy.network.svc:443";

function withTunnel(tunnel: Record<string, unknown>, certManager = false): RawConfig {
    return {
        ...baseConfig("talos"),
        cloudflare: { accountId: ACCOUNT, zone: "example.com", tunnel: { enabled: true, ...tunnel } },
        ...(certManager ? { certManager: { enabled: true, email: "admin@example.com" } } : {}),
    };
}

describe("tunnel wildcard", () => {
    const wildcard = { ingress: [{ hostname: "app.example.com", service: svc }, { hostname: "*.example.com", service: svc }] };

    it("is rejected unless chosen explicitly, naming the key path and the value", () => {
        const r = validateConfig(withTunnel(wildcard));
        expect(r.config).toBeUndefined();
        expect(r.errors.map(formatIssue)).toEqual([expect.stringMatching(/^homelab:cloudflare\.tunnel\.ingress\[1\]\.hostname: \*\.example\.com is a wildcard/)]);
    });

    it("with allowWildcard: accepted, with a warning every run", () => {
        const r = validateConfig(withTunnel({ ...wildcard, allowWildcard: true }));
        expect(r.errors).toEqual([]);
        expect(r.warnings.map((w) => w.path)).toContain("homelab:cloudflare.tunnel.ingress[1].hostname");
        expect(r.warnings.find((w) => w.path === "homelab:cloudflare.tunnel.ingress[1].hostname")?.message).toMatch(/public at once/);
    });

    it("the homelab stack lists its public hostnames one by one", () => {
        const raw = readFixture("Pulumi.homelab.yaml").raw as { cloudflare: { tunnel: { ingress: Array<{ hostname: string }>; allowWildcard?: boolean } } };
        expect(raw.cloudflare.tunnel.allowWildcard).toBeUndefined();
        expect(raw.cloudflare.tunnel.ingress.filter((i) => i.hostname.startsWith("*"))).toEqual([]);
        expect(validateConfig(raw).errors).toEqual([]);
    });
});

describe("Cloudflare Access for admin hostnames", () => {
    const access = { hostnames: ["argocd.example.com"], emails: ["me@example.org"], emailDomains: ["example.org"], sessionDuration: "12h" };
    const ingress = [{ hostname: "argocd.example.com", service: "http://argocd-server.argocd.svc:80" }, { hostname: "www.example.com", service: svc }];

    it("needs someone to let in and a hostname the tunnel routes", () => {
        const paths = (a: Record<string, unknown>) => validateConfig(withTunnel({ ingress, access: a })).errors.map((e) => e.path);
        expect(paths(access)).toEqual([]);
        expect(paths({ hostnames: ["argocd.example.com"] })).toEqual(["homelab:cloudflare.tunnel.access"]);
        expect(paths({ ...access, hostnames: ["grafana.example.com"] })).toEqual(["homelab:cloudflare.tunnel.access.hostnames[0]"]);
    });

    it("one self-hosted application per hostname, allowing only the listed people", () => {
        expect(accessApplicationArgs(ACCOUNT, "argocd.example.com", access)).toEqual({
            accountId: ACCOUNT,
            name: "argocd.example.com (homelab admin)",
            type: "self_hosted",
            domain: "argocd.example.com",
            destinations: [{ type: "public", uri: "argocd.example.com" }],
            sessionDuration: "12h",
            policies: [
                {
                    name: "homelab admins",
                    decision: "allow",
                    precedence: 1,
                    includes: [{ email: { email: "me@example.org" } }, { emailDomain: { domain: "example.org" } }],
                },
            ],
        });
    });

    it("is registered before the tunnel routes anything", async () => {
        const r = ok(
            await runComponent(() => {
                const spec = specFrom(withTunnel({ ingress, access }), { "cloudflare:apiToken": "canary-main-token" });
                const provider = new k8s.Provider("k8s", { kubeconfig: "fake" });
                const component = new pulumi.ComponentResource("homelab:nodes:Fake", "nodes", {});
                buildNetwork(spec, { component, apiReady: [component], provider, kubeconfig: pulumi.secret("k") });
            }, { preview: false }),
        );
        const app = one(r, ACCESS_APP);
        expect(app.name).toBe("test-access-argocd-example-com");
        expect(app.parent).toMatch(/homelab:network:CloudflareAccess::test-access$/);
        expect(app.inputs).toMatchObject({ accountId: ACCOUNT, type: "self_hosted", domain: "argocd.example.com" });
        // The routes (ingress config and CNAMEs) wait for the Access application.
        expect(one(r, "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig").dependencies).toContain(app.urn);
        for (const cname of ofType(r, "cloudflare:index/dnsRecord:DnsRecord")) expect(cname.dependencies).toContain(app.urn);
        expect(ofType(r, "cloudflare:index/dnsRecord:DnsRecord")).toHaveLength(2);
        expect(ofType(r, TUNNEL)).toHaveLength(1);
    });
});

describe("cert-manager's Cloudflare token", () => {
    async function run(secrets: Record<string, string>) {
        return ok(
            await runComponent(() => {
                const spec = specFrom({ ...baseConfig("talos"), cloudflare: { zone: "example.com" }, certManager: { enabled: true, email: "a@example.com" } }, secrets);
                const provider = new k8s.Provider("k8s", { kubeconfig: "fake" });
                const component = new pulumi.ComponentResource("homelab:nodes:Fake", "nodes", {});
                buildNetwork(spec, { component, apiReady: [component], provider, kubeconfig: pulumi.secret("k") });
            }, { preview: false }),
        );
    }
    const tokenIn = (r: Awaited<ReturnType<typeof run>>) => (one(r, "kubernetes:core/v1:Secret").plainInputs.stringData as Record<string, string>)["api-token"];

    it("takes the narrow homelab:cloudflareDnsToken when set, secret, without a warning", async () => {
        const r = await run({ "cloudflare:apiToken": "canary-main-token", cloudflareDnsToken: "canary-dns-token" });
        expect(tokenIn(r)).toBe("canary-dns-token");
        expect(one(r, "kubernetes:core/v1:Secret").inputs.stringData).toBe("[secret]");
        expect(everythingPrinted(r)).not.toContain("canary-dns-token");
        expect(r.logs.filter((l) => l.severity === "warning" && l.message.includes("cloudflareDnsToken"))).toEqual([]);
    });

    it("falls back to cloudflare:apiToken with a warning", async () => {
        const r = await run({ "cloudflare:apiToken": "canary-main-token" });
        expect(tokenIn(r)).toBe("canary-main-token");
        expect(r.logs.some((l) => l.severity === "warning" && /set homelab:cloudflareDnsToken/.test(l.message))).toBe(true);
        expect(everythingPrinted(r)).not.toContain("canary-main-token");
    });

    it("the program starts with only the DNS token, and names both keys when neither is set", async () => {
        const raw = { ...baseConfig("talos"), cloudflare: { zone: "example.com" }, certManager: { enabled: true, email: "a@example.com" } };
        const r = ok(await runProgram(raw, { secrets: { cloudflareDnsToken: "canary-only-dns-token" } }));
        expect(one(r, "kubernetes:core/v1:Secret", "test-cert-manager-cloudflare-token").inputs.stringData).toBe("[secret]");
        expect(everythingPrinted(r)).not.toContain("canary-only-dns-token");
        const missing = await runProgram(raw);
        expect(missing.errors.map((e) => e.message).join("\n")).toMatch(/cloudflare:apiToken: \(unset\) is required by certManager\.solver: cloudflare; run: pulumi config set --secret cloudflare:apiToken .* or pulumi config set --secret cloudflareDnsToken/);
    });

    it("either token satisfies cert-manager's need; the tunnel still needs the main one", () => {
        const cm = validateConfig({ ...baseConfig("talos"), cloudflare: { zone: "example.com" }, certManager: { enabled: true, email: "a@example.com" } });
        expect(requiredSecrets(cm.config!)).toEqual([{ key: "cloudflare:apiToken", because: "certManager.solver: cloudflare", orKey: "cloudflareDnsToken" }]);
        const tunnel = validateConfig(withTunnel({ ingress: [{ hostname: "a.example.com", service: svc }] }, true));
        expect(requiredSecrets(tunnel.config!)).toEqual([{ key: "cloudflare:apiToken", because: "homelab:cloudflare (tunnel or dnsRecords)" }]);
    });
});
