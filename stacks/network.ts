/** Network layer: Cilium first, then load balancer, Cloudflare, cert-manager (issue: Networking). */
import type { ClusterSpec } from "../config/spec";
import type { NetworkLayer, NodesLayer } from "./types";

export function buildNetwork(spec: ClusterSpec, nodes: NodesLayer): NetworkLayer {
    void spec;
    void nodes;
    return { ready: [], clusterIssuers: [] };
}
