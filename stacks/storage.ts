/** Storage layer: providers and the one default StorageClass (issue: Storage). */
import type { ClusterSpec } from "../config/spec";
import type { NetworkLayer, NodesLayer, StorageLayer } from "./types";

export function buildStorage(spec: ClusterSpec, nodes: NodesLayer, network: NetworkLayer): StorageLayer {
    void spec;
    void nodes;
    void network;
    return { ready: [] };
}
