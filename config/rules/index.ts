/** All cross-field rules, in the order their findings are reported. */
import * as addressing from "./addressing";
import * as services from "./services";
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
    services.cniConsistency,
    services.loadBalancerProvider,
    services.cloudflareTunnel,
    services.certManagerIssuers,
    storage.storageDefault,
    storage.storageProvidersComplete,
    storage.storageBackups,
    storage.storageTalosPaths,
    storage.storageClassNames,
    services.gitopsRepo,
];

export const warningRules: Rule[] = [topology.evenControlPlanes, topology.offlineNodes, storage.k3sLocalStorageDefault];

export { addressing, services, storage, topology };
export type { Rule, RuleResult } from "./types";
