/**
 * One case per branch of config/required-secrets.ts: the exact credentials a config needs, and
 * the program stopping before any resource when one is missing, naming the key and the setting.
 */
import { requiredSecrets } from "../../config/required-secrets";
import { validateConfig } from "../../config/validate";
import { baseConfig, runProgram, type RawConfig } from "../harness";

const repo = (credentials: "none" | "ssh" | "https") => ({
    repo: { url: credentials === "ssh" ? "git@github.com:example/r.git" : "https://git.example.com/r.git", credentials, path: "apps" },
});
const esSettings = { infisical: { project: "p", environment: "prod" }, vault: { server: "https://vault.example.com" }, bitwarden: {} };
const es = (provider: "infisical" | "vault" | "bitwarden") => ({ ...repo("none"), secrets: { externalSecrets: { provider, ...esSettings[provider] } } });
const longhorn = (target: string) => ({ longhorn: { enabled: true, replicas: 1, backup: { target } } });

/** [branch, config overrides on a Talos base (no credential of its own), exact needs, the `because` text]. */
const cases: Array<[string, RawConfig, string[], string]> = [
    ["talos needs no SSH key", {}, [], ""],
    ["k3s needs the SSH key", baseConfig("k3s"), ["sshPrivateKey"], "cluster.distribution: k3s"],
    ["repo over ssh", { gitops: repo("ssh") }, ["gitSshPrivateKey"], "gitops.repo.credentials: ssh"],
    ["repo over https", { gitops: repo("https") }, ["gitToken"], "gitops.repo.credentials: https"],
    ["public repo", { gitops: repo("none") }, [], ""],
    ["Infisical", { gitops: es("infisical") }, ["infisicalClientId", "infisicalClientSecret"], "gitops.secrets.externalSecrets.provider: infisical"],
    ["Vault", { gitops: es("vault") }, ["vaultToken"], "gitops.secrets.externalSecrets.provider: vault"],
    ["Bitwarden", { gitops: es("bitwarden") }, ["bitwardenAccessToken"], "gitops.secrets.externalSecrets.provider: bitwarden"],
    ["Longhorn backup to S3", { storage: longhorn("s3://bucket@us-east-1/") }, ["backupAccessKeyId", "backupSecretAccessKey"], "storage.longhorn.backup.target: s3://"],
    ["Longhorn backup to CIFS", { storage: longhorn("cifs://nas/backups") }, ["backupAccessKeyId", "backupSecretAccessKey"], "storage.longhorn.backup.target: cifs://"],
    ["Longhorn backup to NFS", { storage: longhorn("nfs://10.0.0.5:/longhorn") }, [], ""],
    ["Cloudflare tunnel", { cloudflare: { zone: "example.com", accountId: "0123456789abcdef0123456789abcdef", tunnel: { enabled: true, name: "t", ingress: [{ hostname: "a.example.com", service: "http://a.default:80" }] } } }, ["cloudflare:apiToken"], "homelab:cloudflare (tunnel or dnsRecords)"],
    ["Cloudflare DNS records", { cloudflare: { zone: "example.com", dnsRecords: [{ name: "a", type: "A", content: "10.0.0.50" }] } }, ["cloudflare:apiToken"], "homelab:cloudflare (tunnel or dnsRecords)"],
    ["cert-manager DNS-01 with Cloudflare", { cloudflare: { zone: "example.com" }, certManager: { enabled: true, email: "a@example.com" } }, ["cloudflare:apiToken"], "certManager.solver: cloudflare"],
    ["Cloudflare zone only, cert-manager off", { cloudflare: { zone: "example.com" } }, [], ""],
];

function config(over: RawConfig): RawConfig {
    return { ...baseConfig("talos"), ...over };
}

describe.each(cases)("required credentials: %s", (_branch, over, needs, because) => {
    it(`needs exactly [${needs.join(", ")}]`, () => {
        const v = validateConfig(config(over));
        if (!v.config) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
        const got = requiredSecrets(v.config);
        expect(got.map((s) => s.key)).toEqual(needs);
        for (const s of got) expect(s.because).toBe(because);
    });

    if (needs.length > 0) {
        it("stops the program before any resource when the first one is missing, naming key and setting", async () => {
            const others = Object.fromEntries(needs.slice(1).map((k) => [k, `test-${k}`]));
            const r = await runProgram(config(over), { secrets: others });
            expect(r.resources.map((x) => x.type)).toEqual(["pulumi:pulumi:Stack"]);
            const msg = r.errors.map((e) => e.message).join("\n");
            const key = needs[0].includes(":") ? needs[0] : `homelab:${needs[0]}`;
            expect(msg).toContain(`${key}: (unset) is required by ${because}; run: pulumi config set --secret ${needs[0]}`);
        });
    }
});
