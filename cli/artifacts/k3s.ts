/**
 * `k3s/<node>/config.yaml`: the k3s config each node receives, read from that node's install
 * command registration (its stdin: config.yaml holds no secret, the token travels separately),
 * and `k3s/<node>/manifests/<kind>_<namespace>_<name>.yaml`, one file per object of the manifests
 * dropped into a server's auto-deploy folder (kube-vip), named like the plan's `manifests/`. Nodes are matched by the command's SSH host. A config that arrives secret or
 * unknown is an error: it would mean the token leaked into it or the text is not plain.
 */
import { INSTALL_MARKER, MANIFEST_MARKER } from "../../components/nodes/k3s-scripts";
import { REMOTE_COMMAND_TYPE } from "../../components/nodes/k3s-remote-command";
import { parseAllDocuments } from "yaml";
import { SECRET_MARK, UNKNOWN_MARK } from "../engine/values";
import type { ArtifactWriter, PlanFile } from "./types";

export const k3sArtifacts: ArtifactWriter = ({ resources, spec }) => {
    if (spec.cluster.distribution !== "k3s") return [];
    const byIp = new Map(spec.nodes.map((n) => [n.ip, n.name]));
    const files: PlanFile[] = [];
    for (const r of resources) {
        if (r.type !== REMOTE_COMMAND_TYPE || typeof r.inputs.create !== "string") continue;
        const create = r.inputs.create;
        const host = (r.inputs.connection as { host?: unknown } | undefined)?.host;
        const node = typeof host === "string" ? byIp.get(host) : undefined;
        const manifest = new RegExp(`${MANIFEST_MARKER} ([a-z0-9.-]+\\.yaml)`).exec(create);
        const path = create.includes(INSTALL_MARKER) ? "config.yaml" : manifest ? `manifests/${manifest[1]}` : undefined;
        if (!path) continue;
        if (!node) throw new Error(`${r.urn}: SSH host ${String(host)} is not a node in homelab:nodes`);
        const stdin = r.inputs.stdin;
        if (typeof stdin !== "string" || stdin === SECRET_MARK || stdin === UNKNOWN_MARK) {
            throw new Error(`${r.urn}: k3s/${node}/${path} is not plain text (${String(stdin)})`);
        }
        if (path === "config.yaml") {
            files.push({ path: `k3s/${node}/config.yaml`, content: stdin });
            continue;
        }
        for (const doc of parseAllDocuments(stdin)) {
            const o = doc.toJSON() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
            if (!o) continue;
            const part = (s: string | undefined) => (s ?? "").replace(/[^A-Za-z0-9._-]/g, "-");
            files.push({ path: `k3s/${node}/manifests/${part(o.kind)}_${part(o.metadata?.namespace)}_${part(o.metadata?.name)}.yaml`, content: doc.toString() });
        }
    }
    return files;
};
