/**
 * Composition: which layers a spec needs, in which order. The program is `program()`; `index.ts`
 * exports its result and the offline `plan` runs the very same function under mocks.
 */
import { loadSpec } from "../config/load";
import type { ClusterSpec } from "../config/spec";
import { buildGitops } from "./gitops";
import { buildNetwork } from "./network";
import { buildNodes } from "./nodes";
import { nodePrerequisites } from "./prerequisites";
import { buildStorage } from "./storage";
import type { ClusterOutputs, GitopsLayer } from "./types";

/**
 * Builds every layer for a validated spec and returns the stack outputs. Order matters and is
 * explicit: each layer receives the previous ones and depends on their `ready` resources.
 */
export function buildCluster(spec: ClusterSpec): ClusterOutputs {
    const nodes = buildNodes(spec, nodePrerequisites(spec));
    let gitops: GitopsLayer | undefined;
    if (nodes) {
        const network = buildNetwork(spec, nodes);
        const storage = buildStorage(spec, nodes, network);
        gitops = buildGitops(spec, nodes, network, storage);
    }
    return {
        clusterName: spec.cluster.name,
        distribution: spec.cluster.distribution,
        apiServerUrl: spec.apiServerUrl,
        nodes: spec.nodes.map((n) => ({ name: n.name, role: n.role, ip: n.ip, offline: n.offline })),
        ...(nodes ? { kubeconfig: nodes.kubeconfig } : {}),
        ...(nodes?.talosconfig ? { talosconfig: nodes.talosconfig } : {}),
        ...(gitops?.argocdAdminPassword ? { argocdAdminPassword: gitops.argocdAdminPassword } : {}),
        ...(gitops?.sealedSecretsCertificate ? { sealedSecretsCertificate: gitops.sealedSecretsCertificate } : {}),
        ...(gitops?.externalSecretsStore ? { externalSecretsStore: gitops.externalSecretsStore } : {}),
    };
}

/** The whole program: read and validate config (throws before any resource), then build. */
export function program(): ClusterOutputs {
    const spec = loadSpec();
    return buildCluster(spec);
}
