/**
 * Runs preflight: every node concurrently through its transport, then the cluster-level checks.
 * Every network operation carries its own short timeout, so a whole run is bounded by roughly
 * the longest single timeout, whatever the number of nodes.
 */
import { clockSpread, endpointExpectation, expandPools, FREE_ADDRESS_PORTS, poolsFree, sameK3sCluster, vipFree } from "./checks/cluster";
import { checkK3sNode, checkTalosNode, type NodeReport, type NodeRunOptions } from "./node";
import { tcpProbe, tcpProbePorts } from "./transport/tcp";
import type { CheckResult, ClusterTarget, NodeTarget } from "./types";

export const DEFAULT_TIMEOUTS: NodeRunOptions["timeouts"] = { sshMs: 10_000, tcpMs: 2_000, talosMs: 10_000 };

export interface PreflightRun {
    readonly nodes: readonly NodeTarget[];
    readonly cluster: ClusterTarget;
    /** Run the cluster-level checks (VIP, pools, endpoint, clocks). */
    readonly clusterChecks: boolean;
    readonly options: NodeRunOptions;
}

export function checkNode(t: NodeTarget, o: NodeRunOptions): Promise<NodeReport> {
    return t.distribution === "k3s" ? checkK3sNode(t, o) : checkTalosNode(t, o);
}

export async function clusterChecks(ct: ClusterTarget, reports: readonly NodeReport[], names: readonly string[], o: NodeRunOptions): Promise<CheckResult[]> {
    const ports = [...FREE_ADDRESS_PORTS];
    const { addresses, total } = o.mode === "fresh" ? expandPools(ct.pools) : { addresses: [], total: 0 };
    const [endpoint, vip, pools] = await Promise.all([
        tcpProbe(ct.endpoint, ct.apiPort, o.timeouts.tcpMs),
        ct.vip && o.mode === "fresh" ? tcpProbePorts(ct.vip, ports, o.timeouts.tcpMs) : Promise.resolve({}),
        Promise.all(addresses.map((a) => tcpProbePorts(a, ports, o.timeouts.tcpMs))),
    ]);
    const out: CheckResult[] = [endpointExpectation(ct, endpoint, o.mode)];
    const v = vipFree(ct, vip, o.mode);
    if (v) out.push(v);
    const p = poolsFree(ct, Object.fromEntries(addresses.map((a, i) => [a, pools[i]])), total, o.mode);
    if (p) out.push(p);
    const clocks: Record<string, number> = {};
    const cas: Record<string, string> = {};
    reports.forEach((r, i) => {
        if (r.clock !== undefined) clocks[names[i]] = r.clock;
        if (r.caHash) cas[names[i]] = r.caHash;
    });
    for (const c of [clockSpread(clocks), sameK3sCluster(cas)]) if (c) out.push(c);
    return out;
}

export async function runPreflight(run: PreflightRun): Promise<CheckResult[]> {
    const reports = await Promise.all(run.nodes.map((n) => checkNode(n, run.options)));
    const results = reports.flatMap((r) => r.results);
    if (run.clusterChecks) {
        results.push(...(await clusterChecks(run.cluster, reports, run.nodes.map((n) => n.name), run.options)));
    }
    return results;
}

export const failed = (results: readonly CheckResult[]) => results.some((r) => r.status === "fail");
