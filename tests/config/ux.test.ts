/**
 * Config that explains itself (issue #16): nothing typed under an unknown or secret-looking key is
 * printed, misspelt namespaces and keys are errors with a did-you-mean, k3s versions need their
 * +k3sN suffix, Talos hardware defaults and unsupported versions are warned about, a file without
 * its `config:` root or with a YAML syntax error says so with a position, `--json` is always one
 * JSON document, every command answers `--help`, and credentials are reported set or missing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { main as benchMain } from "../../cli/bench";
import { main as contractsMain } from "../../cli/contracts";
import { main as docsMain } from "../../cli/docs";
import { loadStack } from "../../cli/load-stack";
import { main as planMain, plan, summary } from "../../cli/plan";
import { main as validateMain } from "../../cli/validate";
import { runUnderMocks } from "../../cli/engine/run";
import { formatIssue, issueSentence, keyPath, parseKeyPath } from "../../config/issues";
import { loadSpec } from "../../config/load";
import { containsSecret, isSecretString, safeValue } from "../../config/redact";
import { closest } from "../../config/suggest";
import { talosHardwareDefaults } from "../../config/rules/support";
import { validateConfig } from "../../config/validate";
import { ROOT, baseConfig, toRuntimeConfig } from "../harness";

const invalid = (f: string) => path.join(ROOT, "tests/fixtures/invalid", f);
const ux = (f: string) => path.join(ROOT, "tests/fixtures/ux", f);

function sink(): { write(s: string): boolean; text: string } {
    return {
        text: "",
        write(s: string) {
            this.text += s;
            return true;
        },
    };
}

/** Runs validate in-process: exit code, stdout, stderr. */
function validate(...argv: string[]): { code: number; out: string; err: string } {
    const out = sink();
    const err = sink();
    const code = validateMain(argv, out as never, err as never);
    return { code, out: out.text, err: err.text };
}

/** 1-based line of the first line of `file` containing `needle`: the expectation comes from the text. */
function lineOf(file: string, needle: string): number {
    return fs.readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(needle)) + 1;
}

type Report = { valid: boolean; errors: Array<Record<string, unknown>>; warnings: Array<Record<string, unknown>>; credentials: Array<Record<string, unknown>> };

describe("no secret is echoed", () => {
    const CANARY = "ghp_CANARYunknownKeyValue0123456789abcd";

    it("a value under an unknown top-level key is never printed, in text or JSON; the key and a hint are", () => {
        const file = invalid("unknown-key-holding-secret.yaml");
        const text = validate("--file", file);
        const json = validate("--file", file, "--json");
        expect(text.code).toBe(1);
        for (const s of [text.out, text.err, json.out]) expect(s).not.toContain("CANARY");
        expect(text.err).toContain(`homelab:githubToken: [redacted: string, ${CANARY.length} characters] is not a known homelab config key; did you mean homelab:gitToken?`);
        const report = JSON.parse(json.out) as Report;
        expect(report.errors).toEqual([expect.objectContaining({ rule: "unknown-key", path: "homelab:githubToken", value: `[redacted: string, ${CANARY.length} characters]`, line: lineOf(file, "  homelab:githubToken:") })]);
    });

    it("a value under an unknown nested key is never printed either", () => {
        const cfg = baseConfig();
        cfg.cluster = { ...(cfg.cluster as object), password: "hunter2-NESTED-CANARY" };
        const r = validateConfig(cfg);
        expect(r.errors.map((e) => e.path)).toEqual(["homelab:cluster.password"]);
        const shown = r.errors.map((e) => `${formatIssue(e)} ${issueSentence(e)} ${JSON.stringify(e)}`).join("\n");
        expect(shown).not.toContain("NESTED-CANARY");
    });

    it("a credential-looking value under a known key is redacted; a URL keeps all but its password", () => {
        const cfg = baseConfig();
        cfg.cluster = { ...(cfg.cluster as object), endpoint: "https://ghp_KNOWNkeyCANARY0123456789abcdef" };
        const r = validateConfig(cfg);
        expect(r.errors.map((e) => e.path)).toEqual(["homelab:cluster.endpoint"]);
        expect(formatIssue(r.errors[0])).not.toContain("KNOWNkeyCANARY");
        expect(safeValue("homelab:gitops.repo.url", "https://bot:s3cr3t-pass@git.example.com/x.git")).toBe("https://bot:***@git.example.com/x.git");
        expect(safeValue("homelab:whatever.apiToken", "short")).toBe("[redacted: string, 5 characters]");
    });

    it("recognises credentials by shape and leaves ordinary values alone", () => {
        for (const s of ["-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn", "ghp_0123456789abcdefABCDEF", "AKIAABCDEFGHIJKLMNOP", "Zm9vYmFyQmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo="]) {
            expect({ s, secret: isSecretString(s) }).toEqual({ s, secret: true });
        }
        for (const s of ["10.0.60.0/24", "/var/lib/rancher/k3s/server/manifests/extra", "git@github.com:example/home-ops.git", "0123456789abcdef0123456789abcdef", "v1.36.1+k3s1", "siderolabs/intel-ucode"]) {
            expect({ s, secret: isSecretString(s) }).toEqual({ s, secret: false });
        }
        expect(containsSecret({ auth: { password: "x" } })).toBe(true);
    });
});

