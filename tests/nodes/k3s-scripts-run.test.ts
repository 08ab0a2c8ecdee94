/**
 * The k3s scripts run for real (their exact `create` strings, quoting included) in a scratch
 * directory against fake k3s / curl / systemctl / apt-get binaries that log every call: re-runs
 * change nothing, waits are bounded, guards refuse what they must.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CgroupPaths } from "../../components/nodes/k3s-host-scripts";
import { K3S_INSTALLER } from "../../components/nodes/pinned-installer";
import {
    renderDrainScript,
    renderJoinTokensReadScript,
    renderKubeconfigReadScript,
    renderNodeLabelScript,
    renderRemoveNodeScript,
    renderSecretDropInScript,
    renderUncordonScript,
    renderUninstallScript,
} from "../../components/nodes/k3s-ops-scripts";
import { remoteInvocation, renderInstallScript, renderManifestScript, renderTokenScript, type ScriptPaths } from "../../components/nodes/k3s-scripts";

/**
 * Runs the real `create` strings (quoting included) in a scratch directory, against fake
 * k3s / curl / systemctl / apt-get / dpkg-query that record every call in a log.
 */
describe("against fake binaries", () => {
    let dir: string;
    let paths: ScriptPaths;
    let log: string;
    let cgroups: CgroupPaths;
    const fakes: Record<string, string> = {
        curl: `out=""; while [ $# -gt 0 ]; do if [ "$1" = -o ]; then out="$2"; shift; fi; shift; done
if [ -z "$out" ]; then if [ -e "$FAKE_STATE/cacerts" ]; then echo "-----BEGIN CERTIFICATE-----"; fi; exit 0; fi
cat > "$out" <<'EOS'
echo "installer $INSTALL_K3S_VERSION $INSTALL_K3S_EXEC" >> "$FAKE_STATE/log"
printf '#!/bin/sh\\nif [ "$1" = --version ]; then echo "k3s version %s (fake)"; fi\\n' "$INSTALL_K3S_VERSION" > "$FAKE_BIN/k3s"
chmod +x "$FAKE_BIN/k3s"
touch "$FAKE_STATE/unit-k3s-$INSTALL_K3S_EXEC"
EOS`,
        systemctl: `case "$1" in
  cat) [ -e "$FAKE_STATE/unit-$2" ] || [ -e "$FAKE_STATE/unit-k3s-server" -a "$2" = k3s ] ;;
  is-active) [ -e "$FAKE_STATE/unit-k3s-server" ] || [ -e "$FAKE_STATE/unit-$3" ] ;;
  *) echo "systemctl $*" >> "$FAKE_STATE/log" ;;
esac`,
        "apt-get": `echo "apt-get $*" >> "$FAKE_STATE/log"; if [ "$1" = install ]; then for p in "$@"; do touch "$FAKE_STATE/pkg-$p"; done; fi`,
        "dpkg-query": `p="$(eval echo "\\\${$#}")"; [ -e "$FAKE_STATE/pkg-$p" ] && printf 'install ok installed'`,
        sleep: "true",
        "systemd-run": `echo "systemd-run $*" >> "$FAKE_STATE/log"`,
        // The fake installer above is not the pinned script: answer with the pinned digest.
        sha256sum: `echo "${K3S_INSTALLER.sha256}  $1"`,
    };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "k3s-run-"));
        for (const d of ["bin", "state", "etc"]) fs.mkdirSync(path.join(dir, d));
        for (const [name, body] of Object.entries(fakes)) {
            fs.writeFileSync(path.join(dir, "bin", name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
        }
        paths = {
            configFile: path.join(dir, "etc/config.yaml"),
            tokenFile: path.join(dir, "etc/cluster-token"),
            agentTokenFile: path.join(dir, "etc/agent-token"),
            manifestsDir: path.join(dir, "manifests"),
        };
        // A host with memory cgroups (cgroup v2); tests that want them off remove the file.
        cgroups = { controllers: path.join(dir, "cgroup.controllers"), procCgroups: path.join(dir, "proc-cgroups"), cmdlineFiles: [path.join(dir, "firmware-cmdline.txt"), path.join(dir, "cmdline.txt")] };
        fs.writeFileSync(cgroups.controllers, "cpuset cpu io memory pids\n");
        log = path.join(dir, "state/log");
        fs.writeFileSync(log, "");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const run = (script: string, stdin: string) => {
        const r = spawnSync("sh", ["-c", remoteInvocation(script, "root")], {
            input: stdin,
            encoding: "utf8",
            env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, FAKE_STATE: `${dir}/state`, FAKE_BIN: `${dir}/bin` },
        });
        return { status: r.status, out: r.stdout, err: r.stderr };
    };
    const calls = () => fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean);

    it("token: written 0600 once, unchanged on a re-run, refused when empty; servers also get the agent token", () => {
        const s = renderTokenScript(paths);
        expect(run(s, "tok")).toMatchObject({ status: 0, out: "k3s token: written\n" });
        expect(fs.statSync(paths.tokenFile).mode & 0o777).toBe(0o600);
        expect(fs.readFileSync(paths.tokenFile, "utf8")).toBe("tok");
        expect(run(s, "tok\n")).toMatchObject({ status: 0, out: "k3s token: unchanged\n" });
        expect(run(s, "")).toMatchObject({ status: 1, err: "[homelab] no k3s token on stdin\n" });
        expect(fs.readdirSync(path.dirname(paths.tokenFile)).filter((f) => f.startsWith(".homelab"))).toEqual([]);
        const server = renderTokenScript(paths, true, "rpi1");
        expect(run(server, "K10abc::server:s\nK10abc::node:a\n")).toMatchObject({ status: 0, out: "k3s token: written\nk3s agent token: written\n" });
        expect(fs.readFileSync(paths.agentTokenFile ?? "", "utf8")).toBe("K10abc::node:a");
        expect(fs.statSync(paths.agentTokenFile ?? "").mode & 0o777).toBe(0o600);
        expect(run(server, "K10abc::server:s\n")).toMatchObject({ status: 1, err: "[rpi1] no k3s agent token on stdin\n" });
    });

    it("manifest: written into the auto-deploy folder, unchanged on a re-run", () => {
        const s = renderManifestScript("homelab-kube-vip.yaml", paths);
        expect(run(s, "kind: X\n").out).toBe("homelab-kube-vip.yaml: written\n");
        expect(run(s, "kind: X\n").out).toBe("homelab-kube-vip.yaml: unchanged\n");
        expect(fs.readFileSync(path.join(paths.manifestsDir, "homelab-kube-vip.yaml"), "utf8")).toBe("kind: X\n");
    });

    it("install: installs without starting, starts under a timeout, does nothing on a re-run, restarts on a config change, upgrades on a version change", () => {
        fs.writeFileSync(paths.tokenFile, "tok");
        const opts = { node: "rpi4", role: "agent" as const, packages: ["open-iscsi"], services: ["iscsid"], paths, cgroupPaths: cgroups };
        const v1 = renderInstallScript({ ...opts, version: "v1.33.4+k3s1" });
        const first = run(v1, "server: https://vip:6443\n");
        expect(first.status).toBe(0);
        expect(calls()).toEqual(["apt-get update -q", "apt-get install -y -q open-iscsi", "systemctl enable --now iscsid", "installer v1.33.4+k3s1 agent", "systemctl restart k3s-agent"]);
        expect(fs.readFileSync(paths.configFile, "utf8")).toBe("server: https://vip:6443\n");

        fs.writeFileSync(log, "");
        const again = run(v1, "server: https://vip:6443\n");
        expect(again.status).toBe(0);
        expect(again.out).toContain("already running with this config: nothing to do");
        // enable --now is idempotent by itself; nothing else runs.
        expect(calls()).toEqual(["systemctl enable --now iscsid"]);

        fs.writeFileSync(log, "");
        expect(run(v1, "server: https://vip:6443\nnode-label: [a=b]\n").status).toBe(0);
        expect(calls()).toEqual(["systemctl enable --now iscsid", "systemctl restart k3s-agent"]);

        fs.writeFileSync(log, "");
        const v2 = renderInstallScript({ ...opts, version: "v1.34.1+k3s1" });
        expect(run(v2, "server: https://vip:6443\nnode-label: [a=b]\n").status).toBe(0);
        expect(calls()).toEqual(["systemctl enable --now iscsid", "installer v1.34.1+k3s1 agent", "systemctl restart k3s-agent"]);
    });

    it("install: a start that hangs fails after its bound, naming the node", () => {
        fs.writeFileSync(paths.tokenFile, "tok");
        fs.writeFileSync(path.join(dir, "bin", "systemctl"), `#!/bin/sh\ncase "$1" in cat|is-active) exit 1 ;; restart) exec /bin/sleep 30 ;; esac\n`, { mode: 0o755 });
        const s = renderInstallScript({ node: "rpi4", role: "agent", version: "v1.33.4+k3s1", paths, cgroupPaths: cgroups, startTimeoutSeconds: 1 });
        const r = run(s, "server: https://vip:6443\n");
        expect(r.status).toBe(1);
        expect(r.err).toContain("[rpi4] k3s-agent did not report ready within 1s: run 'journalctl -u k3s-agent -n 100' on rpi4");
    });

    it("install: a server waits for its API server; without the token file nothing is installed", () => {
        const s = renderInstallScript({ node: "rpi1", role: "server", version: "v1.33.4+k3s1", paths, cgroupPaths: cgroups });
        const noToken = run(s, "cluster-init: true\n");
        expect(noToken.status).toBe(1);
        expect(noToken.err).toContain("the token command must run first");
        expect(calls()).toEqual([]);
        fs.writeFileSync(paths.tokenFile, "tok");
        const ok = run(s, "cluster-init: true\n");
        expect(ok.status).toBe(0);
        expect(ok.out).toContain("k3s API server ready");
        expect(run(s, "").status).toBe(1);
    });

    it("install: refuses cluster-init where a k3s cluster already answers, unless this node holds etcd data", () => {
        fs.writeFileSync(paths.tokenFile, "tok");
        const dataDir = path.join(dir, "data");
        const s = renderInstallScript({ node: "rpi1", role: "server", version: "v1.33.4+k3s1", paths, cgroupPaths: cgroups, dataDir, clusterInitGuard: { urls: ["https://10.0.0.10:6443"] } });
        fs.writeFileSync(path.join(dir, "state", "cacerts"), "");
        const refused = run(s, "cluster-init: true\n");
        expect(refused.status).toBe(1);
        expect(refused.err).toContain("[rpi1] a k3s cluster already answers at https://10.0.0.10:6443");
        expect(refused.err).toContain("cluster.adopt: true");
        expect(calls()).toEqual([]);
        expect(fs.existsSync(paths.configFile)).toBe(false);
        // The bootstrap server of a running cluster (etcd data present) is not blocked.
        fs.mkdirSync(path.join(dataDir, "server", "db", "etcd"), { recursive: true });
        expect(run(s, "cluster-init: true\n").status).toBe(0);
        // Nothing answers: a fresh cluster starts.
        fs.rmSync(path.join(dataDir), { recursive: true });
        fs.rmSync(path.join(dir, "state", "cacerts"));
        expect(run(s, "cluster-init: true\n").status).toBe(0);
    });

    it("install: memory cgroups off: fails with the exact fix, or applies it and schedules a reboot", () => {
        fs.writeFileSync(paths.tokenFile, "tok");
        fs.rmSync(cgroups.controllers);
        fs.writeFileSync(cgroups.procCgroups, "#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t0\t1\t1\nmemory\t0\t1\t0\n");
        const cmdline = cgroups.cmdlineFiles[1];
        fs.writeFileSync(cmdline, "console=serial0,115200 root=PARTUUID=1 rootwait\n");
        const strict = renderInstallScript({ node: "rpi4", role: "agent", version: "v1.33.4+k3s1", paths, cgroupPaths: cgroups });
        const failed = run(strict, "server: x\n");
        expect(failed.status).toBe(1);
        expect(failed.err).toContain(`[rpi4] memory cgroups are off and k3s will not start: append ' cgroup_memory=1 cgroup_enable=memory' to the single line of ${cmdline} and reboot`);
        expect(calls()).toEqual([]);
        const fix = renderInstallScript({ node: "rpi4", role: "agent", version: "v1.33.4+k3s1", paths, cgroupPaths: cgroups, cgroupsAutoFix: true });
        const fixed = run(fix, "server: x\n");
        expect(fixed.status).toBe(1);
        expect(fixed.err).toContain("scheduled a reboot");
        expect(fs.readFileSync(cmdline, "utf8")).toBe("console=serial0,115200 root=PARTUUID=1 rootwait cgroup_memory=1 cgroup_enable=memory\n");
        expect(calls()).toEqual(["systemd-run --on-active=10 systemctl reboot"]);
        run(fix, "server: x\n"); // not appended twice
        expect(fs.readFileSync(cmdline, "utf8").match(/cgroup_enable=memory/g)).toHaveLength(1);
        // cgroup v1 with memory enabled passes.
        fs.writeFileSync(cgroups.procCgroups, "memory\t0\t1\t1\n");
        expect(run(strict, "server: x\n").status).toBe(0);
    });

    it("labels: waits for the node, then labels and taints it with --overwrite", () => {
        fs.writeFileSync(
            path.join(dir, "bin", "k3s"),
            `#!/bin/sh\necho "k3s $*" >> "$FAKE_STATE/log"\ncase "$*" in *"get node"*) n=$(cat "$FAKE_STATE/gets" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE_STATE/gets"; [ "$n" -ge 2 ] ;; esac\n`,
            { mode: 0o755 },
        );
        const s = renderNodeLabelScript({ node: "thor", labels: ["node-role.kubernetes.io/ai=", "a=b"], taints: ["gpu=true:NoSchedule"] });
        expect(run(s, "").status).toBe(0);
        const k = "k3s kubectl --request-timeout=30s";
        expect(calls()).toEqual([
            `${k} get node thor`,
            `${k} get node thor`,
            `${k} get node thor`,
            `${k} label node thor --overwrite node-role.kubernetes.io/ai= a=b`,
            `${k} taint node thor --overwrite gpu=true:NoSchedule`,
        ]);
        const never = renderNodeLabelScript({ node: "ghost", labels: ["a=b"], taints: [], timeoutSeconds: 5 });
        fs.writeFileSync(path.join(dir, "state", "gets"), "-100");
        const r = run(never, "");
        expect(r.status).toBe(1);
        expect(r.err).toContain("[ghost] node ghost did not register within 5s");
    });

    describe("API-side steps (fake k3s kubectl)", () => {
        const k = "k3s kubectl --request-timeout=30s";
        beforeEach(() => {
            fs.writeFileSync(
                path.join(dir, "bin", "k3s"),
                `#!/bin/sh
echo "k3s $*" >> "$FAKE_STATE/log"
case "$*" in
  *"get node"*kubeletVersion*) cat "$FAKE_STATE/kubelet" ;;
  *"get node"*annotations*) cat "$FAKE_STATE/annotation" 2>/dev/null || true ;;
  *"get node"*Ready*) cat "$FAKE_STATE/ready" ;;
  *"get node"*) [ -e "$FAKE_STATE/node" ] ;;
esac
`,
                { mode: 0o755 },
            );
        });
        const actions = () => calls().filter((c) => !c.includes(" get node "));
        const state = (f: string, v: string) => fs.writeFileSync(path.join(dir, "state", f), v);

        it("drain: nothing for an unregistered node or one already on the target version; else annotate, cordon, drain", () => {
            const s = renderDrainScript({ node: "rpi4", version: "v1.36.3+k3s1", timeoutSeconds: 60 });
            expect(run(s, "")).toMatchObject({ status: 0, out: "rpi4 is not registered yet: nothing to drain\n" });
            state("node", "");
            state("kubelet", "v1.36.3+k3s1");
            expect(run(s, "")).toMatchObject({ status: 0, out: "rpi4 already runs v1.36.3+k3s1: nothing to drain\n" });
            expect(actions()).toEqual([]);
            state("kubelet", "v1.35.9+k3s1");
            expect(run(s, "").status).toBe(0);
            expect(actions()).toEqual([
                `${k} annotate node rpi4 --overwrite homelab.dev/drained-for=v1.36.3+k3s1`,
                `${k} cordon rpi4`,
                `${k} drain rpi4 --ignore-daemonsets --delete-emptydir-data --timeout=60s`,
            ]);
        });

        it("uncordon: only a node the drain step cordoned, once it is Ready", () => {
            const s = renderUncordonScript({ node: "rpi4", timeoutSeconds: 60 });
            expect(run(s, "")).toMatchObject({ status: 0, out: "rpi4 was not drained by homelab: nothing to uncordon\n" });
            expect(actions()).toEqual([]);
            state("annotation", "v1.36.3+k3s1");
            expect(run(s, "").status).toBe(0);
            expect(actions()).toEqual([`${k} wait --for=condition=Ready node/rpi4 --timeout=60s`, `${k} uncordon rpi4`, `${k} annotate node rpi4 homelab.dev/drained-for-`]);
        });

        it("remove: drains a Ready node and deletes it; a dead node is not drained; an absent one is left alone", () => {
            const s = renderRemoveNodeScript({ node: "cp3", timeoutSeconds: 60 });
            expect(run(s, "")).toMatchObject({ status: 0, out: "cp3 is not in the cluster: nothing to remove\n" });
            state("node", "");
            state("ready", "True");
            expect(run(s, "").status).toBe(0);
            expect(actions()).toEqual([`${k} cordon cp3`, `${k} drain cp3 --ignore-daemonsets --delete-emptydir-data --timeout=60s`, "k3s kubectl delete node cp3 --wait=true"]);
            fs.writeFileSync(log, "");
            state("ready", "Unknown");
            const dead = run(s, "");
            expect(dead.status).toBe(0);
            expect(dead.out).toContain("cp3 is not Ready: skipping the drain");
            expect(actions()).toEqual([`${k} cordon cp3`, "k3s kubectl delete node cp3 --wait=true"]);
        });
    });

    it("uninstall: nothing to do where k3s is not installed", () => {
        expect(run(renderUninstallScript({ node: "w9" }), "")).toMatchObject({ status: 0, out: "k3s is not installed: nothing to do\n" });
    });

    it("uninstall: a host whose config.yaml names another node (a renamed entry) keeps k3s; its own name uninstalls", () => {
        const cfgFile = path.join(dir, "etc", "config.yaml");
        const uninstaller = path.join(dir, "bin", "fake-uninstall.sh");
        fs.writeFileSync(uninstaller, `#!/bin/sh\necho uninstalled >> "${log}"\n`, { mode: 0o755 });
        const script = renderUninstallScript({ node: "rpi8", configFile: cfgFile }).replace("/usr/local/bin/k3s-uninstall.sh", uninstaller);
        fs.writeFileSync(cfgFile, 'node-name: "rpi-8"\nnode-ip: 192.168.65.25\n');
        expect(run(script, "")).toMatchObject({ status: 0, out: "this host is now node rpi-8 of the stack (renamed or re-used address): k3s stays installed\n" });
        expect(calls()).toEqual([]);
        fs.writeFileSync(cfgFile, "node-name: rpi8\n");
        expect(run(script, "")).toMatchObject({ status: 0, out: "k3s uninstalled\n" });
        expect(calls()).toEqual(["uninstalled"]);
    });

    it("secret drop-in: 0600 from stdin; restarts a running k3s only when it changed", () => {
        const target = path.join(dir, "etc", "config.yaml.d", "50-homelab-secrets.yaml");
        const s = renderSecretDropInScript(target, "rpi1", 30);
        fs.writeFileSync(path.join(dir, "state", "unit-k3s-server"), "");
        expect(run(s, "etcd-s3-secret-key: x\n").status).toBe(0);
        expect(fs.statSync(target).mode & 0o777).toBe(0o600);
        expect(calls()).toEqual(["systemctl restart k3s"]);
        fs.writeFileSync(log, "");
        expect(run(s, "etcd-s3-secret-key: x\n").out).toBe("secret settings: unchanged\n");
        expect(calls()).toEqual([]);
    });

    it("join tokens: prints the server and agent token files of the data directory", () => {
        const data = path.join(dir, "data");
        fs.mkdirSync(path.join(data, "server"), { recursive: true });
        fs.writeFileSync(path.join(data, "server", "token"), "K10h::server:s\n");
        fs.writeFileSync(path.join(data, "server", "agent-token"), "K10h::node:a\n");
        expect(run(renderJoinTokensReadScript(data, 5), "")).toMatchObject({ status: 0, out: "K10h::server:s\nK10h::node:a\n" });
        fs.rmSync(path.join(data, "server", "agent-token"));
        expect(run(renderJoinTokensReadScript(data, 5), "").status).toBe(1);
    });

    it("kubeconfig read: prints the file", () => {
        const f = path.join(dir, "k3s.yaml");
        fs.writeFileSync(f, "apiVersion: v1\n");
        expect(run(renderKubeconfigReadScript(f), "")).toMatchObject({ status: 0, out: "apiVersion: v1\n" });
        expect(run(renderKubeconfigReadScript(path.join(dir, "missing"), 5), "")).toMatchObject({ status: 1 });
    });
});
