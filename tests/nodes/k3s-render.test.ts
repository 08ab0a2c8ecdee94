/**
 * Pure renderers of the k3s node layer: config.yaml per node, kube-vip manifests, kubeconfig
 * rewrite, and the scripts (shellcheck on every one, and a run against fake k3s/curl/systemctl
 * binaries to prove they are idempotent).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import {
    isKubeletLabel,
    k3sConfigYaml,
    k3sDisableList,
    k3sServerSharedConfig,
    k3sTlsSans,
    renderK3sConfig,
} from "../../components/nodes/k3s-config";
import { rewriteKubeconfig } from "../../components/nodes/k3s-kubeconfig";
import { remoteInvocation, renderInstallScript, renderManifestScript, renderTokenScript, shQuote, type ScriptPaths } from "../../components/nodes/k3s-scripts";
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
import type { CgroupPaths } from "../../components/nodes/k3s-host-scripts";
import { kubeVipManifestYaml, kubeVipObjects } from "../../components/nodes/kube-vip-manifests";
import type { ClusterSpec } from "../../config/spec";
import { images } from "../../config/versions";
import { fakeK3sKubeconfig } from "../../cli/engine/fakes/command";
import { specFrom, type RawConfig } from "../harness";

type Obj = Record<string, unknown>;

/** 3 servers, 2 Pi agents, 1 GPU agent with label + taint, one offline agent; Cilium with KPR. */
function haConfig(over: Obj = {}): RawConfig {
    return {
        cluster: { name: "pi", distribution: "k3s", endpoint: "192.168.1.10", k3s: { version: "v1.36.3+k3s1", bootstrapServer: "rpi1" } },
        network: { nodeCidr: "192.168.1.0/24", gateway: "192.168.1.1", vip: "192.168.1.10" },
        nodes: [
            { name: "rpi1", role: "controlplane", ip: "192.168.1.11", arch: "arm64" },
            { name: "rpi2", role: "controlplane", ip: "192.168.1.12", arch: "arm64" },
            { name: "rpi3", role: "controlplane", ip: "192.168.1.13", arch: "arm64" },
            { name: "rpi4", role: "worker", ip: "192.168.1.14", arch: "arm64" },
            { name: "rpi5", role: "worker", ip: "192.168.1.15", arch: "arm64", offline: true },
            {
                name: "thor",
                role: "worker",
                ip: "192.168.1.20",
                labels: { "nvidia.com/gpu.present": "true", "homelab/accelerator": "cuda", "node-role.kubernetes.io/ai-inference": "" },
                taints: ["nvidia.com/gpu=true:NoSchedule"],
                k3sVersion: "v1.36.2+k3s1",
            },
        ],
        cni: { provider: "cilium", kubeProxyReplacement: true },
        loadBalancer: { provider: "kube-vip", pools: [{ name: "default", addresses: ["192.168.1.200-192.168.1.220"] }] },
        ...over,
    };
}

const node = (spec: ClusterSpec, name: string) => {
    const n = spec.nodes.find((x) => x.name === name);
    if (!n) throw new Error(name);
    return n;
};

