// Machine-readable descriptors of what this binding declares, bound to the TypeScript
// declarations at compile time and checked against schema-subset.json by tests/sdk.
// Not part of the published SDK's API.
import * as pulumi from "@pulumi/pulumi";

/**
 * Exactly the keys of T, each flagged `true` when the key is required (not `?`).
 * An object literal of this type must list every property of T, no other, with the
 * right flag, so renaming/adding/removing a property in T breaks compilation until
 * the descriptor is updated (and the descriptor is what the tests compare to the schema).
 */
export type Flags<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? false : true };

type OutputKeys<R> = Exclude<
    { [K in keyof R]-?: R[K] extends pulumi.OutputInstance<any> ? K : never }[keyof R],
    "id" | "urn"
>;

/** True when compiled with strictNullChecks (only then can `T | undefined` be told from `T`). */
type StrictNullChecks = undefined extends string ? false : true;

/**
 * Output properties of a resource class (minus id/urn), flagged `true` when never undefined.
 * Without strictNullChecks (e.g. a lenient test compiler) the flag degrades to `boolean`;
 * the package's own strict tsconfig still enforces it.
 */
export type OutputFlags<R> = {
    [K in OutputKeys<R>]-?: StrictNullChecks extends false
        ? boolean
        : R[K] extends pulumi.OutputInstance<infer U> ? (undefined extends U ? false : true) : never;
};

/** Compile-time equality assertion helpers. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
export type Assert<T extends true> = T;

export function fields<T>(flags: Flags<T>): Record<string, boolean> {
    return flags;
}

export function outputFields<R>(flags: OutputFlags<R>): Record<string, boolean> {
    return flags;
}

export interface SchemaInfo {
    kind: "resource" | "function" | "provider";
    /** Schema token (resources/functions) or `pulumi:providers:talos`. */
    token: string;
    /** Input property name -> required. */
    inputs: Record<string, boolean>;
    /** Output property name -> always present (resources: non-`undefined` Output; functions: non-optional field). */
    outputs: Record<string, boolean>;
    /** Inputs the binding wraps in `pulumi.secret(...)`. */
    secretInputs: string[];
    /** Resources: `additionalSecretOutputs`. Functions: result fields the Output form returns as secret. */
    secretOutputs: string[];
}

/** A nested object type: TypeScript interface name (namespace.Name) -> schema type token. */
export interface TypeInfo {
    /** "input" for types/input.ts, "output" for types/output.ts. */
    side: "input" | "output";
    /** e.g. "machine.ClientConfiguration" */
    name: string;
    token: string;
    /** Property name -> required. */
    properties: Record<string, boolean>;
}
