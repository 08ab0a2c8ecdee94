/**
 * validate's k3s rules: the explicit bootstrap server, secret settings kept out of the plain
 * config, version skew, end-of-life pins, host keys in ssh-keyscan form, and the S3 credentials
 * the snapshot target requires.
 */
import { normalizeHostKey } from "../../config/schema/k3s";
import { requiredSecrets } from "../../config/required-secrets";
import { formatIssue } from "../../config/issues";
import { validateConfig } from "../../config/validate";
import type { RawConfig } from "../harness";

type Obj = Record<string, unknown>;
const nodes = (extra: Obj[] = []): Obj[] => [
    { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
    { name: "cp2", role: "controlplane", ip: "10.0.0.12" },
    { name: "cp3", role: "controlplane", ip: "10.0.0.13" },
    { name: "w1", role: "worker", ip: "10.0.0.21" },
    ...extra,
];
function cfg(k3s: Obj, nodeList: Obj[] = nodes()): RawConfig {
    return {
        cluster: { name: "lab", distribution: "k3s", endpoint: "10.0.0.10", k3s: { bootstrapServer: "cp1", ...k3s } },
        network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1", vip: "10.0.0.10" },
        nodes: nodeList,
    };
}
const errors = (raw: RawConfig) => validateConfig(raw).errors.map(formatIssue);
const warnings = (raw: RawConfig) => validateConfig(raw).warnings.map(formatIssue);

describe("k3s bootstrap server", () => {
    it("is required with more than one server and names an online server", () => {
        const raw = cfg({});
        delete ((raw.cluster as Obj).k3s as Obj).bootstrapServer;
        expect(errors(raw)).toEqual([expect.stringMatching(/^homelab:cluster\.k3s\.bootstrapServer: \(unset\) is required with 3 servers \(cp1, cp2, cp3\)/)]);
        expect(errors(cfg({ bootstrapServer: "cp9" }))).toEqual(["homelab:cluster.k3s.bootstrapServer: cp9 is not a node in homelab:nodes"]);
        expect(errors(cfg({ bootstrapServer: "w1" }))[0]).toContain("homelab:cluster.k3s.bootstrapServer: w1 is a worker");
        const offline = nodes();
        offline[0] = { ...offline[0], offline: true };
        expect(errors(cfg({}, offline))[0]).toContain("homelab:cluster.k3s.bootstrapServer: cp1 is offline");
        expect(errors(cfg({ bootstrapServer: "cp3" }))).toEqual([]);
    });

    it("defaults to the only server of a single-server cluster", () => {
        const raw = cfg({}, [{ name: "solo", role: "controlplane", ip: "10.0.0.11" }]);
        delete ((raw.cluster as Obj).k3s as Obj).bootstrapServer;
        expect(errors(raw)).toEqual([]);
    });
});

describe("secret k3s settings", () => {
    const CANARY = "CANARY-PLAIN-SECRET";
    it("are rejected in serverConfig, agentConfig and node k3s.config, without echoing the value", () => {
        const raw = cfg(
            { serverConfig: { "etcd-s3-secret-key": CANARY, "etcd-s3-access-key": CANARY, "etcd-expose-metrics": true, "token-file": "/x", "secrets-encryption": true }, agentConfig: { token: CANARY } },
            nodes([{ name: "w2", role: "worker", ip: "10.0.0.22", k3s: { config: { "registry-password": CANARY, "etcd-s3-config-secret": "s3-config" } } }]),
        );
        const e = errors(raw);
        expect(e).toEqual([
            expect.stringMatching(/^homelab:cluster\.k3s\.serverConfig\["etcd-s3-secret-key"\]: \[redacted\] is a secret .*k3sEtcdS3SecretKey/),
            expect.stringMatching(/^homelab:cluster\.k3s\.serverConfig\["etcd-s3-access-key"\]: \[redacted\] is a secret .*k3sEtcdS3AccessKey/),
            expect.stringMatching(/^homelab:cluster\.k3s\.agentConfig\.token: \[redacted\] is a secret .*homelab:k3sToken/),
            expect.stringMatching(/^homelab:nodes\[4\]\.k3s\.config\["registry-password"\]: \[redacted\] is a secret/),
        ]);
        expect(JSON.stringify(validateConfig(raw))).not.toContain(CANARY);
    });

    it("the S3 target requires both S3 keys as secrets", () => {
        const r = validateConfig(cfg({ etcdSnapshots: { s3: { bucket: "etcd-snaps" } } }));
        expect(r.errors).toEqual([]);
        expect(requiredSecrets(r.config!).map((s) => s.key)).toEqual(["sshPrivateKey", "k3sEtcdS3AccessKey", "k3sEtcdS3SecretKey"]);
        expect(requiredSecrets(validateConfig(cfg({})).config!).map((s) => s.key)).toEqual(["sshPrivateKey"]);
        // Without a target the snapshots stay on the servers: a warning says so.
        expect(warnings(cfg({}))).toEqual(expect.arrayContaining([expect.stringMatching(/^homelab:cluster\.k3s\.etcdSnapshots\.s3: \(unset\) means etcd snapshots stay on the servers' own disks only/)]));
        expect(warnings(cfg({ etcdSnapshots: { s3: { bucket: "etcd-snaps" } } })).join("\n")).not.toContain("etcdSnapshots");
    });
});

describe("k3s versions", () => {
    it("keeps node pins within one minor, and agents no newer than the oldest server", () => {
        const n = nodes();
        n[1] = { ...n[1], k3sVersion: "v1.34.5+k3s1" };
        n[3] = { ...n[3], k3sVersion: "v1.36.4+k3s1" };
        expect(errors(cfg({ version: "v1.36.3+k3s1" }, n))).toEqual([
            "homelab:nodes[1].k3sVersion: v1.34.5+k3s1 is more than one minor away from cluster.k3s.version v1.36.3+k3s1: upgrade one minor at a time",
            "homelab:nodes[3].k3sVersion: v1.36.4+k3s1 is newer than the oldest server (v1.34.5+k3s1): a kubelet must never be newer than the API server; upgrade the servers first",
        ]);
        // Rolling a minor upgrade: servers on the new minor, agents held back one minor.
        const rolling = nodes();
        rolling[3] = { ...rolling[3], k3sVersion: "v1.35.8+k3s1" };
        expect(errors(cfg({ version: "v1.36.3+k3s1" }, rolling))).toEqual([]);
    });

    it("warns on an end-of-life pin and defaults to a supported release", () => {
        expect(warnings(cfg({ version: "v1.33.4+k3s1" }))).toEqual(expect.arrayContaining([expect.stringMatching(/^homelab:cluster\.k3s\.version: v1\.33\.4\+k3s1 is end of life \(Kubernetes 1\.33, 2026-06-28\)/)]));
        expect(warnings(cfg({ version: "v1.29.1+k3s1" })).join("\n")).toContain("is end of life");
        expect(warnings(cfg({})).join("\n")).not.toContain("end of life");
        expect(validateConfig(cfg({})).config?.cluster.k3s?.version).toMatch(/^v1\.36\.\d+\+k3s\d+$/);
    });
});

describe("host keys", () => {
    it("accept a bare key or an ssh-keyscan line and keep `<type> <key>`", () => {
        expect(normalizeHostKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc")).toBe("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc");
        expect(normalizeHostKey("10.0.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc")).toBe("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc");
        expect(normalizeHostKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc root@pi")).toBe("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc");
        expect(normalizeHostKey("# 10.0.0.11:22 SSH-2.0-OpenSSH_9.2")).toBeUndefined();
        expect(normalizeHostKey("10.0.0.11 pi ssh-ed25519 AAAA")).toBeUndefined();
        const n = nodes();
        n[0] = { ...n[0], hostKey: "10.0.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc" };
        expect(validateConfig(cfg({}, n)).config?.nodes[0].hostKey).toBe("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc");
        n[1] = { ...n[1], hostKey: "not a key" };
        expect(errors(cfg({}, n))[0]).toMatch(/^homelab:nodes\[1\]\.hostKey: \[redacted: string, 9 characters\] must be an OpenSSH public host key/);
    });
});