describe("k3s config.yaml", () => {
    const spec = specFrom(haConfig());

    it("initialises etcd on the first server and joins the others through it", () => {
        const c1 = renderK3sConfig(spec, node(spec, "rpi1"));
        const c2 = renderK3sConfig(spec, node(spec, "rpi2"));
        expect(c1["cluster-init"]).toBe(true);
        expect(c1.server).toBeUndefined();
        expect(c2["cluster-init"]).toBeUndefined();
        expect(c2.server).toBe("https://192.168.1.11:6443");
        for (const c of [c1, c2]) {
            expect(c["token-file"]).toBe("/etc/rancher/k3s/cluster-token");
            expect(c["agent-token-file"]).toBe("/etc/rancher/k3s/agent-token");
            expect(c.token).toBeUndefined();
        }
    });

    it("points agents at the API endpoint, with node identity, labels and taints", () => {
        const thor = renderK3sConfig(spec, node(spec, "thor"));
        expect(thor).toEqual({
            server: "https://192.168.1.10:6443",
            "token-file": "/etc/rancher/k3s/cluster-token",
            "node-name": "thor",
            "node-ip": "192.168.1.20",
            "node-label": ["homelab/accelerator=cuda", "nvidia.com/gpu.present=true"],
            "node-taint": ["nvidia.com/gpu=true:NoSchedule"],
        });
        // Server-only flags never reach an agent (k3s agent would refuse to start).
        const rpi4 = renderK3sConfig(spec, node(spec, "rpi4"));
        for (const k of ["disable", "tls-san", "cluster-cidr", "flannel-backend", "disable-kube-proxy", "write-kubeconfig-mode"]) {
            expect(rpi4).not.toHaveProperty(k);
        }
    });

    it("leaves labels kubelet refuses (kubernetes.io namespace) out of node-label", () => {
        expect(isKubeletLabel("node-role.kubernetes.io/worker")).toBe(false);
        expect(isKubeletLabel("kubernetes.io/role")).toBe(false);
        expect(isKubeletLabel("example.k8s.io/x")).toBe(false);
        expect(isKubeletLabel("node.kubernetes.io/instance-type")).toBe(true);
        expect(isKubeletLabel("sub.node.kubernetes.io/x")).toBe(true);
        expect(isKubeletLabel("kubelet.kubernetes.io/x")).toBe(true);
        expect(isKubeletLabel("topology.kubernetes.io/zone")).toBe(true);
        expect(isKubeletLabel("nvidia.com/gpu.present")).toBe(true);
        expect(isKubeletLabel("gpu")).toBe(true);
        expect(isKubeletLabel("mykubernetes.io/x")).toBe(true);
    });

    it("renders server-only flags identically on every server", () => {
        const shared = k3sServerSharedConfig(spec);
        expect(shared).toEqual({
            "tls-san": ["192.168.1.10", "192.168.1.11", "192.168.1.12", "192.168.1.13"],
            "write-kubeconfig-mode": "0600",
            "cluster-cidr": "10.42.0.0/16",
            "service-cidr": "10.43.0.0/16",
            disable: ["servicelb", "traefik", "local-storage"],
            "flannel-backend": "none",
            "disable-network-policy": true,
            "disable-kube-proxy": true,
            "etcd-snapshot-schedule-cron": "0 */12 * * *",
            "etcd-snapshot-retention": 5,
        });
        for (const s of ["rpi1", "rpi2", "rpi3"]) {
            const c = renderK3sConfig(spec, node(spec, s));
            for (const [k, v] of Object.entries(shared)) expect(c[k]).toEqual(v);
        }
    });

    it("writes YAML k3s reads back unchanged, with the kubeconfig mode quoted", () => {
        const text = k3sConfigYaml(spec, node(spec, "rpi2"));
        expect(text).toMatch(/^write-kubeconfig-mode: "0600"$/m);
        expect(parse(text)).toEqual(renderK3sConfig(spec, node(spec, "rpi2")));
        expect(k3sConfigYaml(spec, node(spec, "rpi2"))).toBe(text); // deterministic
    });

    it("keeps flannel, kube-proxy and servicelb with the builtin CNI and no load balancer", () => {
        const s = specFrom(haConfig({ cni: { provider: "builtin", kubeProxyReplacement: false }, loadBalancer: { provider: "none" } }));
        const shared = k3sServerSharedConfig(s);
        expect(shared.disable).toEqual(["traefik", "local-storage"]);
        expect(shared).not.toHaveProperty("flannel-backend");
        expect(shared).not.toHaveProperty("disable-network-policy");
        expect(shared).not.toHaveProperty("disable-kube-proxy");
    });

    it("keeps kube-proxy when Cilium runs without kube-proxy replacement", () => {
        const s = specFrom(haConfig({ cni: { provider: "cilium", kubeProxyReplacement: false } }));
        expect(k3sServerSharedConfig(s)["flannel-backend"]).toBe("none");
        expect(k3sServerSharedConfig(s)).not.toHaveProperty("disable-kube-proxy");
    });

    it("keeps local-storage for storage.localPath, honours keepBuiltins and k3s.disable", () => {
        const base = haConfig();
        const s = specFrom({
            ...base,
            cluster: { ...(base.cluster as Obj), k3s: { bootstrapServer: "rpi1", keepBuiltins: ["traefik"], disable: ["metrics-server", "traefik"] } },
            storage: { localPath: { enabled: true, path: "/mnt/nvme/local-path" }, defaultClass: "localPath" },
        });
        // k3s.disable wins over keepBuiltins: an explicit disable is never silently ignored.
        expect(k3sDisableList(s)).toEqual(["servicelb", "metrics-server", "traefik"]);
        expect(k3sServerSharedConfig(s)["default-local-storage-path"]).toBe("/mnt/nvme/local-path");
    });

    it("merges serverConfig/agentConfig over ours and uses a non-default API port everywhere", () => {
        const base = haConfig();
        const s = specFrom({
            ...base,
            cluster: {
                ...(base.cluster as Obj),
                apiPort: 7443,
                k3s: { bootstrapServer: "rpi1", serverConfig: { "etcd-expose-metrics": true, "write-kubeconfig-mode": "0640" }, agentConfig: { "kubelet-arg": ["max-pods=150"] } },
            },
        });
        const c2 = renderK3sConfig(s, node(s, "rpi2"));
        expect(c2["etcd-expose-metrics"]).toBe(true);
        expect(c2["write-kubeconfig-mode"]).toBe("0640");
        expect(c2["https-listen-port"]).toBe(7443);
        expect(c2.server).toBe("https://192.168.1.11:7443");
        const a = renderK3sConfig(s, node(s, "rpi4"));
        expect(a["kubelet-arg"]).toEqual(["max-pods=150"]);
        expect(a.server).toBe("https://192.168.1.10:7443");
    });

    it("covers a DNS endpoint and the VIP in tls-san", () => {
        const base = haConfig();
        const s = specFrom({ ...base, cluster: { ...(base.cluster as Obj), endpoint: "k8s.home.arpa" } });
        expect(k3sTlsSans(s)).toEqual(["192.168.1.10", "k8s.home.arpa", "192.168.1.11", "192.168.1.12", "192.168.1.13"]);
    });
});

