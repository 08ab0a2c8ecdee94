/**
 * The reviewed resource contract of a stack (`tests/contracts/<stack>.yaml`): every URN the
 * program registers, with its type and lifecycle options. Pure functions: build a contract from a
 * recording, render/parse its YAML, and compare a recording against it.
 *
 * Why: a URN is a resource's identity in Pulumi state. A renamed resource is a delete plus a
 * create on the next `up`; for the protected cluster identity (Talos machine secrets, the k3s
 * token, the Sealed Secrets key) that means a new cluster identity, and for a retainOnDelete
 * resource (the ArgoCD release, namespaces holding data) a second copy next to an orphaned one.
 * Pulumi only carries a resource across a rename through the `aliases` option
 * (https://www.pulumi.com/docs/iac/concepts/options/aliases/), so the comparison demands one.
 */
import { Document, isSeq, parse, visit } from "yaml";
import type { CustomTimeouts, RecordedResource } from "../engine/recorder";

/** One resource of the contract. Options at their default are left out of the file. */
export interface ContractEntry {
    readonly urn: string;
    readonly type: string;
    readonly protect?: boolean;
    readonly retainOnDelete?: boolean;
    readonly import?: string;
    readonly aliases?: readonly string[];
    readonly ignoreChanges?: readonly string[];
    readonly replaceOnChanges?: readonly string[];
    readonly deleteBeforeReplace?: boolean;
    readonly customTimeouts?: Partial<CustomTimeouts>;
}

export interface Contract {
    readonly stack: string;
    readonly resources: readonly ContractEntry[];
}

/** The options a contract records, in file order (after `urn` and `type`). */
export const CONTRACT_OPTIONS = ["protect", "retainOnDelete", "import", "aliases", "ignoreChanges", "replaceOnChanges", "deleteBeforeReplace", "customTimeouts"] as const;
type Option = (typeof CONTRACT_OPTIONS)[number];

/** The contract entry of one registration: dependencies, provider and inputs are left out on purpose (see docs/plan.md). */
export function contractEntry(r: RecordedResource): ContractEntry {
    const timeouts = Object.fromEntries(Object.entries(r.customTimeouts).filter(([, v]) => v !== ""));
    return {
        urn: r.urn,
        type: r.type,
        ...(r.protect ? { protect: true } : {}),
        ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
        ...(r.importId ? { import: r.importId } : {}),
        ...(r.aliases.length > 0 ? { aliases: [...r.aliases].sort() } : {}),
        ...(r.ignoreChanges.length > 0 ? { ignoreChanges: [...r.ignoreChanges] } : {}),
        ...(r.replaceOnChanges.length > 0 ? { replaceOnChanges: [...r.replaceOnChanges] } : {}),
        ...(r.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
        ...(Object.keys(timeouts).length > 0 ? { customTimeouts: timeouts } : {}),
    };
}

/** The contract of a recording, sorted by URN so the file diffs cleanly in review. */
export function buildContract(stack: string, resources: readonly RecordedResource[]): Contract {
    return { stack, resources: resources.map(contractEntry).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)) };
}

export function renderContract(c: Contract): string {
    const header = [
        `# Resource contract of stack ${c.stack}: every URN the program registers (offline plan, fresh`,
        `# stack) with its lifecycle options; options at their default are left out. Reviewed by hand.`,
        `# npm test compares the program against this file and never writes it. After a deliberate`,
        `# change, regenerate it and review the diff:   npm run contracts -- --update --stack ${c.stack}`,
        `# A URN marked \`guard:\` (protect, retainOnDelete, the ArgoCD release) may not disappear, nor`,
        `# its options weaken, unless the program carries an alias from it (docs/plan.md).`,
    ];
    const doc = new Document({ stack: c.stack, resources: c.resources.map(ordered) });
    // Short option lists on one line (`ignoreChanges: [talosVersion]`); URN lists one per line.
    visit(doc, {
        Pair(_, pair) {
            const key = String((pair.key as { value?: unknown })?.value);
            if (isSeq(pair.value) && key !== "resources" && key !== "aliases") pair.value.flow = true;
        },
    });
    const body = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    return header.join("\n") + "\n" + body;
}

function ordered(e: ContractEntry): Record<string, unknown> {
    const out: Record<string, unknown> = { urn: e.urn, type: e.type };
    const guard = guardLabel(e);
    if (guard) out.guard = guard;
    for (const k of CONTRACT_OPTIONS) if (e[k] !== undefined) out[k] = e[k];
    return out;
}

