/**
 * The offline plan diff: two parsed plans of one stack in, a structured diff out. Pure: no file,
 * process or network access, so it is tested on fixture plans.
 *
 * What it can and cannot know (docs/ci.md says the same):
 * - Resources are matched by URN (or by a head alias naming the base URN). A rename without an
 *   alias is a remove plus an add, as Pulumi would do it.
 * - "replace" is predicted only from the `replaceOnChanges` option recorded in the plan. Whether a
 *   provider replaces a resource for a changed input (a Talos machine secret, a Helm release name,
 *   an immutable Kubernetes field) is decided by the provider at `pulumi preview` time and is
 *   reported here as "update". Changes under `ignoreChanges` are kept but marked ignored.
 * - Secret inputs are "[secret]" on both sides; they are compared through keyed fingerprints
 *   (types.ts SecretDigests) and reported as "[secret] changed", never with a value. When either
 *   side has no fingerprints, secret changes are invisible and a note says so.
 * - Values unknown until apply are "[unknown]" and compare equal to each other.
 */
import { createTwoFilesPatch } from "diff";
import { SECRET_MARK } from "../engine/values";
import type { DiffCounts, FileDiff, FileGroup, InputChange, OptionChange, PlanContents, PlanEntry, ResourceDiff, SecretConfigChange, StackDiff } from "./types";

/** Lifecycle options compared when both plans record them. */
const OPTIONS = ["protect", "provider", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "replaceOnChanges", "customTimeouts", "import"] as const;

/** Files of a plan directory that are not compared as text. */
export const NON_TEXT_FILES = new Set(["resources.json", "secret-digests.json"]);

/** `a.b[0]["c.d"]` -> ["a", "b", "0", "c.d"]; `[*]` and `*` stay "*". Pulumi property path syntax. */
export function parsePropertyPath(p: string): string[] {
    const out: string[] = [];
    const re = /([^.[\]]+)|\[(\*|\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(p)) !== null) out.push(m[1] ?? m[2] ?? m[3].replace(/\\(.)/g, "$1"));
    return out;
}

/**
 * Whether a change at `path` falls under one of `patterns` (replaceOnChanges / ignoreChanges
 * syntax): the change is inside a listed property, or contains one (a whole object replaced).
 */
export function matchesAny(path: readonly string[], patterns: readonly string[] | undefined): boolean {
    for (const pattern of patterns ?? []) {
        const segs = parsePropertyPath(pattern);
        const n = Math.min(segs.length, path.length);
        let ok = true;
        for (let i = 0; i < n && ok; i++) ok = segs[i] === "*" || segs[i] === path[i];
        if (ok) return true;
    }
    return false;
}

