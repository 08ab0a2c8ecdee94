/** Schema of `homelab:storage`: one block per provider, and the default StorageClass. */
import { z } from "zod";
import { dnsLabel } from "./common";

const base = { enabled: z.boolean().default(false), default: z.boolean().optional() };

export const longhornSchema = z.strictObject({
    ...base,
    replicas: z.number().int().min(1).max(5).default(3),
    dataPath: z.string().startsWith("/").default("/var/lib/longhorn"),
    backup: z
        .strictObject({
            /** `s3://bucket@region/path` or `nfs://server:/export`. */
            target: z.string().regex(/^(s3|nfs|cifs):\/\//, "must start with s3://, nfs:// or cifs://"),
            /** S3 endpoint for MinIO/TrueNAS/Garage, e.g. http://10.0.0.5:9000 */
            endpoint: z.url().optional(),
        })
        .optional(),
    recurringJobs: z
        .array(
            z.strictObject({
                name: dnsLabel,
                task: z.enum(["backup", "snapshot"]),
                cron: z.string().min(9),
                retain: z.number().int().min(1),
                groups: z.array(z.string()).default(["default"]),
            }),
        )
        .default([]),
});

export const rookCephSchema = z.strictObject({
    ...base,
    replicas: z.number().int().min(1).max(5).default(3),
    devices: z
        .strictObject({
            useAllDevices: z.boolean().default(false),
            /** Regex over device names, e.g. ^nvme0n1$ */
            filter: z.string().optional(),
            nodes: z.array(z.strictObject({ name: dnsLabel, devices: z.array(z.string().min(1)).min(1) })).default([]),
        })
        .prefault({}),
    filesystem: z.boolean().default(false),
    dataDirHostPath: z.string().startsWith("/").default("/var/lib/rook"),
});

export const openebsSchema = z.strictObject({
    ...base,
    basePath: z.string().startsWith("/").default("/var/openebs/local"),
});

export const nfsSchema = z.strictObject({
    ...base,
    server: z.string().min(1).optional(),
    path: z.string().startsWith("/").optional(),
    storageClassName: dnsLabel.default("nfs-client"),
});

export const localPathSchema = z.strictObject({
    ...base,
    path: z.string().startsWith("/").default("/var/local-path-provisioner"),
});

export const storageProviders = ["longhorn", "rookCeph", "openebs", "nfs", "localPath"] as const;
export type StorageProvider = (typeof storageProviders)[number];

export const storageSchema = z.strictObject({
    longhorn: longhornSchema.optional(),
    rookCeph: rookCephSchema.optional(),
    openebs: openebsSchema.optional(),
    nfs: nfsSchema.optional(),
    localPath: localPathSchema.optional(),
    /** Provider whose class is the cluster default. */
    defaultClass: z.enum(storageProviders).optional(),
});
