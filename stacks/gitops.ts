/** GitOps layer: ArgoCD, repository access, bootstrap secrets, the root (issue: GitOps). */
import type { ClusterSpec } from "../config/spec";
import type { GitopsLayer, NetworkLayer, NodesLayer, StorageLayer } from "./types";

export function buildGitops(spec: ClusterSpec, nodes: NodesLayer, network: NetworkLayer, storage: StorageLayer): GitopsLayer {
    void spec;
    void nodes;
    void network;
    void storage;
    return { ready: [] };
}