describe("kube-vip manifests", () => {
    const opts = { vip: "192.168.1.10", interface: "eth0", port: 6443, image: images.kubeVip };

    it("renders RBAC and an ARP-mode DaemonSet with explicit names and the pinned image", () => {
        const docs = parseAllDocuments(kubeVipManifestYaml(opts)).map((d) => d.toJSON() as Obj);
        expect(docs.map((d) => `${d.kind}/${(d.metadata as Obj).name}`)).toEqual([
            "ServiceAccount/kube-vip",
            "ClusterRole/system:kube-vip-role",
            "ClusterRoleBinding/system:kube-vip-binding",
            "DaemonSet/kube-vip",
        ]);
        expect(docs).toEqual(kubeVipObjects(opts));
        const ds = docs[3] as { metadata: Obj; spec: { template: { spec: Obj & { containers: Array<Obj & { env: Array<{ name: string; value: string }> }> } } } };
        expect(ds.metadata.namespace).toBe("kube-system");
        const pod = ds.spec.template.spec;
        expect(pod.hostNetwork).toBe(true);
        expect(pod.serviceAccountName).toBe("kube-vip");
        expect(pod.tolerations).toEqual([{ operator: "Exists" }]);
        const c = pod.containers[0];
        expect(c.image).toBe("ghcr.io/kube-vip/kube-vip:v1.2.3");
        expect(c.args).toEqual(["manager"]);
        const env = Object.fromEntries(c.env.map((e) => [e.name, e.value]));
        expect(env).toMatchObject({
            vip_arp: "true",
            vip_interface: "eth0",
            address: "192.168.1.10",
            port: "6443",
            vip_subnet: "32",
            cp_enable: "true",
            svc_enable: "false",
            vip_leaderelection: "true",
            KUBERNETES_SERVICE_HOST: "127.0.0.1",
        });
        // Every env value is a string (a number would fail the DaemonSet's validation).
        for (const e of c.env) expect(typeof e.value).toBe("string");
    });
});

describe("kubeconfig rewrite", () => {
    it("points every cluster at the endpoint and names entries after the cluster", () => {
        const out = parse(rewriteKubeconfig(fakeK3sKubeconfig("x"), "https://192.168.1.10:6443", "pi")) as Obj;
        expect(out.clusters).toEqual([{ name: "pi", cluster: { "certificate-authority-data": expect.any(String), server: "https://192.168.1.10:6443" } }]);
        expect(out.contexts).toEqual([{ name: "pi", context: { cluster: "pi", user: "pi" } }]);
        expect(out["current-context"]).toBe("pi");
        expect((out.users as Obj[])[0].name).toBe("pi");
    });

    it("rejects text that is not a kubeconfig", () => {
        expect(() => rewriteKubeconfig("sudo: a password is required\n", "https://x:6443", "pi")).toThrow("no clusters entry");
    });
});

