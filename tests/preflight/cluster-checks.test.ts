/** Cluster-level checks (pure) and the spec -> targets mapping. */
import { clockSpread, endpointExpectation, expandPools, poolsFree, sameK3sCluster, vipFree, type TcpOutcome } from "../../preflight/checks/cluster";
import { clusterTarget, nodeTargets } from "../../preflight/targets";
import type { ClusterTarget } from "../../preflight/types";
import { baseConfig, specFrom } from "../harness";

const ct: ClusterTarget = { name: "c", distribution: "k3s", endpoint: "10.0.0.10", apiPort: 6443, vip: "10.0.0.10", pools: ["10.0.0.200-10.0.0.202"], adopt: false };
const quiet: Record<number, TcpOutcome> = { 22: "timeout", 443: "unreachable", 6443: "timeout" };

describe("addresses that must be free", () => {
    it("expands pool ranges and CIDRs, bounded", () => {
        expect(expandPools(["10.0.0.200-10.0.0.202", "10.0.1.0/31"])).toEqual({ addresses: ["10.0.0.200", "10.0.0.201", "10.0.0.202", "10.0.1.0", "10.0.1.1"], total: 5 });
        expect(expandPools(["10.0.0.0/24"], 4)).toEqual({ addresses: ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3"], total: 256 });
    });
    it("a VIP that refuses or accepts a connection is in use", () => {
        expect(vipFree(ct, quiet, "fresh")?.status).toBe("pass");
        const r = vipFree(ct, { ...quiet, 22: "refused" }, "fresh");
        expect(r?.status).toBe("fail");
        expect(r?.detail).toContain(":22 refused");
        expect(vipFree(ct, { 22: "open" }, "adopt")?.status).toBe("skip");
        expect(vipFree({ ...ct, vip: undefined }, quiet, "fresh")).toBeUndefined();
    });
    it("names the pool addresses that answered, and says when only part was probed", () => {
        const r = poolsFree(ct, { "10.0.0.200": quiet, "10.0.0.201": { 80: "open" } }, 2, "fresh");
        expect(r).toMatchObject({ status: "fail", detail: "pool addresses in use: 10.0.0.201 (:80 open)" });
        expect(poolsFree(ct, { "10.0.0.200": quiet }, 300, "fresh")?.status).toBe("warn");
        expect(poolsFree(ct, { "10.0.0.200": quiet }, 1, "fresh")?.status).toBe("pass");
    });
});

describe("endpoint", () => {
    it("fresh: an answering API server refuses the bootstrap", () => {
        const r = endpointExpectation(ct, "open", "fresh");
        expect(r.status).toBe("fail");
        expect(r.detail).toContain("refusing to bootstrap a second cluster");
        expect(endpointExpectation(ct, "refused", "fresh").status).toBe("pass");
    });
    it("adopt: the API server must answer", () => {
        expect(endpointExpectation(ct, "open", "adopt").status).toBe("pass");
        expect(endpointExpectation(ct, "timeout", "adopt").status).toBe("fail");
    });
});

describe("clocks and k3s identity", () => {
    it("fails on clocks far apart", () => {
        expect(clockSpread({ a: 100, b: 110 })?.status).toBe("pass");
        expect(clockSpread({ a: 100, b: 200 })?.detail).toBe("clocks differ by 100s (a behind b)");
        expect(clockSpread({ a: 1 })).toBeUndefined();
    });
    it("fails when running servers belong to different clusters", () => {
        expect(sameK3sCluster({ a: "x".repeat(64), b: "x".repeat(64) })).toBeUndefined();
        expect(sameK3sCluster({ a: "x".repeat(64), b: "y".repeat(64) })?.status).toBe("fail");
    });
});

describe("targets from the spec", () => {
    it("k3s: SSH settings, NIC, packages, Cilium wishes; offline nodes left out", () => {
        const raw = baseConfig("k3s");
        const spec = specFrom(
            {
                ...raw,
                cluster: { ...(raw.cluster as object), k3s: { sshUser: "pi", sshPort: 2222 } },
                network: { ...(raw.network as object), interface: "end0" },
                nodes: [
                    { name: "cp1", role: "controlplane", ip: "10.0.0.11", hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl" },
                    { name: "w1", role: "worker", ip: "10.0.0.21", interface: "eth1" },
                    { name: "w2", role: "worker", ip: "10.0.0.22", offline: true },
                ],
                storage: { longhorn: { enabled: true, replicas: 2 } },
            },
            { sshPrivateKey: "k" },
        );
        const [cp1, w1, ...rest] = nodeTargets(spec);
        expect(rest).toEqual([]);
        expect(cp1).toMatchObject({ distribution: "k3s", bootstrap: true, ssh: { port: 2222, user: "pi", hostKey: expect.stringMatching(/^ssh-ed25519 /) }, link: { name: "end0" }, longhorn: true });
        expect(w1).toMatchObject({ bootstrap: false, link: { name: "eth1" }, configPath: "homelab:nodes[1]" });
        expect(cp1.distribution === "k3s" && cp1.hostPackages).toContain("open-iscsi");
    });
    it("talos: install disk per node, cluster target with VIP and pools", () => {
        const spec = specFrom({ ...baseConfig("talos"), loadBalancer: { provider: "metallb", pools: [{ name: "lan", addresses: ["10.0.0.200-10.0.0.210"] }] } });
        expect(nodeTargets(spec)[0]).toMatchObject({ distribution: "talos", disk: { path: "/dev/sda" } });
        expect(clusterTarget(spec)).toEqual({ name: "test", distribution: "talos", endpoint: "10.0.0.10", apiPort: 6443, vip: "10.0.0.10", pools: ["10.0.0.200-10.0.0.210"], adopt: false });
    });
});
