/**
 * GitOps layer: ArgoCD, repository access, bootstrap secrets and the root of the app tree. After
 * this layer ArgoCD deploys everything else from the GitOps repository (docs/gitops.md).
 */
import type { ClusterSpec } from "../config/spec";
import { ArgoCD } from "../components/gitops/argocd";
import { BootstrapSecrets } from "../components/gitops/bootstrap-secrets";
import { Repository } from "../components/gitops/repository";
import { RootApp } from "../components/gitops/root-app";
import { SealedSecretsKey } from "../components/gitops/sealed-secrets-key";
import type { GitopsLayer, NetworkLayer, NodesLayer, StorageLayer } from "./types";

export function buildGitops(spec: ClusterSpec, nodes: NodesLayer, network: NetworkLayer, storage: StorageLayer): GitopsLayer {
    const g = spec.gitops;
    if (!g) return { ready: [] };
    const provider = nodes.provider;
    // Pods need the CNI (Cilium) and, for ArgoCD's Redis/repo cache, nothing more; storage is
    // waited for so that apps synced right away find their default StorageClass.
    const podsCanRun = [nodes.component, ...network.ready, ...storage.ready];

    const argocd = new ArgoCD("argocd", {
        provider,
        // argocd-server's certificate from cert-manager when it serves TLS itself (docs/security.md).
        settings: { ...g.argocd, certificateIssuer: network.defaultClusterIssuer },
        adminPassword: spec.secrets.argocdAdminPassword,
        dependsOn: podsCanRun,
    });

    const repository = new Repository("gitops-repo", {
        provider,
        namespace: argocd.namespace.metadata.name,
        repo: g.repo,
        sshPrivateKey: spec.secrets.gitSshPrivateKey,
        token: spec.secrets.gitToken,
    });

    const es = g.secrets.externalSecrets;
    const bootstrap = es
        ? new BootstrapSecrets("external-secrets", {
              provider,
              externalSecrets: es,
              credentials: {
                  infisicalClientId: spec.secrets.infisicalClientId,
                  infisicalClientSecret: spec.secrets.infisicalClientSecret,
                  vaultToken: spec.secrets.vaultToken,
                  bitwardenAccessToken: spec.secrets.bitwardenAccessToken,
              },
              dependsOn: podsCanRun,
          })
        : undefined;

    const ss = g.secrets.sealedSecrets;
    const sealing = ss.enabled ? new SealedSecretsKey("sealed-secrets", { provider, settings: ss, dependsOn: podsCanRun }) : undefined;

    // The first sync must find ArgoCD's CRDs, the repository credentials and the operators'
    // credentials and key already in place.
    const root = new RootApp("root", {
        provider,
        namespace: argocd.namespaceName,
        repo: g.repo,
        layout: g.layout,
        applicationSets: g.applicationSets,
        project: g.project,
        dependsOn: [argocd.release, ...(repository.secret ? [repository.secret] : []), ...(bootstrap?.ready ?? []), ...(sealing?.ready ?? [])],
    });

    return {
        ready: root.resources,
        argocd: argocd.release,
        argocdAdminPassword: argocd.adminPassword,
        ...(sealing ? { sealedSecretsCertificate: sealing.certificatePem } : {}),
    };
}