describe("scripts", () => {
    const scripts: Record<string, string> = {
        token: renderTokenScript(),
        manifest: renderManifestScript("homelab-kube-vip.yaml"),
        kubeconfig: renderKubeconfigReadScript("/etc/rancher/k3s/k3s.yaml"),
        server: renderInstallScript({ node: "rpi1", role: "server", version: "v1.33.4+k3s1", clusterInitGuard: { urls: ["https://192.168.1.10:6443", "https://192.168.1.12:6443"] } }),
        agent: renderInstallScript({ node: "thor", role: "agent", version: "v1.33.5+k3s1" }),
        airgap: renderInstallScript({ node: "thor", role: "agent", version: "v1.33.5+k3s1", binary: { preplaced: true, installScriptPath: "/opt/k3s/install.sh" }, cgroupsAutoFix: true }),
        mirror: renderInstallScript({ node: "thor", role: "agent", version: "v1.33.5+k3s1", binary: { mirror: "https://mirror.lan/k3s/releases" } }),
        serverToken: renderTokenScript(undefined, true, "rpi1"),
        joinTokens: renderJoinTokensReadScript("/var/lib/rancher/k3s", 300, "rpi1"),
        secrets: renderSecretDropInScript("/etc/rancher/k3s/config.yaml.d/50-homelab-secrets.yaml", "rpi1"),
        drain: renderDrainScript({ node: "rpi4", version: "v1.36.3+k3s1", timeoutSeconds: 300 }),
        uncordon: renderUncordonScript({ node: "rpi4", timeoutSeconds: 300 }),
        remove: renderRemoveNodeScript({ node: "rpi4", timeoutSeconds: 300 }),
        uninstall: renderUninstallScript({ node: "rpi4" }),
        labels: renderNodeLabelScript({ node: "thor", labels: ["a=b", "node-role.kubernetes.io/ai="], taints: ["gpu=true:NoSchedule"] }),
        labelsOnly: renderNodeLabelScript({ node: "thor", labels: ["a=b"], taints: [] }),
        withPrerequisites: renderInstallScript({
            node: "rpi4",
            role: "agent",
            version: "v1.33.4+k3s1",
            packages: ["open-iscsi", "nfs-common"],
            services: ["iscsid"],
            modules: ["iscsi_tcp", "dm_crypt"],
        }),
    };

    it("pass shellcheck (the binary is required: apt-get install shellcheck)", () => {
        const probe = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
        if (probe.error || probe.status !== 0) {
            throw new Error("shellcheck is not installed: the k3s scripts cannot be checked. Install it (apt-get install -y shellcheck); this test never skips.");
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "k3s-sc-"));
        for (const [name, text] of Object.entries(scripts)) {
            expect(text.split("\n")).toEqual(expect.arrayContaining(["set -euo pipefail"]));
            const file = path.join(dir, `${name}.sh`);
            fs.writeFileSync(file, text);
            const r = spawnSync("shellcheck", ["--shell=bash", "--severity=style", file], { encoding: "utf8" });
            expect({ name, out: r.stdout + r.stderr, status: r.status }).toEqual({ name, out: "", status: 0 });
        }
    });

    it("load the kernel modules the storage layer needs, now and at boot, before the services", () => {
        const t = scripts.withPrerequisites;
        expect(t).toContain("modules=('iscsi_tcp' 'dm_crypt')");
        expect(t).toContain("install -D -m 0644 \"$workdir/modules.conf\" /etc/modules-load.d/homelab.conf");
        expect(t.indexOf("modprobe")).toBeGreaterThan(0);
        expect(t.indexOf("modprobe")).toBeLessThan(t.indexOf("systemctl enable --now"));
        expect(scripts.agent).not.toContain("modprobe");
        expect(() => renderInstallScript({ node: "n", role: "agent", version: "v1", modules: ["rbd; reboot"] })).toThrow("module name");
    });

    it("quote data safely and refuse names that would need quoting", () => {
        expect(shQuote("it's")).toBe(`'it'\\''s'`);
        expect(remoteInvocation("echo 'hi'", "root")).toBe(`bash -c 'echo '\\''hi'\\'''`);
        expect(remoteInvocation("true", "pi")).toBe(`sudo -n bash -c 'true'`);
        expect(() => renderManifestScript("Kube_VIP.yaml")).toThrow("RFC 1123");
        expect(() => renderInstallScript({ node: "n", role: "agent", version: "v1", packages: ["x; rm -rf /"] })).toThrow("not a package");
    });

    it("pin the version, start k3s under a timeout, keep flags out of argv", () => {
        expect(scripts.server).toContain("k3s_version='v1.33.4+k3s1'");
        // install.sh must not start k3s itself: its unit has TimeoutStartSec=0 (could wait forever).
        expect(scripts.server).toContain(`INSTALL_K3S_SKIP_START=true INSTALL_K3S_VERSION="$k3s_version" INSTALL_K3S_EXEC="$k3s_exec" timeout 600 sh "$installer"`);
        expect(scripts.server).toContain(`timeout 600 systemctl restart "$service"`);
        expect(scripts.server).not.toMatch(/^\s*systemctl (restart|start)/m);
        expect(scripts.airgap).toContain("INSTALL_K3S_SKIP_DOWNLOAD=true");
        expect(scripts.airgap).toContain("installer='/opt/k3s/install.sh'");
        expect(scripts.airgap).not.toContain("get.k3s.io");
        expect(scripts.mirror).toContain("GITHUB_URL='https://mirror.lan/k3s/releases'");
        expect(scripts.server).toContain("https://get.k3s.io");
        expect(scripts.agent).toContain("k3s_exec='agent'");
        expect(scripts.agent).toContain("service='k3s-agent'");
        expect(scripts.agent).not.toContain("readyz");
        expect(scripts.server).not.toMatch(/K3S_TOKEN|--token|--server/);
    });

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
});
