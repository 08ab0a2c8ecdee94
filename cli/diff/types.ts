/**
 * The data the plan diff works on and what it returns. A plan is read back from the files
 * `npm run plan` writes (see cli/plan.ts), so a base planned by an older checkout and a head
 * planned in this process compare the same way.
 */
import type { LifecycleOptions, ResourceEntry } from "../artifacts/resources";

/**
 * One entry of resources.json as the plan writer defines it (cli/artifacts/resources.ts), read
 * back from disk: the lifecycle options are optional, since plans written before they were
 * recorded (an older base ref) lack them.
 */
export type PlanEntry = Omit<ResourceEntry, LifecycleOptions> & Partial<Pick<ResourceEntry, LifecycleOptions>>;

/**
 * Keyed fingerprints of secret inputs, urn -> input path -> HMAC. The key is random per diff run
 * and never written anywhere, so a fingerprint only says "same or different" within that run.
 */
export type SecretDigests = Record<string, Record<string, string>>;

/** One stack's plan, parsed. */
export interface PlanContents {
    readonly resources: readonly PlanEntry[];
    /** Every other plan file (talos/, k3s/, helm/, manifests/, diagram.mmd): path -> text. */
    readonly files: Readonly<Record<string, string>>;
    /** Absent when the plan was made without a digest key (then secret changes cannot be seen). */
    readonly secretDigests?: SecretDigests;
    /** `secure:` values of the stack file, key -> ciphertext (public, compared only, never printed). */
    readonly secureConfig?: Readonly<Record<string, string>>;
}

/** A plan of nothing: a stack that does not exist on one side. */
export const EMPTY_PLAN: PlanContents = { resources: [], files: {}, secretDigests: {}, secureConfig: {} };

export type ResourceAction = "add" | "remove" | "replace" | "update";

export interface InputChange {
    /** Property path, `spec.data.token`, `configPatches[2]`. */
    readonly path: string;
    readonly kind: "added" | "removed" | "changed";
    /** True when either side is secret: then `before`/`after` are never set. */
    readonly secret: boolean;
    readonly before?: unknown;
    readonly after?: unknown;
    /** Unified diff of a multi-line string value (never for a secret). */
    readonly patch?: string;
    /** Matches the resource's replaceOnChanges. */
    readonly replaces: boolean;
    /** Matches the resource's ignoreChanges: Pulumi will not act on it. */
    readonly ignored: boolean;
}

export interface OptionChange {
    readonly option: string;
    readonly before: unknown;
    readonly after: unknown;
}

export interface ResourceDiff {
    readonly action: ResourceAction;
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** The base URN when the resource was matched through one of its aliases. */
    readonly previousUrn?: string;
    readonly changes: readonly InputChange[];
    readonly options: readonly OptionChange[];
}

export type FileGroup = "talos" | "k3s" | "k3s-manifests" | "helm" | "manifests" | "diagram" | "other";

export interface FileDiff {
    readonly path: string;
    readonly group: FileGroup;
    /** Node, release or object the file is about. */
    readonly subject: string;
    readonly status: "added" | "removed" | "changed";
    /** Unified diff, `--- a/<path>` / `+++ b/<path>`. */
    readonly patch: string;
}

export interface SecretConfigChange {
    readonly key: string;
    readonly kind: "added" | "removed" | "changed";
}

export interface StackDiff {
    readonly stack: string;
    /** Whether the stack exists in the base / head. */
    readonly inBase: boolean;
    readonly inHead: boolean;
    readonly resources: readonly ResourceDiff[];
    readonly files: readonly FileDiff[];
    readonly secretConfig: readonly SecretConfigChange[];
    /** What this comparison could not see (secret values not compared, ...). */
    readonly notes: readonly string[];
    readonly changed: boolean;
    /** Set when one side could not be planned: the stack was not compared. */
    readonly error?: string;
}

export interface DiffCounts {
    readonly add: number;
    readonly update: number;
    readonly replace: number;
    readonly remove: number;
    readonly files: number;
}
