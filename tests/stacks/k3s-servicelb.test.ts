/**
 * k3s' own LoadBalancer (servicelb / klipper-lb) must be off whenever Cilium is the CNI or another
 * load balancer is configured: with Cilium (kube-proxy replacement or not) klipper's host-port
 * pods fight Cilium's service handling, and two LB implementations race for every Service
 * (k3s docs, networking/networking-services.md "Disabling the Service LB"; Cilium k3s guide).
 * Asserted on what the engine receives: the config.yaml each server's install step gets on stdin.
 */
import { parse } from "yaml";
import { ok, runProgram, type RawConfig } from "../harness";

function k3sConfig(cni: "cilium" | "builtin", lb: "none" | "cilium" | "metallb" | "kube-vip"): RawConfig {
    return {
        cluster: { name: "t", distribution: "k3s", endpoint: "10.0.0.11" },
        network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1" },
        nodes: [
            { name: "s1", role: "controlplane", ip: "10.0.0.11" },
            { name: "a1", role: "worker", ip: "10.0.0.21" },
        ],
        // Cilium's LB-IPAM announces with L2 announcements, which need kube-proxy replacement.
        cni: cni === "cilium" && lb === "cilium" ? { provider: cni, kubeProxyReplacement: true, l2Announcements: true } : { provider: cni, kubeProxyReplacement: false },
        loadBalancer: lb === "none" ? { provider: "none" } : { provider: lb, pools: [{ name: "p", addresses: ["10.0.0.200-10.0.0.210"] }] },
    };
}

async function serverDisable(raw: RawConfig): Promise<string[]> {
    const r = ok(await runProgram(raw, { secrets: { sshPrivateKey: "test-key" } }));
    const install = r.resources.find((x) => x.type === "command:remote:Command" && x.name === "t-s1-install");
    if (!install) throw new Error(`no install step for s1 among ${r.resources.map((x) => x.name).join(", ")}`);
    return (parse(String(install.plainInputs.stdin)) as { disable?: string[] }).disable ?? [];
}

describe("servicelb in the k3s server config", () => {
    it.each(["none", "cilium", "metallb", "kube-vip"] as const)("is disabled with Cilium as CNI and load balancer %s", async (lb) => {
        expect(await serverDisable(k3sConfig("cilium", lb))).toContain("servicelb");
    });

    it.each(["metallb", "kube-vip"] as const)("is disabled with the builtin CNI and load balancer %s", async (lb) => {
        expect(await serverDisable(k3sConfig("builtin", lb))).toContain("servicelb");
    });

    it("stays on with the builtin CNI and no load balancer (it is then the cluster's only LoadBalancer)", async () => {
        expect(await serverDisable(k3sConfig("builtin", "none"))).not.toContain("servicelb");
    });
});
