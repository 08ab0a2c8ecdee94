/**
 * Talos node layer: the TalosCluster component, the one Kubernetes provider built from it, and
 * the scheduled etcd snapshots when a backup target is configured.
 */
import type * as pulumi from "@pulumi/pulumi";
import { kubernetesProvider } from "../components/nodes/kubernetes-provider";
import { TalosCluster } from "../components/nodes/talos-cluster";
import { rolloutOrder, TalosRollout } from "../components/nodes/talos-rollout";
import { TalosEtcdBackup } from "../components/nodes/talos-etcd-backup";
import { etcdBackupTarget } from "../components/nodes/talos-etcd-backup-manifests";
import { controlPlanes, type ClusterSpec } from "../config/spec";
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
        adopt: spec.cluster.adopt,
        ...(preflight ? { preflight } : {}),
    });
    // Parented to the cluster so it shows under the node layer; its kubeconfig only resolves
    // once the cluster answered the health check (outside preview), so nothing in the later
    // layers talks to the API server before then.
    const provider = kubernetesProvider(`${spec.cluster.name}-k8s`, { kubeconfig: cluster.kubeconfig, clusterName: spec.cluster.name }, { parent: cluster });

    // Changes to running nodes, one node at a time (talos-rollout.ts). Beside the cluster, not in
    // it: later layers wait for the cluster component, and must not wait for a worker rollout.
    new TalosRollout(`${spec.cluster.name}-rollout`, {
        clusterName: spec.cluster.name,
        talosconfig: cluster.talosconfig,
        nodes: rolloutOrder(spec.nodes).map((node) => ({ node, apply: cluster.applies[node.name], image: cluster.installerImages[node.arch] })),
        version: talos.version,
        schematicId: cluster.schematic.id,
        stepTimeout: talos.rolloutTimeout,
        after: [cluster.bootstrapped],
    });

    // Not a child of the cluster either: later layers wait for the cluster component, not for this.
    const target = etcdBackupTarget(talos.etcdBackup);
    if (target && talos.etcdBackup) {
        const { backupAccessKeyId, backupSecretAccessKey } = spec.secrets;
        new TalosEtcdBackup(`${spec.cluster.name}-etcd-backup`, {
            target,
            schedule: talos.etcdBackup.schedule,
            keep: talos.etcdBackup.keep,
            talosVersion: talos.version,
            controlPlanes: controlPlanes(spec).map((n) => n.ip),
            provider,
            ...(backupAccessKeyId && backupSecretAccessKey ? { s3Credentials: { accessKeyId: backupAccessKeyId, secretAccessKey: backupSecretAccessKey } } : {}),
        });
    }
    return { component: cluster, apiReady: [cluster], kubeconfig: cluster.kubeconfig, talosconfig: cluster.talosconfig, provider };
}