describe("namespaces and key names", () => {
    it("a misspelt namespace is an error with a did-you-mean, at the key's line", () => {
        const file = invalid("namespace-typo.yaml");
        const report = JSON.parse(validate("--file", file, "--json").out) as Report;
        expect(report.errors).toEqual([
            expect.objectContaining({ rule: "unknown-namespace", path: "homelb:certManager", line: lineOf(file, "  homelb:certManager:"), column: 3, message: expect.stringContaining("did you mean homelab:certManager?") }),
        ]);
    });

    it("a provider key in the wrong case is an error naming the right one", () => {
        const loaded = loadStack({ file: invalid("provider-key-case.yaml") }, ROOT);
        expect(loaded.errors.map(formatIssue)).toEqual([expect.stringContaining("did you mean cloudflare:apiToken?")]);
        expect(loaded.errors[0].rule).toBe("unknown-provider-key");
    });

    it("the program's own loader rejects a misspelt namespace too (pulumi preview/up)", async () => {
        const { config, secretKeys } = toRuntimeConfig(baseConfig());
        const r = await runUnderMocks(() => loadSpec(), { config: { ...config, "homelb:certManager": "{}" }, secretKeys, stack: "t" });
        expect(r.errors.map((e) => e.message).join("\n")).toContain("homelb:certManager");
        expect(r.errors.map((e) => e.message).join("\n")).toContain("did you mean homelab:certManager?");
    });

    it("unknown nested keys get a did-you-mean from the keys of their own object", () => {
        const loaded = loadStack({ file: invalid("nested-key-case.yaml") }, ROOT);
        expect(loaded.errors.map(formatIssue)).toEqual([expect.stringContaining("homelab:cluster.apiport: [redacted: number] is not a known key; did you mean apiPort?")]);
        const far = validateConfig({ ...baseConfig(), cni: { zzzzzz: true } });
        expect(far.errors.map((e) => e.message)).toEqual(["is not a known key"]);
    });
});

describe("k3s versions", () => {
    it.each([
        ["k3s-version-without-suffix.yaml", "homelab:cluster.k3s.version"],
        ["k3s-node-version-without-suffix.yaml", "homelab:nodes[1].k3sVersion"],
    ])("%s: a version without +k3sN is rejected with a k3s example", (f, at) => {
        const loaded = loadStack({ file: invalid(f) }, ROOT);
        expect(loaded.errors.map(formatIssue)).toEqual([`${at}: v1.36.1 must be a k3s release with its +k3sN suffix, e.g. v1.36.1+k3s1`]);
    });

    it("accepts releases and release candidates with the suffix", () => {
        for (const version of ["v1.36.1+k3s1", "v1.35.0-rc1+k3s2"]) {
            const r = validateConfig({ ...baseConfig("k3s"), cluster: { name: "t", distribution: "k3s", endpoint: "10.0.0.10", k3s: { version } } });
            expect({ version, errors: r.errors }).toEqual({ version, errors: [] });
        }
    });
});

