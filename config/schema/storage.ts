/**
 * Schema of `homelab:storage`: one block per provider, and the default StorageClass. Also the
 * few pure helpers that both validation (config/rules/storage.ts) and the storage layer need:
 * which provider owns the default class, and the class name each provider creates.
 */
import { z } from "zod";
import { dnsLabel } from "./common";

/**
 * `Retain` by default: a PVC deleted by accident (or by a cascading ArgoCD prune when the GitOps
 * layer goes away) then leaves its volume behind instead of destroying the data with it.
 */
const reclaimPolicy = z.enum(["Retain", "Delete"]).default("Retain");

const base = { enabled: z.boolean().default(false), default: z.boolean().optional(), reclaimPolicy };

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
            /** Seconds between Longhorn's polls of the backup store (chart default 300). */
            pollInterval: z.number().int().min(0).optional(),
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
                /** Jobs of this name that may run at the same time. */
                concurrency: z.number().int().min(1).default(1),
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
    /** Name of the RBD block StorageClass. */
    blockClassName: dnsLabel.default("ceph-block"),
    /** Name of the CephFS StorageClass (when `filesystem` is true). */
    filesystemClassName: dnsLabel.default("ceph-filesystem"),
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
    /**
     * Directory name of a volume on the share (chart `storageClass.pathPattern`), e.g.
     * `${.PVC.namespace}-${.PVC.name}`: a rebuilt cluster finds the same directories again.
     * Default: the provisioner's `${.PVC.namespace}-${.PVC.name}-${.PV.name}` (new on every rebuild).
     */
    pathPattern: z.string().min(1).optional(),
    /**
     * With reclaimPolicy Delete: rename a deleted volume's directory to `archived-...` instead of
     * removing it (default true). Meaningless with Retain (nothing is ever deleted).
     */
    archiveOnDelete: z.boolean().optional(),
});

export const localPathSchema = z.strictObject({
    ...base,
    /**
     * Host directory for volumes when the program deploys the provisioner itself. Defaults to
     * /var/local-path-provisioner on Talos (only /var is writable) and to k3s' own
     * /var/lib/rancher/k3s/storage on k3s, so switching between k3s' built-in and ours keeps the data.
     */
    path: z.string().startsWith("/").optional(),
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

export type StorageSettings = z.output<typeof storageSchema>;

/** Providers whose block says `enabled: true`, in the fixed provider order. */
export function enabledStorageProviders(storage: StorageSettings): StorageProvider[] {
    return storageProviders.filter((p) => storage[p]?.enabled === true);
}

/**
 * The provider whose StorageClass is the cluster default: `defaultClass`, else the one provider
 * that says `default: true`, else none. Validation guarantees it is enabled and unambiguous.
 */
export function defaultStorageProvider(storage: StorageSettings): StorageProvider | undefined {
    if (storage.defaultClass) return storage.defaultClass;
    return storageProviders.find((p) => storage[p]?.default === true);
}

/** Name of the (main) StorageClass a provider creates. */
export function storageClassName(storage: StorageSettings, provider: StorageProvider): string {
    switch (provider) {
        case "longhorn":
            return "longhorn";
        case "rookCeph":
            return storage.rookCeph?.blockClassName ?? "ceph-block";
        case "openebs":
            return "openebs-hostpath";
        case "nfs":
            return storage.nfs?.storageClassName ?? "nfs-client";
        case "localPath":
            return "local-path";
    }
}

/** Every StorageClass the enabled providers create, by provider, in provider order. */
export function storageClassesByProvider(storage: StorageSettings): Array<{ provider: StorageProvider; name: string }> {
    const out: Array<{ provider: StorageProvider; name: string }> = [];
    for (const p of enabledStorageProviders(storage)) {
        out.push({ provider: p, name: storageClassName(storage, p) });
        if (p === "rookCeph" && storage.rookCeph?.filesystem) out.push({ provider: p, name: storage.rookCeph.filesystemClassName });
    }
    return out;
}

/** What happens to k3s' built-in local-path provisioner ("local-storage" addon) and to `localPath`. */
export interface LocalStoragePlan {
    /**
     * `keep`: k3s' addon stays (it marks its `local-path` class default); `disable`: it goes into
     * k3s' `disable` list; `user-disabled`: the stack lists it in `cluster.k3s.disable`;
     * `none`: not k3s.
     */
    readonly k3sBuiltin: "keep" | "disable" | "user-disabled" | "none";
    /** `k3s-builtin`: k3s' addon serves `localPath`; `deploy`: the program deploys the provisioner. */
    readonly localPath: "off" | "k3s-builtin" | "deploy";
}

/** The parts of `cluster.k3s` that decide about the addon. */
export interface K3sBuiltinChoice {
    readonly disable: readonly string[];
    readonly keepBuiltins: readonly string[];
}

/**
 * k3s re-applies its local-storage manifest (with `is-default-class: "true"`) on every start and
 * upgrade, so patching the annotation does not stick (k3s-io/k3s#4083, #11936): the only reliable
 * way to make another class the one default is to disable the addon. It is kept only when it
 * serves `localPath` as the default (or no other default is chosen), or when the stack keeps it
 * explicitly (`cluster.k3s.keepBuiltins`); an explicit `cluster.k3s.disable` always wins.
 * The k3s node layer renders its `disable` list from this same function.
 */
export function localStoragePlan(distribution: "talos" | "k3s", k3s: K3sBuiltinChoice | undefined, storage: StorageSettings): LocalStoragePlan {
    const wanted = storage.localPath?.enabled === true;
    if (distribution !== "k3s") return { k3sBuiltin: "none", localPath: wanted ? "deploy" : "off" };
    const def = defaultStorageProvider(storage);
    if (k3s?.disable.includes("local-storage")) return { k3sBuiltin: "user-disabled", localPath: wanted ? "deploy" : "off" };
    const servesDefault = wanted && (def === undefined || def === "localPath");
    if (servesDefault) return { k3sBuiltin: "keep", localPath: "k3s-builtin" };
    if (k3s?.keepBuiltins.includes("local-storage")) return { k3sBuiltin: "keep", localPath: wanted ? "k3s-builtin" : "off" };
    return { k3sBuiltin: "disable", localPath: wanted ? "deploy" : "off" };
}