function join(path: string, key: string | number): string {
    return typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Unified diff of two texts, without the `===` banner the library adds. */
export function unifiedPatch(path: string, before: string, after: string): string {
    const p = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
    return p.split("\n").filter((l) => !/^=+$/.test(l)).join("\n");
}

interface Side {
    readonly entry: PlanEntry;
    readonly digests?: Record<string, string>;
}

/** Leaf-level differences between two resources' inputs. */
export function diffInputs(base: Side, head: Side, digestsKnown: boolean): InputChange[] {
    const out: InputChange[] = [];
    const replaceOn = head.entry.replaceOnChanges;
    const ignore = head.entry.ignoreChanges;
    const push = (path: string, segs: string[], c: Omit<InputChange, "path" | "replaces" | "ignored">) => {
        const ignored = matchesAny(segs, ignore);
        out.push({ path, ...c, replaces: !ignored && matchesAny(segs, replaceOn), ignored });
    };
    const walk = (b: unknown, h: unknown, path: string, segs: string[]) => {
        const bs = b === SECRET_MARK;
        const hs = h === SECRET_MARK;
        if (bs || hs) {
            if (bs && hs) {
                const db = base.digests?.[path];
                const dh = head.digests?.[path];
                if (digestsKnown && db !== dh) push(path, segs, { kind: "changed", secret: true });
            } else if (b === undefined || h === undefined) {
                push(path, segs, { kind: b === undefined ? "added" : "removed", secret: true });
            } else {
                // Plain on one side, secret on the other: the plain side would hint at the secret.
                push(path, segs, { kind: "changed", secret: true });
            }
            return;
        }
        if (isObject(b) && isObject(h)) {
            const keys = [...new Set([...Object.keys(b), ...Object.keys(h)])].sort();
            for (const k of keys) walk(b[k], h[k], join(path, k), [...segs, k]);
            return;
        }
        if (Array.isArray(b) && Array.isArray(h)) {
            for (let i = 0; i < Math.max(b.length, h.length); i++) walk(b[i], h[i], join(path, i), [...segs, String(i)]);
            return;
        }
        if (b === undefined && h === undefined) return;
        if (b === undefined) return push(path, segs, { kind: "added", secret: containsSecret(h), ...(containsSecret(h) ? {} : { after: h }) });
        if (h === undefined) return push(path, segs, { kind: "removed", secret: containsSecret(b), ...(containsSecret(b) ? {} : { before: b }) });
        if (JSON.stringify(b) === JSON.stringify(h)) return;
        if (containsSecret(b) || containsSecret(h)) return push(path, segs, { kind: "changed", secret: true });
        const multiline = typeof b === "string" && typeof h === "string" && (b.includes("\n") || h.includes("\n"));
        push(path, segs, { kind: "changed", secret: false, before: b, after: h, ...(multiline ? { patch: unifiedPatch(path, b, h) } : {}) });
    };
    walk(base.entry.inputs, head.entry.inputs, "", []);
    return out;
}

function containsSecret(v: unknown): boolean {
    if (v === SECRET_MARK) return true;
    if (Array.isArray(v)) return v.some(containsSecret);
    if (isObject(v)) return Object.values(v).some(containsSecret);
    return false;
}

function diffOptions(b: PlanEntry, h: PlanEntry): OptionChange[] {
    const out: OptionChange[] = [];
    for (const o of OPTIONS) {
        // Only when both plans record the option: an older plan format is not a change.
        if (!(o in b) || !(o in h)) continue;
        const before = (b as unknown as Record<string, unknown>)[o];
        const after = (h as unknown as Record<string, unknown>)[o];
        if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ option: o, before, after });
    }
    return out;
}

/** The old URNs an entry carries over (resources.json records aliases resolved to URNs). */
function aliasUrns(e: PlanEntry): string[] {
    return [...(e.aliases ?? [])];
}

/** Which group a plan file belongs to and what it is about. */
export function classifyFile(path: string): { group: FileGroup; subject: string } {
    let m: RegExpExecArray | null;
    if ((m = /^talos\/(.+)\.yaml$/.exec(path))) return { group: "talos", subject: m[1] };
    if ((m = /^k3s\/([^/]+)\/config\.yaml$/.exec(path))) return { group: "k3s", subject: m[1] };
    if ((m = /^k3s\/([^/]+)\/manifests\/(.+)\.yaml$/.exec(path))) return { group: "k3s-manifests", subject: `${m[1]}: ${m[2]}` };
    if ((m = /^helm\/(.+)\.yaml$/.exec(path))) return { group: "helm", subject: m[1] };
    if ((m = /^manifests\/(.+)\.yaml$/.exec(path))) return { group: "manifests", subject: m[1] };
    if (path === "diagram.mmd") return { group: "diagram", subject: "diagram" };
    return { group: "other", subject: path };
}

export function diffFiles(base: Readonly<Record<string, string>>, head: Readonly<Record<string, string>>): FileDiff[] {
    const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].filter((p) => !NON_TEXT_FILES.has(p)).sort();
    const out: FileDiff[] = [];
    for (const p of paths) {
        const b = base[p];
        const h = head[p];
        if (b === h) continue;
        const status = b === undefined ? "added" : h === undefined ? "removed" : "changed";
        out.push({ path: p, ...classifyFile(p), status, patch: unifiedPatch(p, b ?? "", h ?? "") });
    }
    return out;
}