describe("warnings", () => {
    const talos = (extra: Record<string, unknown> = {}, node: Record<string, unknown> = {}) => {
        const cfg = { ...baseConfig("talos"), ...extra };
        cfg.nodes = (cfg.nodes as Array<Record<string, unknown>>).map((n) => ({ ...n, ...node }));
        return cfg;
    };
    const rules = (raw: Record<string, unknown>) => validateConfig(raw).warnings.map((w) => w.rule);

    it("warns about Talos nodes left on the /dev/sda and eth0 defaults", () => {
        const loaded = loadStack({ file: ux("talos-hardware-defaults.yaml") }, ROOT);
        expect(loaded.errors).toEqual([]);
        expect(loaded.warnings.map((w) => [w.rule, w.path, w.value])).toEqual([
            ["talos-default-install-disk", "homelab:nodes", ["cp1", "w1"]],
            ["talos-default-interface", "homelab:nodes", ["cp1", "w1"]],
        ]);
        expect(loaded.warnings.map(formatIssue).join("\n")).toMatch(/\/dev\/sda[\s\S]*eth0/);
    });

    it("is quiet when the disk and NIC are named, per node or for the cluster", () => {
        // Stable by-id paths: kernel names such as /dev/nvme0n1 have a warning of their own.
        const disk = "/dev/disk/by-id/nvme-Samsung_SSD_980_1TB_S64ANS0T123456";
        expect(rules(talos({}, { installDisk: disk, interface: "eno1" }))).toEqual([]);
        expect(rules(talos({ network: { ...(baseConfig().network as object), interface: "eno1" }, cluster: { ...(baseConfig().cluster as object), talos: { installDisk: disk } } }))).toEqual([]);
        expect(rules(talos({}, { installDisk: disk }))).toEqual(["talos-default-interface"]);
        expect(rules(baseConfig("k3s")).filter((r) => r?.startsWith("talos-"))).toEqual([]);
    });

    it("is quiet for nodes that select hardware another way (fields named *Selector* or mac*)", () => {
        const parsed = validateConfig(baseConfig("talos")).config!;
        for (const field of ["installDiskSelector", "macAddress", "interfaceSelector"]) {
            const raw = talos({}, { [field]: "x" });
            expect({ field, warnings: talosHardwareDefaults(parsed, raw) }).toEqual({ field, warnings: [] });
        }
    });

    it("warns about versions outside the supported minors, naming the end of life", () => {
        const k8s = validateConfig({ ...baseConfig(), cluster: { name: "t", distribution: "talos", endpoint: "10.0.0.10", kubernetesVersion: "1.33.4" } });
        expect(k8s.warnings.filter((w) => w.rule === "kubernetes-version-unsupported").map(formatIssue)).toEqual([expect.stringContaining("1.33 reached end of life on 2026-06-28")]);
        const t = validateConfig({ ...baseConfig(), cluster: { name: "t", distribution: "talos", endpoint: "10.0.0.10", talos: { version: "v1.9.5" } } });
        expect(t.warnings.filter((w) => w.rule === "talos-version-unsupported").map((w) => w.path)).toEqual(["homelab:cluster.talos.version"]);
        const ok = validateConfig({ ...baseConfig("k3s"), cluster: { name: "t", distribution: "k3s", endpoint: "10.0.0.10", k3s: { version: "v1.36.1+k3s1" } } });
        expect(ok.warnings.filter((w) => w.rule?.endsWith("-unsupported"))).toEqual([]);
        const old = validateConfig({ ...baseConfig("k3s"), cluster: { name: "t", distribution: "k3s", endpoint: "10.0.0.10", k3s: { version: "v1.33.4+k3s1" } } });
        expect(old.warnings.filter((w) => w.rule === "k3s-version-unsupported").map((w) => w.path)).toEqual(["homelab:cluster.k3s.version"]);
        // Preinstalled k3s: the OS installs k3s, so the version setting is not ours to judge.
        const pre = validateConfig({ ...baseConfig("k3s"), cluster: { name: "t", distribution: "k3s", endpoint: "10.0.0.10", k3s: { version: "v1.33.4+k3s1", install: "preinstalled" } } });
        expect(pre.warnings.filter((w) => w.rule === "k3s-version-unsupported")).toEqual([]);
    });
});

