/** All cross-field rules, in the order their findings are reported. */
import * as addressing from "./addressing";
import * as gitops from "./gitops";
import * as k3s from "./k3s";
import * as network from "./network";
import * as security from "./security";
import * as storage from "./storage";
import * as support from "./support";
import * as topology from "./topology";
import type { Rule } from "./types";

export const errorRules: Rule[] = [
    addressing.cidrOverlaps,
    addressing.nodeAddresses,
    addressing.duplicateNodes,
    addressing.gatewayAddress,
    addressing.vipAddress,
    addressing.loadBalancerPools,
    topology.controlPlanes,
    topology.apiEndpoint,
    topology.distributionFields,
    topology.nodeReferences,
    k3s.k3sBootstrapServer,
    k3s.k3sSecretSettings,
    k3s.k3sVersionSkew,
    topology.talosIdentity,
    topology.talosBootstrapNode,
    topology.talosEtcdBackup,
    topology.talosAdoptApplyMode,
    network.cniConsistency,
    network.loadBalancerProvider,
    network.loadBalancerPoolInterfaces,
    network.cloudflareTunnel,
    network.cloudflareRecordConflicts,
    network.certManagerIssuers,
    storage.storageDefault,
    storage.storageProvidersComplete,
    storage.storageBackups,
    storage.storageTalosPaths,
    storage.storageClassNames,
    storage.storageNfsArchive,
    gitops.gitopsRepo,
    gitops.gitopsRootPath,
    gitops.gitopsApplicationSets,
    gitops.gitopsArgocdValues,
    gitops.gitopsHandoff,
    gitops.gitopsBitwardenTls,
    gitops.gitopsRootWaits,
    gitops.gitopsArgocdExposure,
    security.tunnelWildcard,
    security.tunnelAccess,
];

export const warningRules: Rule[] = [
    topology.evenControlPlanes,
    topology.offlineNodes,
    topology.unpinnedHostKeys,
    topology.talosKernelDiskNames,
    storage.k3sLocalStorageDefault,
    storage.longhornBackupSchedule,
    storage.longhornPreinstalledHosts,
    network.loadBalancerVlanInterfaces,
    support.unsupportedVersions,
    k3s.k3sEndOfLifePins,
    k3s.k3sSnapshotsOnNodesOnly,
    security.tunnelWildcardAllowed,
];

export { addressing, gitops, k3s, network, security, storage, support, topology };
export type { Rule, RuleResult } from "./types";
