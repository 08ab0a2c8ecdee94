/**
 * Cross-field address rules: CIDR overlaps, node addresses, gateway, VIP and load-balancer pools.
 * Each rule is a pure function of the parsed config returning its errors.
 */
import { issue, type ConfigIssue } from "../issues";
import { parseCidr, parseIp, parseRange, rangesOverlap, rangeWithin, reservedAddresses, type AddressRange } from "../net";
import type { ParsedConfig } from "../schema";
import { defaultPodCidr, defaultServiceCidr } from "../defaults";

/** Pod, service and node ranges must not overlap: routing would be ambiguous. */
export function cidrOverlaps(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const d = cfg.cluster.distribution;
    const pod = cfg.network.podCidr ?? defaultPodCidr[d];
    const svc = cfg.network.serviceCidr ?? defaultServiceCidr[d];
    const node = parseCidr(cfg.network.nodeCidr);
    const podC = parseCidr(pod);
    const svcC = parseCidr(svc);
    if (podC && svcC && rangesOverlap(podC, svcC)) {
        out.push(issue("network", ["serviceCidr"], svc, `overlaps network.podCidr ${pod}`));
    }
    if (node && podC && rangesOverlap(node, podC)) {
        out.push(issue("network", ["podCidr"], pod, `overlaps network.nodeCidr ${cfg.network.nodeCidr}`));
    }
    if (node && svcC && rangesOverlap(node, svcC)) {
        out.push(issue("network", ["serviceCidr"], svc, `overlaps network.nodeCidr ${cfg.network.nodeCidr}`));
    }
    cfg.network.vlans.forEach((v, i) => {
        const c = parseCidr(v.cidr);
        for (const [name, r] of [["podCidr", podC], ["serviceCidr", svcC], ["nodeCidr", node]] as const) {
            if (c && r && rangesOverlap(c, r)) {
                out.push(issue("network", ["vlans", i, "cidr"], v.cidr, `overlaps network.${name}`));
            }
        }
    });
    return out;
}

/** Every node address lies in nodeCidr and is a usable host address. */
export function nodeAddresses(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const net = parseCidr(cfg.network.nodeCidr);
    if (!net) {
        return out;
    }
    const reserved = reservedAddresses(net);
    cfg.nodes.forEach((n, i) => {
        const ip = parseIp(n.ip);
        if (!ip) {
            return;
        }
        if (ip.family !== net.family || ip.value < net.first || ip.value > net.last) {
            out.push(issue("nodes", [i, "ip"], n.ip, `is outside network.nodeCidr ${cfg.network.nodeCidr}`));
        } else if (reserved.includes(ip.value)) {
            out.push(issue("nodes", [i, "ip"], n.ip, `is the network or broadcast address of ${cfg.network.nodeCidr}`));
        }
    });
    return out;
}

/** Node names and addresses are unique. */
export function duplicateNodes(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const names = new Map<string, number>();
    const ips = new Map<string, number>();
    cfg.nodes.forEach((n, i) => {
        const first = names.get(n.name);
        if (first !== undefined) {
            out.push(issue("nodes", [i, "name"], n.name, `duplicates homelab:nodes[${first}].name`));
        } else {
            names.set(n.name, i);
        }
        const key = String(parseIp(n.ip)?.value ?? n.ip);
        const firstIp = ips.get(key);
        if (firstIp !== undefined) {
            out.push(issue("nodes", [i, "ip"], n.ip, `duplicates homelab:nodes[${firstIp}].ip`));
        } else {
            ips.set(key, i);
        }
    });
    return out;
}

/** The gateway is a host in nodeCidr and not a node. */
export function gatewayAddress(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const net = parseCidr(cfg.network.nodeCidr);
    const gw = parseIp(cfg.network.gateway);
    if (!net || !gw) {
        return out;
    }
    if (gw.family !== net.family || gw.value < net.first || gw.value > net.last) {
        out.push(issue("network", ["gateway"], cfg.network.gateway, `is outside network.nodeCidr ${cfg.network.nodeCidr}`));
    } else if (reservedAddresses(net).includes(gw.value)) {
        out.push(issue("network", ["gateway"], cfg.network.gateway, `is the network or broadcast address of ${cfg.network.nodeCidr}`));
    }
    const idx = cfg.nodes.findIndex((n) => parseIp(n.ip)?.value === gw.value);
    if (idx >= 0) {
        out.push(issue("network", ["gateway"], cfg.network.gateway, `is also the address of homelab:nodes[${idx}] (${cfg.nodes[idx].name})`));
    }
    return out;
}

