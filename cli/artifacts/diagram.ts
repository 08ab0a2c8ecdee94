/**
 * `diagram.mmd`: a Mermaid flowchart of the cluster in the style of the seeds' own diagrams —
 * hardware by role, the four layers with the components actually registered, and how traffic
 * enters (tunnel, load-balancer pools, API VIP). A pure function of the spec and the recording.
 */
import type { ClusterSpec } from "../../config/spec";
import type { RecordedResource } from "../engine/recorder";
import type { ArtifactWriter } from "./types";

const LAYERS: ReadonlyArray<[string, string]> = [
    ["nodes", "Layer 1: nodes"],
    ["network", "Layer 2: network"],
    ["storage", "Layer 3: storage"],
    ["gitops", "Layer 4: GitOps"],
];

function id(prefix: string, text: string): string {
    return `${prefix}_${text.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function label(text: string): string {
    return `"${text.replace(/"/g, "#quot;")}"`;
}

/** The layer a resource belongs to: the `homelab:<layer>:` component it sits in, if any. */
function layerOf(r: RecordedResource | undefined, byUrn: ReadonlyMap<string, RecordedResource>): string | undefined {
    for (let cur = r; cur; cur = byUrn.get(cur.parent)) {
        const m = /^homelab:([^:]+):/.exec(cur.type);
        if (m) return m[1];
    }
    return undefined;
}

/**
 * Which layer waits for which, read from the recorded dependencies (not from the reading order):
 * storage and GitOps wait for the API server and the CNI, not for each other (stacks/*.ts).
 * Edges implied by two others are left out; with no dependency recorded, the reading order.
 */
export function layerEdges(resources: readonly RecordedResource[], present: readonly string[]): Array<[string, string]> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const edges = new Set<string>();
    for (const r of resources) {
        const to = layerOf(r, byUrn);
        if (!to || !present.includes(to)) continue;
        for (const d of r.dependencies) {
            const from = layerOf(byUrn.get(d), byUrn);
            if (from && from !== to && present.includes(from)) edges.add(`${from}>${to}`);
        }
    }
    const has = (a: string, b: string) => edges.has(`${a}>${b}`);
    const direct = [...edges].map((e) => e.split(">") as [string, string]).filter(([a, c]) => !present.some((b) => b !== a && b !== c && has(a, b) && has(b, c)));
    if (direct.length === 0) return present.slice(1).map((l, i) => [present[i], l]);
    const rank = (l: string) => present.indexOf(l);
    return direct.sort((x, y) => rank(x[0]) - rank(y[0]) || rank(x[1]) - rank(y[1]));
}

export function renderDiagram(spec: ClusterSpec, resources: readonly RecordedResource[]): string {
    const L: string[] = ["flowchart TB"];
    const d = spec.cluster.distribution;
    const version = d === "talos" ? `Talos ${spec.cluster.talos?.version}` : `k3s ${spec.cluster.k3s?.version}`;
    const online = spec.nodes.filter((n) => !n.offline);
    const nodeBox = (n: ClusterSpec["nodes"][number]) =>
        `      ${id("n", n.name)}[${label(`${n.name}<br/>${n.ip}${n.hardware ? `<br/>${n.hardware}` : ""}${n.arch !== "amd64" ? `<br/>${n.arch}` : ""}`)}]`;

    L.push(`  subgraph hw[${label(`Hardware: ${online.length} online nodes, ${version}`)}]`);
    const groups: Array<[string, string, ClusterSpec["nodes"]]> = [
        ["cp", spec.network.vip ? `Control planes (VIP ${spec.network.vip})` : "Control planes", online.filter((n) => n.role === "controlplane")],
        ["wk", "Workers", online.filter((n) => n.role === "worker")],
        ["off", "Offline (kept in config, skipped)", spec.nodes.filter((n) => n.offline)],
    ];
    for (const [gid, title, nodes] of groups) {
        if (nodes.length === 0) continue;
        L.push(`    subgraph ${gid}[${label(title)}]`);
        nodes.forEach((n) => L.push(nodeBox(n)));
        L.push("    end");
    }
    L.push("  end");

    const components = resources.filter((r) => !r.custom && /^homelab:[^:]+:/.test(r.type));
    const present: string[] = [];
    for (const [layer, title] of LAYERS) {
        const mine = components.filter((c) => c.type.split(":")[1] === layer);
        if (mine.length === 0) continue;
        present.push(layer);
        L.push(`  subgraph ${id("L", layer)}[${label(title)}]`);
        for (const c of mine) L.push(`    ${id("c", c.name)}[${label(`${c.type.split(":")[2]}<br/>${c.name}`)}]`);
        L.push("  end");
    }
    L.push(`  hw --> ${present.length > 0 ? id("L", present[0]) : "hw"}`.replace("hw --> hw", "%% no layers registered"));
    for (const [from, to] of layerEdges(resources, present)) L.push(`  ${id("L", from)} --> ${id("L", to)}`);

    L.push(`  subgraph entry[${label("How traffic enters")}]`);
    L.push(`    lan((${label(`LAN ${spec.network.nodeCidr}`)}))`);
    const tunnel = spec.cloudflare?.tunnel;
    if (tunnel?.enabled) L.push(`    internet((${label("Internet")}))`);
    L.push("  end");
    if (spec.network.vip || spec.cluster.endpoint) {
        L.push(`  lan -->|${label(`API ${spec.cluster.endpoint}:${spec.cluster.apiPort}`)}| cp`);
    }
    spec.loadBalancer.pools.forEach((p) => {
        L.push(`  ${id("pool", p.name)}[${label(`${spec.loadBalancer.provider} pool ${p.name}<br/>${p.addresses.join(", ")}`)}]`);
        L.push(`  lan --> ${id("pool", p.name)} --> ${present.includes("network") ? id("L", "network") : "wk"}`);
    });
    if (tunnel?.enabled && spec.cloudflare) {
        const hosts = tunnel.ingress.map((r) => r.hostname).join(", ");
        L.push(`  tunnel[${label(`Cloudflare Tunnel ${tunnel.name ?? spec.cluster.name}<br/>${hosts}`)}]`);
        L.push(`  internet -->|${label(spec.cloudflare.zone)}| tunnel --> ${present.includes("network") ? id("L", "network") : "wk"}`);
    }
    if (spec.gitops) {
        L.push(`  git[(${label(`Git ${spec.gitops.repo.url}<br/>${spec.gitops.repo.path}`)})]`);
        L.push(`  git -->|${label(spec.gitops.layout)}| ${present.includes("gitops") ? id("L", "gitops") : "hw"}`);
    }
    return L.join("\n") + "\n";
}

export const diagramArtifact: ArtifactWriter = ({ spec, resources }) => [{ path: "diagram.mmd", content: renderDiagram(spec, resources) }];