describe("the stack file itself", () => {
    it("a file without its config: root says so, and only that", () => {
        const file = ux("missing-config-root.yaml");
        const loaded = loadStack({ file }, ROOT);
        expect(loaded.errors.map((e) => e.rule)).toEqual(["missing-config-root"]);
        expect(formatIssue(loaded.errors[0])).toContain("has no `config:` root");
        const text = validate("--file", file);
        expect(text.code).toBe(1);
        expect(text.err).not.toContain("is required");
        const report = JSON.parse(validate("--file", file, "--json").out) as Report;
        expect(report.errors).toEqual([expect.objectContaining({ rule: "missing-config-root", line: lineOf(file, "homelab:cluster:"), column: 1 })]);
    });

    it("a YAML syntax error is one JSON finding with its line and column", () => {
        const file = ux("duplicate-key.yaml");
        const r = validate("--file", file, "--json");
        expect(r.code).toBe(1);
        const report = JSON.parse(r.out) as Report;
        // The second `homelab:network:` is the offending key.
        const second = fs.readFileSync(file, "utf8").split("\n").map((l, i) => (l.includes("homelab:network:") ? i + 1 : 0)).filter((n) => n > 0)[1];
        expect(report).toMatchObject({ valid: false, warnings: [], credentials: [] });
        expect(report.errors).toEqual([expect.objectContaining({ rule: "yaml-syntax", severity: "error", path: "", line: second, column: 3, message: expect.stringMatching(/unique\.$/) })]);
    });

    it("a YAML syntax error in text mode prints file:line:col and the offending line", () => {
        const r = validate("--file", ux("duplicate-key.yaml"));
        expect(r.code).toBe(1);
        expect(r.err).toMatch(/duplicate-key\.yaml:\d+:3: YAML syntax error/);
        // The offending line as written (indented by two), and a caret under column 3.
        expect(r.err).toContain("      homelab:network:\n      ^");
        const quote = JSON.parse(validate("--file", ux("unclosed-quote.yaml"), "--json").out) as Report;
        expect(quote.errors).toEqual([expect.objectContaining({ rule: "yaml-syntax", line: expect.any(Number), column: expect.any(Number) })]);
    });

    it("--json is one JSON document on stdout even for usage errors and missing files", () => {
        for (const [rule, argv] of [
            ["stack-file-not-found", ["--file", ux("no-such-file.yaml"), "--json"]],
            ["usage", ["--json", "--bogus"]],
            ["usage", ["--json"]],
        ] as const) {
            const r = validate(...argv);
            expect(r.code).toBe(2);
            const report = JSON.parse(r.out) as Report;
            expect(report.valid).toBe(false);
            expect(report.errors).toEqual([expect.objectContaining({ rule, severity: "error", line: null, column: null, message: expect.stringMatching(/[.?!]$/) })]);
        }
    });

    it("every finding carries a rule id, a severity, a position and a whole sentence", () => {
        const report = JSON.parse(validate("--file", invalid("vip-in-pool.yaml"), "--json").out) as Report;
        expect(report.errors.length).toBeGreaterThan(0);
        for (const f of [...report.errors, ...report.warnings]) {
            expect(f).toEqual({ rule: expect.stringMatching(/^[a-z0-9-]+$/), severity: expect.stringMatching(/^(error|warning)$/), path: expect.any(String), line: expect.any(Number), column: expect.any(Number), value: expect.anything(), message: expect.stringMatching(/[.?!]$/) });
        }
    });
});

describe("--help", () => {
    it.each([
        ["validate", () => validateMain(["--help"], sink() as never, sink() as never)],
        ["plan", () => planMain(["--help"], sink() as never, sink() as never)],
    ])("%s --help exits 0", async (_name, run) => {
        expect(await run()).toBe(0);
    });

    it("validate, plan, docs, bench and contracts print their usage", async () => {
        const out = sink();
        expect(validateMain(["-h"], out as never, sink() as never)).toBe(0);
        expect(await planMain(["--help"], out as never, sink() as never)).toBe(0);
        const writes: string[] = [];
        const spy = jest.spyOn(process.stdout, "write").mockImplementation((s) => (writes.push(String(s)), true));
        try {
            expect(await docsMain(["--help"])).toBe(0);
            expect(benchMain(["--help"])).toBe(0);
        } finally {
            spy.mockRestore();
        }
        expect(await contractsMain(["--help"], out as never, sink() as never)).toBe(0);
        const all = out.text + writes.join("");
        for (const cmd of ["npm run validate", "npm run plan", "npm run docs", "npm run bench", "npm run contracts"]) expect(all).toContain(`usage: ${cmd}`);
    });
});