/** The VIP is a free host address in nodeCidr: not a node, not the gateway, not in a pool. */
export function vipAddress(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const vipText = cfg.network.vip;
    const net = parseCidr(cfg.network.nodeCidr);
    const vip = vipText ? parseIp(vipText) : undefined;
    if (!vipText || !vip || !net) {
        return out;
    }
    if (vip.family !== net.family || vip.value < net.first || vip.value > net.last) {
        out.push(issue("network", ["vip"], vipText, `is outside network.nodeCidr ${cfg.network.nodeCidr}`));
        return out;
    }
    const idx = cfg.nodes.findIndex((n) => parseIp(n.ip)?.value === vip.value);
    if (idx >= 0) {
        out.push(issue("network", ["vip"], vipText, `is also the address of homelab:nodes[${idx}] (${cfg.nodes[idx].name})`));
    }
    if (parseIp(cfg.network.gateway)?.value === vip.value) {
        out.push(issue("network", ["vip"], vipText, "is also network.gateway"));
    }
    const point: AddressRange = { family: vip.family, first: vip.value, last: vip.value };
    cfg.loadBalancer.pools.forEach((p, pi) => {
        p.addresses.forEach((a, ai) => {
            const r = parseRange(a);
            if (r && rangesOverlap(r, point)) {
                out.push(issue("network", ["vip"], vipText, `lies in homelab:loadBalancer.pools[${pi}].addresses[${ai}] ${a}`));
            }
        });
    });
    return out;
}

/**
 * Pools lie inside nodeCidr (or their declared VLAN) and are disjoint from nodes, the gateway,
 * the VIP and each other: MetalLB/Cilium would otherwise hand out an address already in use.
 */
export function loadBalancerPools(cfg: ParsedConfig): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    const net = parseCidr(cfg.network.nodeCidr);
    const taken: Array<{ what: string; r: AddressRange }> = [];
    cfg.nodes.forEach((n, i) => {
        const ip = parseIp(n.ip);
        if (ip) taken.push({ what: `homelab:nodes[${i}].ip (${n.name})`, r: { family: ip.family, first: ip.value, last: ip.value } });
    });
    const gw = parseIp(cfg.network.gateway);
    if (gw) taken.push({ what: "network.gateway", r: { family: gw.family, first: gw.value, last: gw.value } });
    const seen: Array<{ where: string; r: AddressRange }> = [];
    cfg.loadBalancer.pools.forEach((p, pi) => {
        let container = net;
        let containerName = `network.nodeCidr ${cfg.network.nodeCidr}`;
        if (p.vlan !== undefined) {
            const vlan = cfg.network.vlans.find((v) => v.name === p.vlan);
            if (!vlan) {
                out.push(issue("loadBalancer", ["pools", pi, "vlan"], p.vlan, "is not a name in network.vlans"));
                return;
            }
            container = parseCidr(vlan.cidr);
            containerName = `network.vlans ${vlan.name} ${vlan.cidr}`;
        }
        p.addresses.forEach((a, ai) => {
            const r = parseRange(a);
            if (!r) return;
            if (container && !rangeWithin(r, container)) {
                out.push(issue("loadBalancer", ["pools", pi, "addresses", ai], a, `is outside ${containerName}`));
            }
            for (const t of taken) {
                if (rangesOverlap(r, t.r)) {
                    out.push(issue("loadBalancer", ["pools", pi, "addresses", ai], a, `contains ${t.what}`));
                }
            }
            for (const s of seen) {
                if (rangesOverlap(r, s.r)) {
                    out.push(issue("loadBalancer", ["pools", pi, "addresses", ai], a, `overlaps ${s.where}`));
                }
            }
            seen.push({ where: `homelab:loadBalancer.pools[${pi}].addresses[${ai}] ${a}`, r });
        });
    });
    const names = new Set<string>();
    cfg.loadBalancer.pools.forEach((p, pi) => {
        if (names.has(p.name)) out.push(issue("loadBalancer", ["pools", pi, "name"], p.name, "is a duplicate pool name"));
        names.add(p.name);
    });
    return out;
}
