/**
 * The stack-config schema: one zod schema per `homelab:*` key (DESIGN.md "Stack config contract").
 * Keys are parsed separately so that an error in one never hides the errors in another.
 */
import { z } from "zod";
import { certManagerSchema } from "./cert-manager";
import { cloudflareSchema } from "./cloudflare";
import { clusterSchema } from "./cluster";
import { cniSchema } from "./cni";
import { gitopsSchema } from "./gitops";
import { loadBalancerSchema } from "./load-balancer";
import { networkSchema } from "./network";
import { nodesSchema } from "./nodes";
import { storageSchema } from "./storage";

/** Every object-valued `homelab:` key, with its schema and whether a stack must set it. */
export const configKeys = {
    cluster: { schema: clusterSchema, required: true },
    network: { schema: networkSchema, required: true },
    nodes: { schema: nodesSchema, required: true },
    cni: { schema: cniSchema.prefault({}), required: false },
    loadBalancer: { schema: loadBalancerSchema.prefault({}), required: false },
    cloudflare: { schema: cloudflareSchema.optional(), required: false },
    certManager: { schema: certManagerSchema.prefault({}), required: false },
    storage: { schema: storageSchema.prefault({}), required: false },
    gitops: { schema: gitopsSchema.optional(), required: false },
} as const;

export type ConfigKey = keyof typeof configKeys;

/** The parsed (defaults applied) value of every object key. */
export type ParsedConfig = {
    [K in ConfigKey]: z.output<(typeof configKeys)[K]["schema"]>;
};

export type ClusterConfig = z.output<typeof clusterSchema>;
export type NetworkConfig = z.output<typeof networkSchema>;
export type NodeConfig = ParsedConfig["nodes"][number];
export type CniConfig = ParsedConfig["cni"];
export type LoadBalancerConfig = ParsedConfig["loadBalancer"];
export type CloudflareConfig = NonNullable<ParsedConfig["cloudflare"]>;
export type CertManagerConfig = ParsedConfig["certManager"];
export type StorageConfig = ParsedConfig["storage"];
export type GitopsConfig = NonNullable<ParsedConfig["gitops"]>;

export { storageProviders } from "./storage";
export type { StorageProvider } from "./storage";
