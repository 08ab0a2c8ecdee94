/** k3s node layer: K3sCluster over SSH, then the one Kubernetes provider from its kubeconfig. */
import { kubernetesProvider } from "../components/nodes/kubernetes-provider";
import { K3sCluster } from "../components/nodes/k3s-cluster";
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterSpec } from "../config/spec";
import type { NodePrerequisites, NodesLayer } from "./types";

export function buildK3sNodes(spec: ClusterSpec, prerequisites: NodePrerequisites, preflight?: Readonly<Record<string, pulumi.Resource>>): NodesLayer {
    const sshPrivateKey = spec.secrets.sshPrivateKey;
    if (!sshPrivateKey) {
        // The loader already requires it for k3s; this guards direct callers (tests, tools).
        throw new Error("homelab:sshPrivateKey is required by cluster.distribution: k3s; run: pulumi config set --secret sshPrivateKey");
    }
    const name = spec.cluster.name;
    const component = new K3sCluster(name, {
        spec,
        sshPrivateKey,
        prerequisites,
        ...(spec.secrets.k3sToken ? { token: spec.secrets.k3sToken } : {}),
        ...(preflight ? { preflight } : {}),
    });
    const provider = kubernetesProvider(`${name}-k8s`, { kubeconfig: component.kubeconfig, clusterName: name }, { parent: component });
    return { component, apiReady: [component], kubeconfig: component.kubeconfig, provider };
}
