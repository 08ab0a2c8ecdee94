/**
 * k3s hardening (docs/security.md): the install script pinned by commit and checked by sha256
 * before it runs, and Secrets encrypted at rest on new clusters.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { k3sServerSharedConfig, renderK3sConfig } from "../../components/nodes/k3s-config";
import { renderInstallScript } from "../../components/nodes/k3s-scripts";
import { installerDownloadLines, installerUrl, K3S_INSTALLER } from "../../components/nodes/pinned-installer";
import { specFrom, type RawConfig } from "../harness";

describe("pinned k3s installer", () => {
    const script = renderInstallScript({ node: "rpi1", role: "server", version: "v1.33.4+k3s1" });

    it("the rendered install script fetches install.sh from a commit, checks its sha256, then runs it", () => {
        const url = `https://raw.githubusercontent.com/k3s-io/k3s/${K3S_INSTALLER.commit}/install.sh`;
        expect(K3S_INSTALLER.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(K3S_INSTALLER.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(script).toContain(`curl -sfL --retry 5 --max-time 120 -o "$installer" '${url}'`);
        expect(script).toContain(`if [[ "$installer_sha256" != '${K3S_INSTALLER.sha256}' ]]; then`);
        expect(script).not.toMatch(/get\.k3s\.io|\/main\/install\.sh|\/master\/install\.sh/);
        const fetch = script.indexOf(url);
        const check = script.indexOf(K3S_INSTALLER.sha256);
        const runs = script.indexOf(`timeout 600 sh "$installer"`);
        expect(fetch).toBeGreaterThan(0);
        expect(check).toBeGreaterThan(fetch);
        expect(runs).toBeGreaterThan(check);
    });

    it("refuses pins that are not a commit id or a sha256", () => {
        expect(() => installerUrl({ commit: "main", sha256: K3S_INSTALLER.sha256 })).toThrow("not a full commit id");
        expect(() => installerDownloadLines("x", "", { commit: K3S_INSTALLER.commit, sha256: "abc" })).toThrow("not a sha256");
    });

    describe("run against a fake curl", () => {
        let dir: string;
        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "k3s-pin-"));
            fs.mkdirSync(path.join(dir, "bin"));
            // curl writes $FAKE_BODY to the -o target.
            fs.writeFileSync(path.join(dir, "bin", "curl"), `#!/bin/sh\nout=""; while [ $# -gt 0 ]; do if [ "$1" = -o ]; then out="$2"; shift; fi; shift; done\nprintf '%s' "$FAKE_BODY" > "$out"\n`, { mode: 0o755 });
        });
        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

        const run = (body: string, pinnedBody: string) => {
            const pin = { commit: K3S_INSTALLER.commit, sha256: createHash("sha256").update(pinnedBody).digest("hex") };
            const text = ["set -euo pipefail", `workdir=${JSON.stringify(dir)}`, ...installerDownloadLines(`"$workdir/install.sh"`, "", pin), `echo ran`].join("\n");
            return spawnSync("bash", ["-c", text], { encoding: "utf8", env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, FAKE_BODY: body } });
        };

        it("goes on when the download matches the pinned digest", () => {
            const r = run("#!/bin/sh\necho genuine\n", "#!/bin/sh\necho genuine\n");
            expect(r.status).toBe(0);
            expect(r.stdout).toBe("ran\n");
        });

        it("stops before running a script whose digest differs", () => {
            const r = run("#!/bin/sh\necho tampered\n", "#!/bin/sh\necho genuine\n");
            expect(r.status).toBe(1);
            expect(r.stdout).toBe("");
            expect(r.stderr).toMatch(/has sha256 [0-9a-f]{64}, expected [0-9a-f]{64}: not running it/);
        });
    });
});

describe("k3s secrets-encryption", () => {
    const cfg = (cluster: Record<string, unknown> = {}, k3s: Record<string, unknown> = {}): RawConfig => ({
        cluster: { name: "pi", distribution: "k3s", endpoint: "192.168.1.10", ...cluster, k3s: { version: "v1.33.4+k3s1", ...k3s } },
        network: { nodeCidr: "192.168.1.0/24", gateway: "192.168.1.1", vip: "192.168.1.10" },
        nodes: [
            { name: "s1", role: "controlplane", ip: "192.168.1.11" },
            { name: "a1", role: "worker", ip: "192.168.1.21" },
        ],
    });
    const server = (raw: RawConfig) => {
        const spec = specFrom(raw, { sshPrivateKey: "k" });
        return renderK3sConfig(spec, spec.nodes[0]);
    };

    it("is on for a new cluster, on every server, and never on agents", () => {
        const spec = specFrom(cfg(), { sshPrivateKey: "k" });
        expect(k3sServerSharedConfig(spec)["secrets-encryption"]).toBe(true);
        expect(server(cfg())["secrets-encryption"]).toBe(true);
        expect(renderK3sConfig(spec, spec.nodes[1])["secrets-encryption"]).toBeUndefined();
    });

    it("is left out when adopting a running cluster, unless stated; an explicit false wins", () => {
        expect(server(cfg({ adopt: true }))["secrets-encryption"]).toBeUndefined();
        expect(server(cfg({ adopt: true }, { secretsEncryption: true }))["secrets-encryption"]).toBe(true);
        expect(server(cfg({}, { secretsEncryption: false }))["secrets-encryption"]).toBeUndefined();
    });
});