/** Parses a contract file; throws naming the file and the problem. */
export function parseContract(text: string, file = "contract"): Contract {
    const doc = parse(text) as { stack?: unknown; resources?: unknown } | null;
    if (!doc || typeof doc.stack !== "string" || !Array.isArray(doc.resources)) throw new Error(`${file}: expected { stack, resources: [...] }`);
    for (const [i, r] of (doc.resources as Array<Record<string, unknown>>).entries()) {
        if (typeof r?.urn !== "string" || typeof r?.type !== "string") throw new Error(`${file}: resources[${i}] needs a urn and a type`);
        const unknown = Object.keys(r).filter((k) => k !== "urn" && k !== "type" && k !== "guard" && !(CONTRACT_OPTIONS as readonly string[]).includes(k));
        if (unknown.length > 0) throw new Error(`${file}: resources[${i}] (${r.urn}) has unknown keys ${unknown.join(", ")}`);
    }
    // `guard` is derived from the other fields each time; drop it so a hand edit cannot weaken the rule.
    const resources = (doc.resources as Array<Record<string, unknown>>).map(({ guard: _g, ...rest }) => rest as unknown as ContractEntry);
    return { stack: doc.stack, resources };
}

/** Where a stack's contract lives, relative to the project root. */
export function contractPath(stack: string): string {
    return `tests/contracts/${stack}.yaml`;
}

/**
 * The ArgoCD Helm release is guarded by role even where it is not retained: renaming it makes
 * Pulumi install a second release named `argocd` (which Helm refuses while the first exists) and
 * uninstall the one that runs every Git-managed application.
 */
const GITOPS_CONTROLLER = /::homelab:gitops:ArgoCD\$kubernetes:helm\.sh\/v3:Release::/;

/** Why a guarded URN matters (in the words the failure prints); undefined when it is not guarded. */
export function guardReason(e: Pick<ContractEntry, "urn" | "protect" | "retainOnDelete">): string | undefined {
    if (e.protect) return "it is protected: cluster identity (machine secrets, join token, sealing key); a new URN means a new identity, and a cluster that no longer accepts its own nodes or secrets";
    if (e.retainOnDelete) return "it is retainOnDelete: retained data or a hand-over to Git; a new URN drops the old one from state without deleting it and creates a second one next to it";
    if (GITOPS_CONTROLLER.test(e.urn)) return "it is the ArgoCD release, the GitOps controller of every application; a new URN installs a second release and uninstalls the running one";
    return undefined;
}

/** The short label the contract file shows next to a guarded URN (informational; derived on load). */
export function guardLabel(e: Pick<ContractEntry, "urn" | "protect" | "retainOnDelete">): string | undefined {
    if (e.protect) return "identity (protect)";
    if (e.retainOnDelete) return "retained (retainOnDelete)";
    if (GITOPS_CONTROLLER.test(e.urn)) return "gitops controller";
    return undefined;
}

export interface OptionChange {
    readonly option: Option;
    readonly from: unknown;
    readonly to: unknown;
}

