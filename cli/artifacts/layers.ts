/** Which layer a registration belongs to: the nearest `homelab:<layer>:*` component above it. */
import type { RecordedResource } from "../engine/recorder";

export function layerOf(r: RecordedResource, byUrn: ReadonlyMap<string, RecordedResource>): string {
    let cur: RecordedResource | undefined = r;
    while (cur) {
        const m = /^homelab:([A-Za-z0-9-]+):/.exec(cur.type);
        if (m) return m[1];
        cur = cur.parent ? byUrn.get(cur.parent) : undefined;
    }
    return r.type === "pulumi:pulumi:Stack" ? "stack" : "other";
}

/** Resource count per layer (components included), in a stable order. */
export function countByLayer(resources: readonly RecordedResource[]): Array<[string, number]> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const counts = new Map<string, number>();
    for (const r of resources) {
        const l = layerOf(r, byUrn);
        counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    const order = ["stack", "nodes", "network", "storage", "gitops"];
    return [...counts.entries()].sort((a, b) => {
        const ia = order.indexOf(a[0]);
        const ib = order.indexOf(b[0]);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a[0].localeCompare(b[0]);
    });
}
