/**
 * Pure builders for the load-balancer objects: MetalLB pools and advertisement, Cilium LB-IPAM
 * pools and L2 policy, kube-vip cloud-provider ranges, and the Service metadata each provider
 * reads to pick a pool or an address.
 */
import type { ClusterSpec } from "../../config/spec";
import { bigIntToAddress, parseRange, reservedAddresses, parseCidr } from "../../config/net";

export type LoadBalancerSpec = ClusterSpec["loadBalancer"];
export type Pool = LoadBalancerSpec["pools"][number];

/** MetalLB `IPAddressPool.spec` (metallb.io/v1beta1): addresses as written (CIDR, IP, range). */
export function metallbPoolSpec(pool: Pool): Record<string, unknown> {
    // A single address is written as a /32 (/128): MetalLB takes CIDRs and ranges.
    const addresses = pool.addresses.map((a) => (a.includes("/") || a.includes("-") ? a : `${a}/${a.includes(":") ? 128 : 32}`));
    return { addresses, autoAssign: pool.autoAssign, avoidBuggyIPs: true };
}

/**
 * MetalLB L2Advertisements: one per pool (`homelab-l2-<pool>`), announcing that pool on its own
 * `interfaces`, else on `loadBalancer.interfaces`, else on every NIC. An advertisement without
 * `interfaces` announces on all of them, so a VLAN pool needs its own with the VLAN NIC.
 * https://metallb.io/configuration/_advanced_l2_configuration/#specify-network-interfaces-that-lb-ip-can-be-announced-from
 */
export function metallbL2Advertisements(lb: LoadBalancerSpec): Array<{ pool: string; name: string; spec: Record<string, unknown> }> {
    return lb.pools.map((p) => {
        const nics = p.interfaces ?? lb.interfaces;
        return {
            pool: p.name,
            name: `homelab-l2-${p.name}`,
            spec: { ipAddressPools: [p.name], ...(nics.length > 0 ? { interfaces: [...nics] } : {}) },
        };
    });
}

/** Label a Service carries to take its address from a named Cilium pool. */
export const ciliumPoolLabel = "homelab/lb-pool";

/**
 * `CiliumLoadBalancerIPPool.spec` (cilium.io/v2). LB-IPAM has no autoAssign flag: a pool serves
 * every Service its selector matches. So an auto-assigned pool matches Services that do not name
 * another pool, and a pool without autoAssign matches only Services that name it.
 */
export function ciliumPoolSpec(pool: Pool, all: readonly Pool[]): Record<string, unknown> {
    const blocks = pool.addresses.map((a) => {
        if (a.includes("/")) return { cidr: a };
        const [start, stop] = a.split("-").map((s) => s.trim());
        return { start, stop: stop ?? start };
    });
    const others = all.filter((p) => p.name !== pool.name).map((p) => p.name);
    const serviceSelector = pool.autoAssign
        ? others.length > 0
            ? { matchExpressions: [{ key: ciliumPoolLabel, operator: "NotIn", values: others }] }
            : undefined
        : { matchLabels: { [ciliumPoolLabel]: pool.name } };
    return { blocks, ...(serviceSelector ? { serviceSelector } : {}) };
}

/**
 * `CiliumL2AnnouncementPolicy.spec` (cilium.io/v2alpha1): answer ARP for LoadBalancer IPs on
 * every node (homelab control planes usually run workloads too), on the configured NICs.
 */
export function ciliumL2PolicySpec(lb: LoadBalancerSpec): Record<string, unknown> {
    return {
        loadBalancerIPs: true,
        externalIPs: false,
        ...(lb.interfaces.length > 0 ? { interfaces: [...lb.interfaces] } : {}),
    };
}

/**
 * kube-vip cloud-provider ConfigMap data. It knows global and per-namespace ranges, not named
 * pools: every auto-assigned pool joins `range-global`. Pools without autoAssign are left out:
 * a Service gets one of their addresses by asking for it (`kube-vip.io/loadbalancerIPs`), which
 * kube-vip announces without IPAM. CIDRs become ranges without their network and broadcast
 * addresses, which hosts on the LAN would not reach.
 * https://kube-vip.io/docs/usage/cloud-provider/
 */
export function kubeVipRanges(lb: LoadBalancerSpec): Record<string, string> {
    const ranges: string[] = [];
    for (const pool of lb.pools.filter((p) => p.autoAssign)) {
        for (const a of pool.addresses) {
            const r = parseRange(a);
            if (!r) continue;
            let { first, last } = r;
            const c = a.includes("/") ? parseCidr(a) : undefined;
            if (c && reservedAddresses(c).length > 0) {
                first += 1n;
                last -= 1n;
            }
            ranges.push(`${bigIntToAddress(first, r.family)}-${bigIntToAddress(last, r.family)}`);
        }
    }
    return ranges.length > 0 ? { "range-global": ranges.join(",") } : {};
}

/** What a LoadBalancer Service asks for: a named pool and/or one fixed address. */
export interface ServiceAddressRequest {
    readonly pool?: string;
    readonly ip?: string;
}

/** Metadata a Service needs for the request, for the configured provider. */
export interface ServiceAddressMetadata {
    readonly annotations: Record<string, string>;
    readonly labels: Record<string, string>;
}

/**
 * The annotations/labels that carry an address request to the provider, so later layers (e.g. the
 * ArgoCD or ingress Service) can ask for a pool or an IP without knowing which provider runs.
 */
export function serviceAddressMetadata(provider: LoadBalancerSpec["provider"], req: ServiceAddressRequest): ServiceAddressMetadata {
    const annotations: Record<string, string> = {};
    const labels: Record<string, string> = {};
    switch (provider) {
        case "metallb":
            // https://metallb.io/usage/#requesting-specific-ips
            if (req.pool) annotations["metallb.io/address-pool"] = req.pool;
            if (req.ip) annotations["metallb.io/loadBalancerIPs"] = req.ip;
            break;
        case "cilium":
            // https://docs.cilium.io/en/stable/network/lb-ipam/#requesting-ips
            if (req.pool) labels[ciliumPoolLabel] = req.pool;
            if (req.ip) annotations["lbipam.cilium.io/ips"] = req.ip;
            break;
        case "kube-vip":
            // Pools are not addressable by name in kube-vip (see kubeVipRanges).
            if (req.ip) annotations["kube-vip.io/loadbalancerIPs"] = req.ip;
            break;
        case "none":
            break;
    }
    return { annotations, labels };
}