export interface ContractDiff {
    /** Guarded URNs that disappear or change without an alias: the hard rule. */
    readonly violations: string[];
    readonly added: string[];
    readonly removed: string[];
    /** Old URN -> new URN, carried over by an alias in the program. */
    readonly renamed: Array<{ from: string; to: string }>;
    readonly changed: Array<{ urn: string; changes: OptionChange[] }>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function optionChanges(before: ContractEntry, after: ContractEntry): OptionChange[] {
    const out: OptionChange[] = [];
    for (const option of CONTRACT_OPTIONS) {
        if (!same(before[option], after[option])) out.push({ option, from: before[option], to: after[option] });
    }
    return out;
}

/**
 * The option changes that make losing a guarded resource more likely: protection or retention
 * dropped, an ignored input no longer ignored (a change in code or Git would then update or
 * replace it), a new replace trigger, delete-before-replace switched on. Tightening (adding
 * protect, retainOnDelete or ignoreChanges), timeouts, import ids and aliases are ordinary
 * contract changes.
 */
export function weakenings(before: ContractEntry, after: ContractEntry): OptionChange[] {
    const out: OptionChange[] = [];
    const dropped = (xs?: readonly string[], ys?: readonly string[]) => (xs ?? []).some((x) => !(ys ?? []).includes(x));
    if (before.protect && !after.protect) out.push({ option: "protect", from: before.protect, to: after.protect });
    if (before.retainOnDelete && !after.retainOnDelete) out.push({ option: "retainOnDelete", from: before.retainOnDelete, to: after.retainOnDelete });
    if (dropped(before.ignoreChanges, after.ignoreChanges)) out.push({ option: "ignoreChanges", from: before.ignoreChanges, to: after.ignoreChanges });
    if (dropped(after.replaceOnChanges, before.replaceOnChanges)) out.push({ option: "replaceOnChanges", from: before.replaceOnChanges, to: after.replaceOnChanges });
    if (!before.deleteBeforeReplace && after.deleteBeforeReplace) out.push({ option: "deleteBeforeReplace", from: before.deleteBeforeReplace, to: after.deleteBeforeReplace });
    return out;
}

/**
 * Compares a run against the committed contract. Any difference makes the contract stale (run
 * the update command); a guarded URN that disappears without the program carrying an alias from
 * it, or whose options get weaker (see `weakenings`), is a violation the update command refuses.
 */
export function compareContract(contract: Contract, resources: readonly RecordedResource[]): ContractDiff {
    const now = buildContract(contract.stack, resources);
    const nowByUrn = new Map(now.resources.map((e) => [e.urn, e]));
    const oldByUrn = new Map(contract.resources.map((e) => [e.urn, e]));
    const carrier = new Map<string, ContractEntry>();
    for (const e of now.resources) for (const a of e.aliases ?? []) if (!nowByUrn.has(a)) carrier.set(a, e);
    const diff: ContractDiff = { violations: [], added: [], removed: [], renamed: [], changed: [] };
    const renamedTo = new Set<string>();
    for (const old of contract.resources) {
        const reason = guardReason(old);
        const cur = nowByUrn.get(old.urn);
        if (cur) {
            const changes = optionChanges(old, cur);
            if (changes.length > 0) diff.changed.push({ urn: old.urn, changes });
            const weaker = weakenings(old, cur);
            if (reason && weaker.length > 0) {
                diff.violations.push(`${old.urn} weakens ${weaker.map(describeChange).join(", ")}; ${reason}. Weakening a guarded resource's lifecycle options is a deliberate step: npm run contracts -- --update --allow-identity-change`);
            }
            continue;
        }
        const to = carrier.get(old.urn);
        if (to) {
            diff.renamed.push({ from: old.urn, to: to.urn });
            renamedTo.add(to.urn);
            const weaker = weakenings(old, to);
            if (reason && weaker.length > 0) diff.violations.push(`${old.urn} is carried to ${to.urn} by an alias but weakens ${weaker.map(describeChange).join(", ")}; ${reason}`);
            continue;
        }
        diff.removed.push(old.urn);
        if (reason) {
            diff.violations.push(
                `${old.urn} (${old.type}) is no longer registered; ${reason}. ` +
                    `If it was renamed, keep its identity with an alias from the old URN on the new resource: { aliases: ["${old.urn}"] }. ` +
                    `If it must really go, that is a deliberate step: npm run contracts -- --update --allow-identity-change`,
            );
        }
    }
    for (const e of now.resources) if (!oldByUrn.has(e.urn) && !renamedTo.has(e.urn)) diff.added.push(e.urn);
    return diff;
}

function show(v: unknown): string {
    return v === undefined ? "(default)" : JSON.stringify(v);
}

function describeChange(c: OptionChange): string {
    return `${c.option} ${show(c.from)} -> ${show(c.to)}`;
}

export function isClean(d: ContractDiff): boolean {
    return d.violations.length + d.added.length + d.removed.length + d.renamed.length + d.changed.length === 0;
}

/** A readable report: violations first (with their reason), then the ordinary diff. "" when clean. */
export function formatContractDiff(stack: string, d: ContractDiff, file = contractPath(stack)): string {
    if (isClean(d)) return "";
    const lines: string[] = [];
    if (d.violations.length > 0) {
        lines.push(`IDENTITY GUARD (${d.violations.length}): the program would lose or change a guarded resource recorded in ${file}:`);
        for (const v of d.violations) lines.push(`  ! ${v}`);
    }
    lines.push(`${file} differs from what the program registers:`);
    for (const u of d.removed) lines.push(`  - ${u}`);
    for (const u of d.added) lines.push(`  + ${u}`);
    for (const r of d.renamed) lines.push(`  > ${r.from}\n      -> ${r.to} (carried over by an alias)`);
    for (const c of d.changed) {
        lines.push(`  ~ ${c.urn}`);
        for (const x of c.changes) lines.push(`      ${describeChange(x)}`);
    }
    if (d.violations.length === 0) lines.push(`If the change is intended, regenerate and review: npm run contracts -- --update --stack ${stack}`);
    return lines.join("\n") + "\n";
}