export function diffSecureConfig(base: Readonly<Record<string, string>> = {}, head: Readonly<Record<string, string>> = {}): SecretConfigChange[] {
    const keys = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
    return keys.flatMap((key): SecretConfigChange[] => {
        if (base[key] === head[key]) return [];
        return [{ key, kind: base[key] === undefined ? "added" : head[key] === undefined ? "removed" : "changed" }];
    });
}

/** The whole diff of one stack. `inBase`/`inHead`: whether the stack exists on that side. */
export function diffPlans(stack: string, base: PlanContents, head: PlanContents, presence = { inBase: true, inHead: true }): StackDiff {
    const notes: string[] = [];
    const digestsKnown = base.secretDigests !== undefined && head.secretDigests !== undefined;
    if (!digestsKnown && presence.inBase && presence.inHead) {
        notes.push("secret inputs were not compared (one side has no secret fingerprints): a change to a secret value alone does not show");
    }
    const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
    const headUrns = new Set(head.resources.map((r) => r.urn));
    const matched = new Set<string>();
    const resources: ResourceDiff[] = [];
    let ignoredOnly = 0;
    for (const h of head.resources) {
        let b = baseByUrn.get(h.urn);
        let previousUrn: string | undefined;
        if (!b) {
            const alias = aliasUrns(h).find((u) => baseByUrn.has(u) && !headUrns.has(u) && !matched.has(u));
            if (alias) {
                b = baseByUrn.get(alias);
                previousUrn = alias;
            }
        }
        const id = { urn: h.urn, type: h.type, name: h.name, custom: h.custom };
        if (!b) {
            resources.push({ action: "add", ...id, changes: [], options: [] });
            continue;
        }
        matched.add(b.urn);
        const changes = diffInputs(
            { entry: b, digests: base.secretDigests?.[b.urn] },
            { entry: h, digests: head.secretDigests?.[h.urn] },
            digestsKnown,
        );
        const options = diffOptions(b, h);
        const acting = changes.filter((c) => !c.ignored);
        if (acting.length === 0 && options.length === 0 && !previousUrn) {
            if (changes.length > 0) ignoredOnly++;
            continue;
        }
        const action = h.custom && acting.some((c) => c.replaces) ? "replace" : "update";
        resources.push({ action, ...id, ...(previousUrn ? { previousUrn } : {}), changes, options });
    }
    for (const b of base.resources) {
        if (!headUrns.has(b.urn) && !matched.has(b.urn)) resources.push({ action: "remove", urn: b.urn, type: b.type, name: b.name, custom: b.custom, changes: [], options: [] });
    }
    if (ignoredOnly > 0) notes.push(`${ignoredOnly} resource(s) differ only in inputs under ignoreChanges; Pulumi will not update them`);
    const files = diffFiles(base.files, head.files);
    const secretConfig = diffSecureConfig(base.secureConfig, head.secureConfig);
    const changed = resources.length > 0 || files.length > 0 || secretConfig.length > 0;
    return { stack, ...presence, resources, files, secretConfig, notes, changed };
}

/** A stack that could not be compared because `side` failed to plan. */
export function failedStack(stack: string, side: "base" | "head", message: string): StackDiff {
    return { stack, inBase: true, inHead: true, resources: [], files: [], secretConfig: [], notes: [], changed: false, error: `the ${side} plan failed: ${message}` };
}

export function countDiff(d: StackDiff): DiffCounts {
    const n = (a: ResourceDiff["action"]) => d.resources.filter((r) => r.action === a).length;
    return { add: n("add"), update: n("update"), replace: n("replace"), remove: n("remove"), files: d.files.length };
}
