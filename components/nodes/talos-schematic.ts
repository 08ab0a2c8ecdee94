/**
 * Image-factory schematic and installer-image helpers (pure).
 *
 * The schematic lists the official system extensions baked into the installer image (the seed:
 * siderolabs/i915, siderolabs/intel-ucode, siderolabs/mei) plus those the storage layer needs,
 * and extra kernel arguments. Extensions in `machine.install.extensions` are deprecated since
 * Talos 1.12; the factory installer image is the supported way.
 * Schema: https://github.com/siderolabs/image-factory (customization.systemExtensions.officialExtensions).
 */
import { stringify } from "yaml";
import type { NodeSpec, TalosSettings } from "../../config/spec";
import type { NodePrerequisites } from "../../stacks/types";

export interface SchematicInput {
    readonly extensions: readonly string[];
    readonly extraKernelArgs: readonly string[];
}

/** Extensions from config and prerequisites, sorted and deduplicated (same set -> same id). */
export function schematicInput(talos: Pick<TalosSettings, "extensions" | "extraKernelArgs">, prerequisites: Pick<NodePrerequisites, "talosExtensions">): SchematicInput {
    return {
        extensions: [...new Set([...talos.extensions, ...prerequisites.talosExtensions])].sort(),
        // Kernel-argument order can matter (later wins): keep it, drop exact duplicates only.
        extraKernelArgs: [...new Set(talos.extraKernelArgs)],
    };
}

/** The schematic YAML sent to the image factory. Always a document, even without extensions. */
export function renderSchematic(input: SchematicInput): string {
    const customization: Record<string, unknown> = {};
    if (input.extraKernelArgs.length > 0) customization.extraKernelArgs = [...input.extraKernelArgs];
    customization.systemExtensions = { officialExtensions: [...input.extensions] };
    return stringify({ customization }, { lineWidth: 0, indent: 2 });
}

/** Machine-config contract passed to the provider: `configVersion`, else major.minor of `version`. */
export function talosContract(talos: Pick<TalosSettings, "version" | "configVersion">): string {
    if (talos.configVersion) return talos.configVersion;
    const m = /^v(\d+)\.(\d+)\./.exec(talos.version);
    if (!m) throw new Error(`cluster.talos.version ${talos.version} does not look like v1.13.9`);
    return `v${m[1]}.${m[2]}`;
}

/** Distinct architectures of the given nodes, sorted (one installer-URL lookup each). */
export function architectures(nodes: readonly Pick<NodeSpec, "arch">[]): Array<NodeSpec["arch"]> {
    return [...new Set(nodes.map((n) => n.arch))].sort();
}
