/** All cross-field rules, in the order their findings are reported. */
import * as addressing from "./addressing";
import * as gitops from "./gitops";
import * as network from "./network";
import * as security from "./security";
import * as storage from "./storage";
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
    network.cniConsistency,
    network.loadBalancerProvider,
    network.cloudflareTunnel,
    network.cloudflareRecordConflicts,
    network.certManagerIssuers,
    storage.storageDefault,
    storage.storageProvidersComplete,
    storage.storageBackups,
    storage.storageTalosPaths,
    storage.storageClassNames,
    gitops.gitopsRepo,
    gitops.gitopsRootPath,
    gitops.gitopsApplicationSets,
    gitops.gitopsArgocdValues,
    gitops.gitopsArgocdExposure,
    security.tunnelWildcard,
    security.tunnelAccess,
];

export const warningRules: Rule[] = [topology.evenControlPlanes, topology.offlineNodes, topology.unpinnedHostKeys, storage.k3sLocalStorageDefault, security.tunnelWildcardAllowed];

export { addressing, gitops, network, security, storage, topology };
export type { Rule, RuleResult } from "./types";