describe("credentials", () => {
    it("validate lists each credential the config needs as set (secure:) or missing, with the command", () => {
        const file = ux("k3s-one-credential-set.yaml");
        const loaded = loadStack({ file }, ROOT);
        expect(loaded.credentials.map((c) => [c.key, c.set])).toEqual([
            ["homelab:sshPrivateKey", true],
            ["homelab:gitToken", false],
        ]);
        const missing = loaded.warnings.filter((w) => w.rule === "credential-missing");
        expect(missing.map((w) => w.path)).toEqual(["homelab:gitToken"]);
        const r = validate("--file", file);
        expect(r.code).toBe(0);
        expect(r.out).toMatch(/set +homelab:sshPrivateKey/);
        expect(r.out).toMatch(/missing +homelab:gitToken .*run: pulumi config set --secret gitToken/);
        expect(r.out + r.err).not.toContain("CanaryCiphertext");
        const report = JSON.parse(validate("--file", file, "--json").out) as Report;
        expect(report.valid).toBe(true);
        expect(report.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: "credential-missing", path: "homelab:gitToken", line: lineOf(file, "credentials: https") })]));
    });

    it("plan says which placeholders stand for set credentials and which for absent ones", async () => {
        const result = await plan({ file: ux("k3s-one-credential-set.yaml") }, ROOT);
        const s = summary(result, "out");
        expect(s).toContain("set in the stack file: homelab:sshPrivateKey;");
        expect(s).toContain("absent: homelab:gitToken");
    });
});

describe("helpers", () => {
    it("key paths parse back into their parts", () => {
        for (const [key, p] of [
            ["homelab:nodes", [3, "ip"]],
            ["homelab:gitops", ["secrets", "odd key-name", 0]],
            ["cloudflare:apiToken", []],
        ] as Array<[string, Array<string | number>]>) {
            expect(parseKeyPath(keyPath(key, p))).toEqual({ key, path: p });
        }
    });

    it("did-you-mean matches case slips and near misses, not unrelated words", () => {
        expect(closest("apitoken", ["apiKey", "apiToken", "email"])).toBe("apiToken");
        expect(closest("certManger", ["cni", "certManager", "cloudflare"])).toBe("certManager");
        expect(closest("zzz", ["cni", "nodes"])).toBeUndefined();
    });
});

describe("credentials that another key can provide", () => {
    // cert-manager's DNS-01 solver takes the narrow homelab:cloudflareDnsToken instead of
    // cloudflare:apiToken (config/load.ts accepts either under `pulumi up`); validate agrees.
    const withDnsToken = (dir: string): string => {
        const file = path.join(dir, "Pulumi.pi-dns.yaml");
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.pi-k3s.yaml"), "utf8").replace(/^config:\n/m, "config:\n  homelab:cloudflareDnsToken:\n    secure: AAABAJrWvPpe2kP1\n");
        fs.writeFileSync(file, text);
        return file;
    };

    it("counts cloudflare:apiToken as set when only cloudflareDnsToken is, and names both commands", () => {
        const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "creds-"));
        try {
            const loaded = loadStack({ file: withDnsToken(dir) }, ROOT);
            const cf = loaded.credentials.find((c) => c.key === "cloudflare:apiToken");
            expect(cf).toMatchObject({ set: true, command: "pulumi config set --secret cloudflare:apiToken (or pulumi config set --secret cloudflareDnsToken)" });
            expect(loaded.warnings.map(formatIssue).filter((w) => w.startsWith("cloudflare:apiToken"))).toEqual([]);
            const plain = loadStack({ stack: "pi-k3s" }, ROOT);
            expect(plain.credentials.find((c) => c.key === "cloudflare:apiToken")?.set).toBe(false);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
