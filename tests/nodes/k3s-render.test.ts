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
import {
    remoteInvocation,
    renderInstallScript,
    renderKubeconfigReadScript,
    renderManifestScript,
    renderNodeLabelScript,
    renderTokenScript,
    shQuote,
    type ScriptPaths,
} from "../../components/nodes/k3s-scripts";
import { kubeVipManifestYaml, kubeVipObjects } from "../../components/nodes/kube-vip-manifests";
import type { ClusterSpec } from "../../config/spec";
import { images } from "../../config/versions";
import { fakeK3sKubeconfig } from "../../cli/engine/fakes/command";
import { specFrom, type RawConfig } from "../harness";
import { externalTool } from "../tools";

type Obj = Record<string, unknown>;

/** 3 servers, 2 Pi agents, 1 GPU agent with label + taint, one offline agent; Cilium with KPR. */
function haConfig(over: Obj = {}): RawConfig {
    return {
        cluster: { name: "pi", distribution: "k3s", endpoint: "192.168.1.10", k3s: { version: "v1.33.4+k3s1" } },
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
                k3sVersion: "v1.33.5+k3s1",
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
            cluster: { ...(base.cluster as Obj), k3s: { keepBuiltins: ["traefik"], disable: ["metrics-server", "traefik"] } },
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
                k3s: { serverConfig: { "etcd-expose-metrics": true, "write-kubeconfig-mode": "0640" }, agentConfig: { "kubelet-arg": ["max-pods=150"] } },
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
        server: renderInstallScript({ node: "rpi1", role: "server", version: "v1.33.4+k3s1" }),
        agent: renderInstallScript({ node: "thor", role: "agent", version: "v1.33.5+k3s1" }),
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

    // Optional on a developer machine, enforced in CI (tests/tools.ts).
    const shellcheck = externalTool("shellcheck", "apt-get install -y shellcheck");
    shellcheck.it("pass shellcheck", () => {
        shellcheck.require();
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

    it("pin the version and keep flags out of argv", () => {
        expect(scripts.server).toContain("k3s_version='v1.33.4+k3s1'");
        expect(scripts.server).toContain(`INSTALL_K3S_VERSION="$k3s_version" INSTALL_K3S_EXEC="$k3s_exec" sh "$workdir/install.sh"`);
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
        const fakes: Record<string, string> = {
            curl: `out=""; while [ $# -gt 0 ]; do if [ "$1" = -o ]; then out="$2"; shift; fi; shift; done
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
        };

        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "k3s-run-"));
            for (const d of ["bin", "state", "etc"]) fs.mkdirSync(path.join(dir, d));
            for (const [name, body] of Object.entries(fakes)) {
                fs.writeFileSync(path.join(dir, "bin", name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
            }
            paths = { configFile: path.join(dir, "etc/config.yaml"), tokenFile: path.join(dir, "etc/cluster-token"), manifestsDir: path.join(dir, "manifests") };
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

        it("token: written 0600 once, unchanged on a re-run, refused when empty", () => {
            const s = renderTokenScript(paths);
            expect(run(s, "tok")).toMatchObject({ status: 0, out: "k3s token: written\n" });
            expect(fs.statSync(paths.tokenFile).mode & 0o777).toBe(0o600);
            expect(fs.readFileSync(paths.tokenFile, "utf8")).toBe("tok");
            expect(run(s, "tok")).toMatchObject({ status: 0, out: "k3s token: unchanged\n" });
            expect(run(s, "")).toMatchObject({ status: 1, err: "no k3s token on stdin\n" });
            expect(fs.readdirSync(path.dirname(paths.tokenFile)).filter((f) => f.startsWith(".homelab"))).toEqual([]);
        });

        it("manifest: written into the auto-deploy folder, unchanged on a re-run", () => {
            const s = renderManifestScript("homelab-kube-vip.yaml", paths);
            expect(run(s, "kind: X\n").out).toBe("homelab-kube-vip.yaml: written\n");
            expect(run(s, "kind: X\n").out).toBe("homelab-kube-vip.yaml: unchanged\n");
            expect(fs.readFileSync(path.join(paths.manifestsDir, "homelab-kube-vip.yaml"), "utf8")).toBe("kind: X\n");
        });

        it("install: installs once, does nothing on a re-run, restarts on a config change, upgrades on a version change", () => {
            fs.writeFileSync(paths.tokenFile, "tok");
            const v1 = renderInstallScript({ node: "rpi4", role: "agent", version: "v1.33.4+k3s1", packages: ["open-iscsi"], services: ["iscsid"], paths });
            const first = run(v1, "server: https://vip:6443\n");
            expect(first.status).toBe(0);
            expect(calls()).toEqual([
                "apt-get update -q",
                "apt-get install -y -q open-iscsi",
                "systemctl enable --now iscsid",
                "installer v1.33.4+k3s1 agent",
            ]);
            expect(fs.readFileSync(paths.configFile, "utf8")).toBe("server: https://vip:6443\n");

            fs.writeFileSync(log, "");
            const again = run(v1, "server: https://vip:6443\n");
            expect(again.status).toBe(0);
            expect(again.out).toContain("already installed with this config: nothing to do");
            // enable --now is idempotent by itself; nothing else runs.
            expect(calls()).toEqual(["systemctl enable --now iscsid"]);

            fs.writeFileSync(log, "");
            expect(run(v1, "server: https://vip:6443\nnode-label: [a=b]\n").status).toBe(0);
            expect(calls()).toEqual(["systemctl enable --now iscsid", "systemctl restart k3s-agent"]);

            fs.writeFileSync(log, "");
            const v2 = renderInstallScript({ node: "rpi4", role: "agent", version: "v1.34.1+k3s1", packages: ["open-iscsi"], services: ["iscsid"], paths });
            expect(run(v2, "server: https://vip:6443\nnode-label: [a=b]\n").status).toBe(0);
            expect(calls()).toEqual(["systemctl enable --now iscsid", "installer v1.34.1+k3s1 agent"]);
        });

        it("install: a server waits for its API server; without the token file nothing is installed", () => {
            const s = renderInstallScript({ node: "rpi1", role: "server", version: "v1.33.4+k3s1", paths });
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

        it("labels: waits for the node, then labels and taints it with --overwrite", () => {
            fs.writeFileSync(
                path.join(dir, "bin", "k3s"),
                `#!/bin/sh\necho "k3s $*" >> "$FAKE_STATE/log"\nif [ "$3" = node ] && [ "$2" = get ]; then n=$(cat "$FAKE_STATE/gets" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE_STATE/gets"; [ "$n" -ge 2 ]; fi\n`,
                { mode: 0o755 },
            );
            const s = renderNodeLabelScript({ node: "thor", labels: ["node-role.kubernetes.io/ai=", "a=b"], taints: ["gpu=true:NoSchedule"] });
            expect(run(s, "").status).toBe(0);
            expect(calls()).toEqual([
                "k3s kubectl get node thor",
                "k3s kubectl get node thor",
                "k3s kubectl get node thor",
                "k3s kubectl label node thor --overwrite node-role.kubernetes.io/ai= a=b",
                "k3s kubectl taint node thor --overwrite gpu=true:NoSchedule",
            ]);
            const never = renderNodeLabelScript({ node: "ghost", labels: ["a=b"], taints: [], timeoutSeconds: 5 });
            fs.writeFileSync(path.join(dir, "state", "gets"), "-100");
            expect(run(never, "")).toMatchObject({ status: 1, err: "node ghost did not register within 5s\n" });
        });

        it("kubeconfig read: prints the file", () => {
            const f = path.join(dir, "k3s.yaml");
            fs.writeFileSync(f, "apiVersion: v1\n");
            expect(run(renderKubeconfigReadScript(f), "")).toMatchObject({ status: 0, out: "apiVersion: v1\n" });
            expect(run(renderKubeconfigReadScript(path.join(dir, "missing"), 5), "")).toMatchObject({ status: 1 });
        });
    });
});
