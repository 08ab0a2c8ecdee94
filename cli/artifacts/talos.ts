/**
 * `talos/<node>.yaml`: the config patches passed for each node, as multi-document YAML, read from
 * the node's ConfigurationApply registration (its redacted inputs: a secret stays "[secret]").
 */
import { INSTALLER_IMAGE_INDEX } from "../../components/nodes/talos-patches";
import type { RecordedResource } from "../engine/recorder";
import { SECRET_MARK, UNKNOWN_MARK } from "../engine/values";
import type { ArtifactWriter, PlanFile } from "./types";

export const CONFIGURATION_APPLY = "talos:machine/configurationApply:ConfigurationApply";

function unknownComment(index: number): string {
    const what = index === INSTALLER_IMAGE_INDEX
        ? "machine.install.image (the image-factory installer image; its schematic id exists only once the Schematic is created)"
        : `patch #${index} (computed from resources that do not exist yet)`;
    return `# unknown until apply: ${what}\n`;
}

/** One patch element as a YAML document (or a comment saying why it cannot be shown). */
function renderElement(p: unknown, index: number): string {
    if (p === UNKNOWN_MARK) return unknownComment(index);
    if (p === SECRET_MARK) return `# patch #${index} is secret and is not written out\n`;
    if (typeof p !== "string") return `# patch #${index} is not a string (${typeof p})\n`;
    return p.endsWith("\n") ? p : `${p}\n`;
}

export const talosArtifacts: ArtifactWriter = (ctx) => {
    const byIp = new Map(ctx.spec.nodes.map((n) => [n.ip, n]));
    const files: PlanFile[] = [];
    for (const res of ctx.resources.filter((r) => r.type === CONFIGURATION_APPLY)) {
        const ip = res.inputs.node;
        const node = typeof ip === "string" ? byIp.get(ip) : undefined;
        const name = node?.name ?? (typeof ip === "string" ? ip : res.name);
        const header = `# Talos config patches for ${name}${node ? ` (${node.role}, ${node.ip})` : ""}, in the order they are applied.\n`;
        const patches = res.inputs.configPatches;
        let body: string;
        if (Array.isArray(patches)) {
            body = patches.map(renderElement).join("---\n");
        } else if (patches === SECRET_MARK) {
            body = "# the patch list is secret and is not written out\n";
        } else if (patches === UNKNOWN_MARK) {
            body = "# the patch list is unknown until apply\n";
        } else {
            body = "# no config patches\n";
        }
        files.push({ path: `talos/${name}.yaml`, content: header + body });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
};

const LOCAL_COMMAND = "command:local:Command";

/**
 * The Talos rollout order as registered: the node names of the `<cluster>-<node>-rollout` chain,
 * sorted by their dependencies. Read from the dependencies in resources.json, not from the config, so it shows what the engine
 * would really do. Empty when the stack has no Talos rollout.
 */
export function talosRolloutOrder(resources: readonly RecordedResource[]): string[] {
    const chain = (suffix: string) => {
        const steps = resources.filter((r) => r.type === LOCAL_COMMAND && r.name.endsWith(suffix));
        const urns = new Set(steps.map((s) => s.urn));
        // Each step depends on exactly one other step of its chain (the previous node) except the first.
        const ordered: RecordedResource[] = [];
        let next = steps.find((s) => !s.dependencies.some((d) => urns.has(d)));
        while (next) {
            ordered.push(next);
            const cur: RecordedResource = next;
            next = steps.find((s) => s.dependencies.includes(cur.urn));
        }
        return ordered.map((s) => String((s.inputs.environment as Record<string, unknown> | undefined)?.NODE_NAME ?? s.name));
    };
    return chain("-rollout");
}
