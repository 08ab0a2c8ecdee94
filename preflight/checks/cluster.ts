/**
 * Cluster-level checks: VIP and load-balancer pool addresses unused, the API endpoint answering
 * (or not) as the run expects, clocks agreeing, k3s servers of one cluster. Pure functions over
 * TCP probe outcomes (transport/tcp.ts) and the nodes' probe answers.
 *
 * What a TCP probe proves, honestly: `open` or `refused` means a host holds the address (a
 * refusal is a TCP RST from a live stack). `timeout` / `unreachable` mean nothing answered on the
 * probed ports within the time limit, which is what a free address looks like, but a host that
 * drops every probe (firewall) looks the same. No ARP is sent: that needs raw sockets and the
 * same L2 segment.
 */
import { bigIntToAddress, parseRange, rangeSize } from "../../config/net";
import type { CheckResult, ClusterTarget, PreflightMode } from "../types";
import { CLUSTER } from "../types";
import { fail, pass, skip, warn } from "./result";

export type TcpOutcome = "open" | "refused" | "timeout" | "unreachable";

/** Ports probed on addresses that must be free: SSH, HTTP(S), Kubernetes API, Talos API. */
export const FREE_ADDRESS_PORTS = [22, 80, 443, 6443, 50000] as const;
/** At most this many pool addresses are probed (the first ones); the rest are reported as not probed. */
export const MAX_POOL_PROBES = 64;

export const answered = (o: TcpOutcome) => o === "open" || o === "refused";

/** Individual addresses of the pool entries, at most `limit`; `total` counts them all. */
export function expandPools(pools: readonly string[], limit = MAX_POOL_PROBES): { addresses: string[]; total: number } {
    const addresses: string[] = [];
    let total = 0;
    for (const p of pools) {
        const r = parseRange(p);
        if (!r) continue;
        total += Number(rangeSize(r));
        for (let a = r.first; a <= r.last && addresses.length < limit; a++) addresses.push(bigIntToAddress(a, r.family));
    }
    return { addresses, total };
}

function answers(outcomes: Readonly<Record<number, TcpOutcome>>): string[] {
    return Object.entries(outcomes)
        .filter(([, o]) => answered(o))
        .map(([port, o]) => `:${port} ${o}`);
}

export function vipFree(ct: ClusterTarget, outcomes: Readonly<Record<number, TcpOutcome>>, mode: PreflightMode): CheckResult | undefined {
    if (!ct.vip) return undefined;
    const id = "cluster.vip-free";
    if (mode !== "fresh") return skip(CLUSTER, id, `${ct.vip}: the cluster's VIP is expected to answer (${mode})`);
    const seen = answers(outcomes);
    if (seen.length === 0) return pass(CLUSTER, id, `${ct.vip}: nothing answered on ${Object.keys(outcomes).join(", ")}`);
    return fail(CLUSTER, id, `${ct.vip} is in use (${seen.join(", ")})`, "choose a free address for homelab:network.vip, or free this one");
}

export function poolsFree(ct: ClusterTarget, results: Readonly<Record<string, Readonly<Record<number, TcpOutcome>>>>, total: number, mode: PreflightMode): CheckResult | undefined {
    if (ct.pools.length === 0) return undefined;
    const id = "cluster.pool-free";
    if (mode !== "fresh") return skip(CLUSTER, id, `load-balancer pools may already be handed out (${mode})`);
    const used = Object.entries(results)
        .filter(([, o]) => answers(o).length > 0)
        .map(([a, o]) => `${a} (${answers(o).join(", ")})`);
    const probed = Object.keys(results).length;
    const note = total > probed ? `; only the first ${probed} of ${total} addresses probed` : "";
    if (used.length > 0) {
        return fail(CLUSTER, id, `pool addresses in use: ${used.join("; ")}${note}`, "move homelab:loadBalancer.pools to a free block (outside the DHCP range), or free these addresses");
    }
    if (note) return warn(CLUSTER, id, `nothing answered${note}`, "probe the rest by hand (e.g. arping) or use a smaller pool");
    return pass(CLUSTER, id, `${probed} pool addresses: nothing answered`);
}

/**
 * Fresh: nothing may answer on endpoint:apiPort (a running API means a cluster already exists
 * there and a bootstrap would create a second one). Adopt: the cluster must answer.
 */
export function endpointExpectation(ct: ClusterTarget, outcome: TcpOutcome, mode: PreflightMode): CheckResult {
    const id = "cluster.endpoint";
    const where = `${ct.endpoint}:${ct.apiPort}`;
    if (mode === "fresh") {
        if (outcome === "open") {
            return fail(
                CLUSTER,
                id,
                `an API server already answers at ${where}: refusing to bootstrap a second cluster`,
                "to take it over set homelab:cluster.adopt: true (docs/disaster-recovery.md); otherwise shut it down or pick another cluster.endpoint / network.vip",
            );
        }
        return pass(CLUSTER, id, `nothing serves ${where} (${outcome}): fresh bootstrap`);
    }
    if (outcome === "open") return pass(CLUSTER, id, `${where} answers (${mode})`);
    return fail(CLUSTER, id, `${where} does not answer (${outcome}) but the run expects a running cluster (${mode})`, "bring the cluster's control plane up, or unset homelab:cluster.adopt for a fresh bootstrap");
}

/** Node clocks must agree with each other (etcd, TLS): largest pairwise difference. */
export function clockSpread(clocks: Readonly<Record<string, number>>, maxSpreadS = 30): CheckResult | undefined {
    const entries = Object.entries(clocks);
    if (entries.length < 2) return undefined;
    const sorted = [...entries].sort((a, b) => a[1] - b[1]);
    const [lo, hi] = [sorted[0], sorted[sorted.length - 1]];
    const spread = hi[1] - lo[1];
    if (spread > maxSpreadS) return fail(CLUSTER, "cluster.time", `clocks differ by ${spread}s (${lo[0]} behind ${hi[0]})`, "enable NTP on every node (timedatectl set-ntp true) and point them at the same servers");
    return pass(CLUSTER, "cluster.time", `node clocks within ${spread}s of each other`);
}

/** k3s servers that already run must all belong to one cluster (same server CA). */
export function sameK3sCluster(caHashes: Readonly<Record<string, string>>): CheckResult | undefined {
    const groups = new Map<string, string[]>();
    for (const [node, h] of Object.entries(caHashes)) groups.set(h, [...(groups.get(h) ?? []), node]);
    if (groups.size < 2) return undefined;
    const list = [...groups.entries()].map(([h, ns]) => `${ns.join(", ")}: CA sha256:${h.slice(0, 16)}…`).join("; ");
    return fail(CLUSTER, "k3s.same-cluster", `the hosts run different k3s clusters (${list})`, "uninstall k3s on the hosts that do not belong (k3s-uninstall.sh) or fix their addresses");
}
