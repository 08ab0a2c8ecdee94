/* eslint-disable @typescript-eslint/no-explicit-any -- rendered objects and stack configs are free-form trees; tests index into them directly */
/**
 * Pure-function tests of the Talos lifecycle renderers: rollout scripts (bash syntax, secrets,
 * bounds), rollout order and environment, stable-identity patches (validated against the Talos 1.13 JSON schema in
 * tests/upstream/talos-identity-schema.test.ts), etcd backup objects, and the config rules behind them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { copyScript, etcdBackupCronJob, etcdBackupTarget, talosServiceAccount } from "../../components/nodes/talos-etcd-backup-manifests";
import { installPatch, LAN_LINK_ALIAS, layer2VipConfig, linkAliasConfig, linkConfig, nodePatches, talosApiAccessPatch } from "../../components/nodes/talos-patches";
import { nodeEnv, rolloutOrder, stepTimeouts } from "../../components/nodes/talos-rollout";
import * as scripts from "../../components/nodes/talos-upgrade-scripts";
import { requiredSecrets } from "../../config/required-secrets";
import { validateConfig } from "../../config/validate";
import { baseConfig, readFixture, specFrom } from "../harness";
import { stableIdentityFixture } from "./talos-fixtures";

const allScripts: Record<string, string> = {
    rollout: scripts.rolloutScript(),
    k8s: scripts.kubernetesUpgradeScript(),
    etcd: scripts.etcdRemoveMemberScript(),
    worker: scripts.workerRemoveScript(),
};

describe("rollout scripts", () => {
    it.each(Object.entries(allScripts))("%s is valid bash", (_name, text) => {
        const r = spawnSync("bash", ["-n"], { input: text, encoding: "utf8" });
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
    });

    it.each(Object.entries(allScripts))("%s keeps the talosconfig in a 0600 temp file and out of argv and output", (_name, text) => {
        expect(text).toContain("umask 077");
        expect(text).toContain('export TALOSCONFIG="$tc"');
        expect(text).toContain("unset TALOSCONFIG_DATA");
        // The only use of the secret variable is writing it to the file.
        expect(text.match(/TALOSCONFIG_DATA/g)).toHaveLength(2);
        expect(text).not.toMatch(/echo[^\n]*TALOSCONFIG_DATA/);
    });

    it.each(Object.entries(allScripts))("%s bounds every talosctl and kubectl call with timeout and names the node in failures", (_name, text) => {
        for (const line of text.split("\n").filter((l) => /\b(talosctl|kubectl) /.test(l) && !/command -v|fail "|echo /.test(l))) {
            expect(line).toMatch(/timeout /);
        }
        expect(text).toContain('fail() { echo "talos ${step} on node ${NODE_NAME:-?} (${NODE_IP:-?}): $*" >&2; exit 1; }');
    });

    it("rollout: upgrades a node not on the target, else reboots only a staged, not yet active config; health after", () => {
        const t = allScripts.rollout;
        expect(t).toContain('if [ "$running" != "$VERSION" ] || ! grep -q -- "$SCHEMATIC" <<<"$extensions"; then');
        expect(t).toContain('elif [ "$APPLY_MODE" = "staged" ] && staged_pending; then');
        expect(t).toContain("cfg v1alpha1");
        expect(t).toContain("cfg persistent");
        expect(t.indexOf("upgrade --image")).toBeLessThan(t.indexOf("reboot --drain --wait"));
        expect(t.trimEnd().endsWith("health")).toBe(true);
    });

    it("rollout: decides as documented, run against a fake talosctl", () => {
        const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "talosctl-"));
        const log = path.join(dir, "calls");
        // A fake talosctl: version tag and extensions from env, configs per FAKE_ACTIVE/FAKE_PERSISTENT, logs its argv.
        fs.writeFileSync(path.join(dir, "talosctl"), [
            "#!/usr/bin/env bash",
            `echo "$*" >> ${log}`,
            'case "$*" in',
            '  *" version") printf "Client:\n\tTag: v9\nServer:\n\tTag: %s\n" "$FAKE_TAG" ;;',
            '  *"get extensions"*) echo "version: $FAKE_SCHEMATIC" ;;',
            '  *"machineconfig v1alpha1"*) echo "$FAKE_ACTIVE" ;;',
            '  *"machineconfig persistent"*) echo "$FAKE_PERSISTENT" ;;',
            "esac",
        ].join("\n"), { mode: 0o755 });
        const run = (fake: Record<string, string>) => {
            fs.writeFileSync(log, "");
            const r = spawnSync("bash", ["-c", allScripts.rollout], {
                encoding: "utf8",
                env: { PATH: `${dir}:${process.env.PATH}`, TALOSCONFIG_DATA: "ctx", NODE_NAME: "k8s-1", NODE_IP: "10.0.60.21", CONTROL_PLANES: "10.0.60.23,10.0.60.21", WORKERS: "", STEP_TIMEOUT: "60", IMAGE: "factory/x:v1.13.10", VERSION: "v1.13.10", SCHEMATIC: "abc", APPLY_MODE: "auto", ...fake },
            });
            return { status: r.status, calls: fs.readFileSync(log, "utf8").trim().split("\n") };
        };
        const upgrade = run({ FAKE_TAG: "v1.13.9", FAKE_SCHEMATIC: "abc" });
        expect(upgrade.status).toBe(0);
        expect(upgrade.calls).toContain("-n 10.0.60.21 upgrade --image factory/x:v1.13.10 --wait --timeout 60s");
        expect(upgrade.calls[upgrade.calls.length - 1]).toBe("-n 10.0.60.23 health --control-plane-nodes 10.0.60.23,10.0.60.21 --wait-timeout 60s");
        const reboot = run({ FAKE_TAG: "v1.13.10", FAKE_SCHEMATIC: "abc", APPLY_MODE: "staged", FAKE_ACTIVE: "a", FAKE_PERSISTENT: "b" });
        expect(reboot.calls).toContain("-n 10.0.60.21 reboot --drain --wait --timeout 60s");
        expect(reboot.calls.some((c) => c.includes("upgrade"))).toBe(false);
        const done = run({ FAKE_TAG: "v1.13.10", FAKE_SCHEMATIC: "abc", APPLY_MODE: "staged", FAKE_ACTIVE: "b", FAKE_PERSISTENT: "b" });
        expect(done.calls.some((c) => / (upgrade|reboot) /.test(c))).toBe(false);
        expect(done.calls.some((c) => c.includes("health"))).toBe(true);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("etcd removal: finds the member id by hostname in both layouts of `talosctl etcd members`", () => {
        const awk = /awk -v h="\$NODE_NAME" '([^']+)'/.exec(allScripts.etcd)![1];
        const run = (out: string) => spawnSync("awk", ["-v", "h=k8s-5", awk], { input: out, encoding: "utf8" }).stdout.trim();
        expect(run("ID HOSTNAME PEER URLS\n6a2b11 k8s-1 https://10.0.60.21:2380\n7c3d22 k8s-5 https://10.0.60.25:2380\n")).toBe("7c3d22");
        expect(run("NODE ID HOSTNAME\n10.0.60.21 6a2b11 k8s-1\n10.0.60.21 7c3d22 k8s-5\n")).toBe("7c3d22");
        expect(run("NODE ID HOSTNAME\n10.0.60.21 6a2b11 k8s-1\n")).toBe("");
    });

    it("etcd removal: removes the member by id through another control plane, and does nothing when it is gone", () => {
        const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "talosctl-"));
        const log = path.join(dir, "calls");
        fs.writeFileSync(path.join(dir, "talosctl"), [
            "#!/usr/bin/env bash",
            `echo "$*" >> ${log}`,
            'case "$*" in',
            '  *"etcd members") printf "NODE ID HOSTNAME PEER-URLS\n10.0.60.21 6a2b11 k8s-1 https://10.0.60.21:2380\n%s" "$FAKE_EXTRA" ;;',
            "esac",
        ].join("\n"), { mode: 0o755 });
        const run = (extra: string) => {
            fs.writeFileSync(log, "");
            const r = spawnSync("bash", ["-c", allScripts.etcd], {
                encoding: "utf8",
                env: { PATH: `${dir}:${process.env.PATH}`, TALOSCONFIG_DATA: "ctx", NODE_NAME: "k8s-5", NODE_IP: "10.0.60.25", CONTROL_PLANES: "10.0.60.21,10.0.60.23", WORKERS: "", STEP_TIMEOUT: "30", FAKE_EXTRA: extra },
            });
            return { status: r.status, calls: fs.readFileSync(log, "utf8").trim().split("\n") };
        };
        const present = run("10.0.60.21 7c3d22 k8s-5 https://10.0.60.25:2380\n");
        expect(present.status).toBe(0);
        expect(present.calls).toEqual(["-n 10.0.60.21 etcd members", "-n 10.0.60.21 etcd remove-member 7c3d22"]);
        const gone = run("");
        expect(gone.calls).toEqual(["-n 10.0.60.21 etcd members"]);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("parses durations and derives wider engine timeouts", () => {
        expect(scripts.durationSeconds("20m")).toBe(1200);
        expect(scripts.durationSeconds("1h30m")).toBe(5400);
        expect(() => scripts.durationSeconds("5ms")).toThrow("h/m/s");
        expect(stepTimeouts("20m")).toEqual({ create: "45m", update: "45m", delete: "45m" });
    });
});

describe("rollout order and environment", () => {
    const seed = specFrom(readFixture("Pulumi.homelab.yaml").raw);

    it("puts online control planes first, then online workers, each in config order", () => {
        expect(rolloutOrder(seed.nodes).map((n) => n.name)).toEqual(["k8s-1", "k8s-3", "k8s-5", "k8s-2", "k8s-6", "k8s-7", "k8s-8", "k8s-9"]);
    });

    it("checks health through another control plane than the one being rolled", () => {
        const order = rolloutOrder(seed.nodes);
        expect(nodeEnv(order[0], order, "20m")).toEqual({
            NODE_NAME: "k8s-1",
            NODE_IP: "10.0.60.21",
            CONTROL_PLANES: "10.0.60.23,10.0.60.25,10.0.60.21",
            WORKERS: "10.0.60.22,10.0.60.26,10.0.60.27,10.0.60.28,10.0.60.29",
            STEP_TIMEOUT: "1200",
        });
        expect(nodeEnv(order[3], order, "20m").CONTROL_PLANES).toBe("10.0.60.21,10.0.60.23,10.0.60.25");
    });
});

describe("stable identity patches", () => {
    const { spec, ctx } = stableIdentityFixture();

    it("selects the NIC by permanent MAC and addresses it (and the VIP) through the alias", () => {
        const cp = spec.nodes[0];
        expect(linkAliasConfig(cp)).toEqual({ apiVersion: "v1alpha1", kind: "LinkAliasConfig", name: "lan0", selector: { match: 'mac(link.permanent_addr) == "00:1a:2b:3c:4d:5e"' } });
        expect(linkConfig(cp, spec.network).name).toBe(LAN_LINK_ALIAS);
        expect(layer2VipConfig(cp, spec.network)?.link).toBe(LAN_LINK_ALIAS);
        expect(linkAliasConfig(spec.nodes[1])).toBeUndefined();
        expect(linkConfig(spec.nodes[1], spec.network).name).toBe("eth0");
    });

    it("installs to the disk selector instead of a kernel name", () => {
        expect(installPatch(spec.nodes[0], spec.cluster.talos!)).toEqual({ machine: { install: { diskSelector: { serial: "S6EUNX0T123456", type: "nvme" }, wipe: false } } });
    });

    it("gives control planes Talos API access for the etcd backup, with the backup role only", () => {
        expect(talosApiAccessPatch("kube-system")).toEqual({ machine: { features: { kubernetesTalosAPIAccess: { enabled: true, allowedRoles: ["os:etcd:backup"], allowedKubernetesNamespaces: ["kube-system"] } } } });
        expect(nodePatches(spec.nodes[0], ctx).map((p) => p.name)).toContain("talos-api-access");
        expect(nodePatches(spec.nodes[1], ctx).map((p) => p.name)).not.toContain("talos-api-access");
    });
});

describe("etcd backup objects", () => {
    const nfs = etcdBackupTarget({ enabled: true, schedule: "0 3 * * *", keep: 7, nfs: { server: "10.0.60.5", path: "/backups/etcd" } })!;
    const s3 = etcdBackupTarget({ enabled: true, schedule: "0 3 * * *", keep: 7, s3: { endpoint: "https://s3.example.com", bucket: "etcd", region: "eu-1", prefix: "homelab/" } })!;

    it("picks the target, or none when disabled", () => {
        expect(nfs.kind).toBe("nfs");
        expect(s3.kind).toBe("s3");
        expect(etcdBackupTarget({ enabled: false, schedule: "0 3 * * *", keep: 7, s3: { endpoint: "https://x", bucket: "abc", region: "r", prefix: "" } })).toBeUndefined();
        expect(etcdBackupTarget(undefined)).toBeUndefined();
    });

    it("snapshots with talosctl through the control planes, then copies off-cluster", () => {
        const job = etcdBackupCronJob({ target: nfs, schedule: "0 3 * * *", keep: 7, talosVersion: "v1.13.9", controlPlanes: ["10.0.60.21", "10.0.60.23"] }) as any;
        const pod = job.spec.jobTemplate.spec.template.spec;
        expect(job.spec.concurrencyPolicy).toBe("Forbid");
        expect(pod.initContainers[0].image).toBe("ghcr.io/siderolabs/talosctl:v1.13.9");
        expect(pod.initContainers[0].args).toEqual(["-e", "10.0.60.21,10.0.60.23", "-n", "10.0.60.21", "etcd", "snapshot", "/snapshot/etcd.snapshot"]);
        expect(pod.initContainers[0].volumeMounts).toContainEqual({ name: "talos-secrets", mountPath: "/var/run/secrets/talos.dev", readOnly: true });
        expect(pod.volumes).toContainEqual({ name: "target", nfs: { server: "10.0.60.5", path: "/backups/etcd" } });
        expect(talosServiceAccount()).toMatchObject({ apiVersion: "talos.dev/v1alpha1", kind: "ServiceAccount", spec: { roles: ["os:etcd:backup"] } });
    });

    it("keeps the newest N snapshots on NFS and uploads to S3 with credentials from a Secret", () => {
        const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "etcd-"));
        fs.mkdirSync(path.join(dir, "snapshot"));
        fs.mkdirSync(path.join(dir, "target"));
        fs.writeFileSync(path.join(dir, "snapshot", "etcd.snapshot"), "data");
        for (const d of ["20260101T000000Z", "20260102T000000Z", "20260103T000000Z"]) fs.writeFileSync(path.join(dir, "target", `etcd-${d}.snapshot`), "old");
        const text = copyScript(nfs, 2).replaceAll("/snapshot/", `${dir}/snapshot/`).replaceAll("/target", `${dir}/target`);
        const r = spawnSync("sh", ["-c", text], { encoding: "utf8" });
        expect(r.status).toBe(0);
        const left = fs.readdirSync(path.join(dir, "target")).sort();
        expect(left).toHaveLength(2);
        expect(left[0]).toBe("etcd-20260103T000000Z.snapshot");
        fs.rmSync(dir, { recursive: true, force: true });
        expect(copyScript(s3, 7)).toContain('aws s3 cp /snapshot/etcd.snapshot "s3://etcd/homelab/$f" --endpoint-url "https://s3.example.com"');
        const job = etcdBackupCronJob({ target: s3, schedule: "0 3 * * *", keep: 7, talosVersion: "v1.13.9", controlPlanes: ["10.0.60.21"] }) as any;
        expect(job.spec.jobTemplate.spec.template.spec.containers[0].env).toContainEqual({ name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "talos-etcd-backup-s3", key: "secretAccessKey" } } });
    });
});

describe("config rules of the Talos lifecycle fields", () => {
    const errorsOf = (edit: (raw: any) => void) => {
        const raw: any = baseConfig("talos");
        edit(raw);
        return validateConfig(raw).errors.map((e) => `${e.path}: ${String(e.value)}`);
    };

    it("rejects an install disk named two ways, a MAC with an interface, duplicate MACs and bad MACs", () => {
        expect(errorsOf((r) => Object.assign(r.nodes[0], { installDisk: "/dev/sda", installDiskSelector: { serial: "X" } }))).toEqual(["homelab:nodes[0].installDiskSelector: {...}"]);
        expect(errorsOf((r) => Object.assign(r.nodes[0], { mac: "00:1a:2b:3c:4d:5e", interface: "eno1" }))).toEqual(["homelab:nodes[0].interface: eno1"]);
        expect(errorsOf((r) => (Object.assign(r.nodes[0], { mac: "00:1a:2b:3c:4d:5e" }), Object.assign(r.nodes[1], { mac: "00:1a:2b:3c:4d:5e" })))).toEqual(["homelab:nodes[1].mac: 00:1a:2b:3c:4d:5e"]);
        expect(errorsOf((r) => Object.assign(r.nodes[0], { mac: "00:1A:2B:3C:4D:5E" }))[0]).toMatch(/^homelab:nodes\[0\]\.mac/);
        expect(errorsOf((r) => Object.assign(r.nodes[0], { installDiskSelector: {} }))[0]).toMatch(/^homelab:nodes\[0\]\.installDiskSelector/);
    });

    it("rejects a rollout timeout the scripts cannot use", () => {
        expect(errorsOf((r) => (r.cluster.talos = { rolloutTimeout: "500ms" }))).toEqual(["homelab:cluster.talos.rolloutTimeout: 500ms"]);
        expect(errorsOf((r) => (r.cluster.talos = { rolloutTimeout: "1h30m" }))).toEqual([]);
    });

    it("rejects Talos identity fields under k3s", () => {
        const raw: any = baseConfig("k3s");
        raw.nodes[0].mac = "00:1a:2b:3c:4d:5e";
        expect(validateConfig(raw).errors.map((e) => e.path)).toContain("homelab:nodes[0].mac");
    });

    it("needs exactly one etcd backup target, and S3 credentials for S3", () => {
        expect(errorsOf((r) => (r.cluster.talos = { etcdBackup: {} }))).toEqual(["homelab:cluster.talos.etcdBackup: {...}"]);
        expect(errorsOf((r) => (r.cluster.talos = { etcdBackup: { nfs: { server: "a", path: "/b" }, s3: { endpoint: "https://x", bucket: "abc" } } }))).toEqual(["homelab:cluster.talos.etcdBackup.nfs: {...}"]);
        expect(errorsOf((r) => (r.cluster.talos = { etcdBackup: { nfs: { server: "a", path: "/b" } } }))).toEqual([]);
        const withS3: any = baseConfig("talos");
        withS3.cluster.talos = { etcdBackup: { s3: { endpoint: "https://s3.example.com", bucket: "etcd" } } };
        expect(requiredSecrets(validateConfig(withS3).config!).map((x) => x.key)).toEqual(["backupAccessKeyId", "backupSecretAccessKey"]);
        expect(requiredSecrets(validateConfig(baseConfig("talos")).config!)).toEqual([]);
    });

    it("warns about kernel disk names on the homelab stack", () => {
        const w = validateConfig(readFixture("Pulumi.homelab.yaml").raw).warnings.map((x) => x.message);
        expect(w.some((m) => m.includes("kernel disk name"))).toBe(true);
    });
});
