/** Talos node layer: the TalosCluster component and the one Kubernetes provider built from it. */
import { kubernetesProvider } from "../components/nodes/kubernetes-provider";
import { TalosCluster } from "../components/nodes/talos-cluster";
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterSpec } from "../config/spec";
import type { NodePrerequisites, NodesLayer } from "./types";

export function buildTalosNodes(spec: ClusterSpec, prerequisites: NodePrerequisites, preflight?: Readonly<Record<string, pulumi.Resource>>): NodesLayer | undefined {
    const talos = spec.cluster.talos;
    if (!talos) throw new Error("cluster.distribution is talos but the spec has no talos block");
    const cluster = new TalosCluster(spec.cluster.name, {
        clusterName: spec.cluster.name,
        clusterEndpoint: spec.apiServerUrl,
        kubernetesVersion: spec.cluster.kubernetesVersion,
        talos,
        network: spec.network,
        cni: spec.cni,
        nodes: spec.nodes,
        prerequisites,
        ...(preflight ? { preflight } : {}),
    });
    // Parented to the cluster so it shows under the node layer; its kubeconfig only resolves
    // once the cluster answered the health check (outside preview), so nothing in the later
    // layers talks to the API server before then.
    const provider = kubernetesProvider(`${spec.cluster.name}-k8s`, { kubeconfig: cluster.kubeconfig, clusterName: spec.cluster.name }, { parent: cluster });
    return { component: cluster, apiReady: [cluster], kubeconfig: cluster.kubeconfig, talosconfig: cluster.talosconfig, provider };
}
