/**
 * GitOps layer: ArgoCD, repository access, bootstrap secrets and the root of the app tree. After
 * this layer ArgoCD deploys everything else from the GitOps repository (docs/gitops.md).
 *
 * Ordering (docs/gitops.md "Ordering"): ArgoCD, its repository Secret and the bootstrap secrets
 * wait only for the API server and the CNI (`network.podNetwork`); the root waits only for ArgoCD
 * and what its first sync reads. Storage, cert-manager and the load balancer are not on the path:
 * what the apps need from them later converges by itself, or the stack opts into a wait with
 * `gitops.rootWaitsFor`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterSpec } from "../config/spec";
import { ArgoCD } from "../components/gitops/argocd";
import { serverCertificate } from "../components/gitops/argocd-values";
import { BootstrapSecrets } from "../components/gitops/bootstrap-secrets";
import { Repository } from "../components/gitops/repository";
import { RootApp } from "../components/gitops/root-app";
import { SealedSecretsKey } from "../components/gitops/sealed-secrets-key";
import { handedOff } from "./handoff";
import type { GitopsLayer, NetworkLayer, NodesLayer, StorageLayer } from "./types";

/**
 * Does the ArgoCD chart get a LoadBalancer Service? Helm's wait treats such a Service as ready
 * only once it has an address (helm `pkg/kube/ready.go`, serviceReady), so the release then needs
 * the load balancer too, or it would time out waiting for an address nobody hands out.
 */
export function argocdNeedsLoadBalancer(values: Readonly<Record<string, unknown>>): boolean {
    const server = values.server as { service?: { type?: unknown } } | undefined;
    return server?.service?.type === "LoadBalancer";
}

/** What the root additionally waits for, from `gitops.rootWaitsFor`. */
export function rootExtraWaits(spec: Pick<ClusterSpec, "gitops">, network: NetworkLayer, storage: StorageLayer): pulumi.Resource[] {
    const waits = spec.gitops?.rootWaitsFor ?? [];
    return [
        ...(waits.includes("storage") ? storage.ready : []),
        ...(waits.includes("certManager") && network.certManager ? [network.certManager] : []),
        ...(waits.includes("loadBalancer") ? (network.loadBalancerReady ?? []) : []),
    ];
}

export function buildGitops(spec: ClusterSpec, nodes: NodesLayer, network: NetworkLayer, storage: StorageLayer): GitopsLayer {
    const g = spec.gitops;
    if (!g) return { ready: [] };
    const provider = nodes.provider;
    // Pods need the API server and the CNI; ArgoCD's Redis and repo server keep their cache in
    // emptyDir, so no StorageClass is needed either.
    const podsCanRun = [...network.podNetwork];

    // argocd-server's certificate from cert-manager when it serves TLS itself (docs/security.md).
    const settings = { ...g.argocd, selfManaged: g.argocd.selfManaged || handedOff(spec, "argocd"), certificateIssuer: network.defaultClusterIssuer };
    // The chart then renders a cert-manager Certificate, which Helm can only create once
    // cert-manager's CRDs exist: only this opt-in puts cert-manager on the path to ArgoCD.
    const needsCertManager = serverCertificate(settings) !== undefined && network.certManager !== undefined;
    const argocd = new ArgoCD("argocd", {
        provider,
        settings,
        adminPassword: spec.secrets.argocdAdminPassword,
        dependsOn: [
            ...podsCanRun,
            ...(argocdNeedsLoadBalancer(g.argocd.values) ? (network.loadBalancerReady ?? []) : []),
            ...(needsCertManager && network.certManager ? [network.certManager] : []),
        ],
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
              handoff: handedOff(spec, "external-secrets"),
          })
        : undefined;

    const ss = g.secrets.sealedSecrets;
    const sealing = ss.enabled
        ? new SealedSecretsKey("sealed-secrets", { provider, settings: ss, dependsOn: podsCanRun, handoff: handedOff(spec, "sealed-secrets") })
        : undefined;

    // The first sync must find ArgoCD's CRDs, the repository credentials and the operators'
    // credentials and key already in place; nothing else unless the stack asks for it.
    const root = new RootApp("root", {
        provider,
        namespace: argocd.namespaceName,
        repo: g.repo,
        layout: g.layout,
        applicationSets: g.applicationSets,
        project: g.project,
        dependsOn: [
            argocd.release,
            ...(repository.secret ? [repository.secret] : []),
            ...(bootstrap?.ready ?? []),
            ...(sealing?.ready ?? []),
            ...rootExtraWaits(spec, network, storage),
        ],
    });

    return {
        ready: root.resources,
        argocd: argocd.release,
        argocdAdminPassword: argocd.adminPassword,
        ...(sealing ? { sealedSecretsCertificate: sealing.certificatePem } : {}),
        ...(bootstrap?.clusterSecretStore ? { externalSecretsStore: bootstrap.clusterSecretStore } : {}),
    };
}
