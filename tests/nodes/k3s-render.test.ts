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
import { remoteInvocation, renderInstallScript, renderManifestScript, renderTokenScript, shQuote } from "../../components/nodes/k3s-scripts";
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
import { kubeVipManifestYaml, kubeVipObjects } from "../../components/nodes/kube-vip-manifests";
import { installerUrl } from "../../components/nodes/pinned-installer";
import type { ClusterSpec } from "../../config/spec";
import { images } from "../../config/versions";
import { fakeK3sKubeconfig } from "../../cli/engine/fakes/command";
import { specFrom, type RawConfig } from "../harness";
import { externalTool } from "../tools";

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
            "secrets-encryption": true,
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
        // The installer comes from a pinned commit and is checked before it runs (pinned-installer.ts).
        expect(scripts.server).toContain(installerUrl());
        expect(scripts.server).not.toContain("get.k3s.io");
        expect(scripts.agent).toContain("k3s_exec='agent'");
        expect(scripts.agent).toContain("service='k3s-agent'");
        expect(scripts.agent).not.toContain("readyz");
        expect(scripts.server).not.toMatch(/K3S_TOKEN|--token|--server/);
    });
});
