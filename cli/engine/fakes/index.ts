/**
 * Offline stand-ins for provider outputs and invoke results, used by `plan` and by tests.
 *
 * - In preview (what `plan` runs) a resource reports only its inputs, like a real preview of a
 *   fresh stack: every output the provider computes stays unknown.
 * - In an update (tests that need outputs, e.g. to follow a kubeconfig into a provider) the
 *   per-type `outputs` functions below add plausible, deterministic values.
 * - Invokes are answered only for tokens listed here; any other token fails loudly, so a new
 *   invoke cannot silently return nothing.
 *
 * Each provider family keeps its table in its own file beside this one.
 */
import { cloudflareFakes } from "./cloudflare";
import { commandFakes } from "./command";
import { commonFakes } from "./common";
import { talosFakes } from "./talos";

/** Extra outputs for a resource type, given its inputs and name (update mode only). */
export type OutputFake = (inputs: Record<string, unknown>, name: string) => Record<string, unknown>;
/** Result of an invoke, given its arguments. */
export type InvokeFake = (args: Record<string, unknown>) => Record<string, unknown>;

export interface FakeTable {
    readonly outputs: Readonly<Record<string, OutputFake>>;
    readonly invokes: Readonly<Record<string, InvokeFake>>;
}

const tables: FakeTable[] = [commonFakes, commandFakes, talosFakes, cloudflareFakes];

export const outputFakes: Readonly<Record<string, OutputFake>> = Object.assign({}, ...tables.map((t) => t.outputs));
export const invokeFakes: Readonly<Record<string, InvokeFake>> = Object.assign({}, ...tables.map((t) => t.invokes));

/** Marks a value that only exists offline, so nobody mistakes it for a real one. */
export function placeholder(what: string): string {
    return `offline-placeholder:${what}`;
}
