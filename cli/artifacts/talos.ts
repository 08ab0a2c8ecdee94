/**
 * `talos/<node>.yaml`: the config patches passed for each node, as multi-document YAML, read from
 * the node's ConfigurationApply registration. Filled in with the Talos node layer.
 */
import type { ArtifactWriter } from "./types";

export const talosArtifacts: ArtifactWriter = () => [];
