/**
 * Renders plan diffs for a terminal (text) and for a pull-request comment (GitHub markdown, one
 * collapsible section per stack). Pure. A secret input is only ever rendered as "[secret]": the
 * structured diff carries no value for it in the first place (core.ts).
 */
import { countDiff } from "./core";
import type { FileDiff, FileGroup, InputChange, ResourceDiff, StackDiff } from "./types";

/** The marker the pull-request workflow finds its one comment by. */
export const COMMENT_MARKER = "<!-- homelab:plan-diff -->";

const GROUP_TITLES: ReadonlyArray<[FileGroup, string]> = [
    ["talos", "Talos patches per node"],
    ["k3s", "k3s config per node"],
    ["k3s-manifests", "k3s auto-deploy manifests per node"],
    ["helm", "Helm releases"],
    ["manifests", "Kubernetes manifests"],
    ["diagram", "Diagram"],
    ["other", "Other plan files"],
];

/** Changes listed in one markdown table row. */
export const MAX_CELL_ITEMS = 6;

const SIGN: Record<ResourceDiff["action"], string> = { add: "+", remove: "-", replace: "+-", update: "~" };

export function headline(d: StackDiff): string {
    if (d.error !== undefined) return `${d.stack}: NOT COMPARED, ${d.error.split("\n")[0]}`;
    if (!d.changed) return `${d.stack}: no changes`;
    if (!d.inBase) return `${d.stack}: new stack, ${d.resources.length} resources to add`;
    if (!d.inHead) return `${d.stack}: stack removed, ${d.resources.length} resources to remove`;
    const c = countDiff(d);
    const parts = [`${c.add} to add`, `${c.update} to update`, `${c.replace} to replace`, `${c.remove} to remove`];
    const extra = [c.files > 0 ? `${c.files} plan file${c.files === 1 ? "" : "s"} changed` : "", d.secretConfig.length > 0 ? `${d.secretConfig.length} stack secret${d.secretConfig.length === 1 ? "" : "s"} changed` : ""].filter(Boolean);
    return `${d.stack}: ${parts.join(", ")}${extra.length > 0 ? `; ${extra.join(", ")}` : ""}`;
}

function short(v: unknown, max = 100): string {
    const s = JSON.stringify(v) ?? "undefined";
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One input change on one line; multi-line strings add their patch below. */
export function describeChange(c: InputChange): string {
    const tags = [c.replaces ? "forces replacement" : "", c.ignored ? "ignored: ignoreChanges" : ""].filter(Boolean);
    const tail = tags.length > 0 ? `  (${tags.join(", ")})` : "";
    if (c.secret) return `${c.path}: [secret] ${c.kind}${tail}`;
    if (c.kind === "added") return `${c.path}: added ${short(c.after)}${tail}`;
    if (c.kind === "removed") return `${c.path}: removed (was ${short(c.before)})${tail}`;
    if (c.patch) return `${c.path}: text changed${tail}`;
    return `${c.path}: ${short(c.before, 60)} -> ${short(c.after, 60)}${tail}`;
}

function resourceLine(r: ResourceDiff): string {
    const from = r.previousUrn ? ` (was ${r.previousUrn})` : "";
    return `${SIGN[r.action]} ${r.type} ${r.name}${from}`;
}

function indent(text: string, pad: string): string {
    return text.split("\n").filter((l, i, a) => !(i === a.length - 1 && l === "")).map((l) => pad + l).join("\n");
}

/**
 * Remembers patch bodies already shown in one stack, so eight nodes receiving the same Talos
 * change print it once and then "same change as k8s-1".
 */
class SeenPatches {
    private readonly seen = new Map<string, string>();
    /** The label of an earlier identical patch, or undefined (and remembers this one). */
    same(patch: string, label: string): string | undefined {
        const body = patch.split("\n").filter((l) => !l.startsWith("--- ") && !l.startsWith("+++ ")).join("\n");
        const first = this.seen.get(body);
        if (first === undefined) this.seen.set(body, label);
        return first;
    }
}

function resourceDetail(r: ResourceDiff, pad: string, seen: SeenPatches): string[] {
    const L: string[] = [];
    for (const c of r.changes) {
        const same = c.patch ? seen.same(c.patch, `${r.name} ${c.path}`) : undefined;
        L.push(`${pad}${describeChange(c)}${same ? ` (same change as ${same})` : ""}`);
        if (c.patch && !same) L.push(indent(c.patch, `${pad}    `));
    }
    for (const o of r.options) L.push(`${pad}option ${o.option}: ${short(o.before, 60)} -> ${short(o.after, 60)}`);
    return L;
}

export function renderText(diffs: readonly StackDiff[], baseLabel: string): string {
    const L: string[] = [`plan diff against ${baseLabel}`];
    for (const d of diffs) {
        L.push("", `== ${headline(d)}`);
        if (d.error !== undefined) {
            L.push(indent(d.error.split("\n").slice(1).join("\n"), "   "));
            continue;
        }
        if (!d.changed) {
            d.notes.forEach((n) => L.push(`   note: ${n}`));
            continue;
        }
        const seen = new SeenPatches();
        if (d.resources.length > 0) {
            L.push("  resources:");
            for (const r of d.resources) {
                L.push(`    ${resourceLine(r)}`);
                L.push(...resourceDetail(r, "        ", seen));
            }
        }
        for (const [group, title] of GROUP_TITLES) {
            const files = d.files.filter((f) => f.group === group);
            if (files.length === 0) continue;
            L.push(`  ${title}:`);
            for (const f of files) {
                const same = seen.same(f.patch, f.path);
                L.push(`    ${f.status} ${f.subject} (${f.path})${same ? `: same change as ${same}` : ""}`);
                if (!same) L.push(indent(f.patch, "        "));
            }
        }
        if (d.secretConfig.length > 0) {
            L.push(`  stack file secrets (Pulumi.${d.stack}.yaml):`);
            d.secretConfig.forEach((s) => L.push(`    ${s.key}: [secret] ${s.kind}`));
        }
        d.notes.forEach((n) => L.push(`   note: ${n}`));
    }
    const changed = diffs.filter((d) => d.changed).length;
    const failed = diffs.filter((d) => d.error !== undefined).length;
    L.push("", changed === 0 ? "no changes" : `${changed} of ${diffs.length} stack${diffs.length === 1 ? "" : "s"} changed`);
    if (failed > 0) L.push(`${failed} stack${failed === 1 ? "" : "s"} NOT COMPARED (a plan failed)`);
    return L.join("\n") + "\n";
}

/** A code fence longer than any backtick run inside `body`. */
function fenced(body: string, lang: string): string {
    const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((s) => s.length));
    const fence = "`".repeat(longest + 1);
    return `${fence}${lang}\n${body.replace(/\n$/, "")}\n${fence}`;
}

/** Text outside code blocks: no pipes, no newlines, no HTML, and no @mention of anyone. */
export function cell(s: string): string {
    return s.replace(/[|<>@]/g, (c) => ({ "|": "\\|", "<": "&lt;", ">": "&gt;", "@": "&#64;" })[c] ?? c).replace(/\n/g, " ");
}

function stackSection(d: StackDiff, detailed: boolean): string {
    const L: string[] = [`<details><summary><b>${cell(d.stack)}</b>: ${cell(headline(d).slice(d.stack.length + 2))}</summary>`, ""];
    if (d.resources.length > 0) {
        L.push("| | type | name | what changes |", "|---|---|---|---|");
        for (const r of d.resources) {
            const renamed = r.previousUrn ? [`renamed from ${r.previousUrn.split("::").pop()} (alias)`] : [];
            const all = r.action === "add" || r.action === "remove" ? [] : [...renamed, ...r.changes.map(describeChange), ...r.options.map((o) => `option ${o.option}`)];
            // A table row stays readable: the first few, then a count (the text diffs below have the rest).
            const what = [...all.slice(0, MAX_CELL_ITEMS), ...(all.length > MAX_CELL_ITEMS ? [`and ${all.length - MAX_CELL_ITEMS} more`] : [])].join("; ");
            L.push(`| ${SIGN[r.action]} ${r.action} | ${cell(r.type)} | ${cell(r.name)} | ${cell(what)} |`);
        }
        L.push("");
        const seen = new SeenPatches();
        const texts = d.resources.flatMap((r) =>
            r.changes.filter((c) => c.patch).map((c) => {
                const same = seen.same(c.patch!, `${r.name} ${c.path}`);
                return same ? `${r.name} ${c.path}: same change as ${same}` : `${r.name} ${c.path}\n${c.patch}`;
            }),
        );
        if (detailed && texts.length > 0) L.push("Changed text inputs:", "", fenced(texts.join("\n"), "diff"), "");
    }
    for (const [group, title] of GROUP_TITLES) {
        const files = d.files.filter((f: FileDiff) => f.group === group);
        if (files.length === 0) continue;
        L.push(`**${title}**: ${files.map((f) => `${cell(f.subject)} (${f.status})`).join(", ")}`, "");
        const seenFiles = new SeenPatches();
        const bodies = files.map((f) => {
            const same = seenFiles.same(f.patch, f.path);
            return same ? `${f.path}: same change as ${same}` : f.patch;
        });
        if (detailed) L.push(fenced(bodies.join("\n"), "diff"), "");
    }
    if (d.secretConfig.length > 0) {
        L.push(`**Stack file secrets**: ${d.secretConfig.map((s) => `\`${cell(s.key)}\` [secret] ${s.kind}`).join(", ")}`, "");
    }
    d.notes.forEach((n) => L.push(`> ${cell(n)}`, ""));
    L.push("</details>");
    return L.join("\n");
}

/**
 * The pull-request comment. GitHub rejects comments over 65536 characters: past `limit` the text
 * diffs are left out (tables stay), and past it again the comment is cut with a note.
 */
export function renderMarkdown(diffs: readonly StackDiff[], baseLabel: string, limit = 60000): string {
    const build = (detailed: boolean) => {
        const L: string[] = [COMMENT_MARKER, `### Offline plan diff against \`${cell(baseLabel)}\``, ""];
        L.push("| stack | add | update | replace | remove | plan files |", "|---|---|---|---|---|---|");
        for (const d of diffs) {
            const c = countDiff(d);
            L.push(d.error !== undefined ? `| ${cell(d.stack)} | ? | ? | ? | ? | ? |` : `| ${cell(d.stack)} | ${c.add} | ${c.update} | ${c.replace} | ${c.remove} | ${c.files} |`);
        }
        L.push("");
        for (const d of diffs) {
            if (d.error !== undefined) L.push(`<b>${cell(d.stack)}</b>: **not compared**, ${cell(d.error.split("\n")[0])}`, "", fenced(d.error.split("\n").slice(1, 21).join("\n"), "text"), "");
            else L.push(d.changed ? stackSection(d, detailed) : `<b>${cell(d.stack)}</b>: no changes`, "");
        }
        L.push(
            "<sub>Made by `npm run plan -- --diff` under Pulumi's mock engine: no state, no provider. A replacement is shown only where `replaceOnChanges` says so; " +
                "`pulumi preview` decides the rest. Secrets are never shown. See docs/ci.md.</sub>",
        );
        return L.join("\n") + "\n";
    };
    const full = build(true);
    if (full.length <= limit) return full;
    const compact = build(false).replace(COMMENT_MARKER, `${COMMENT_MARKER}\n> The text diffs are left out: the full diff is longer than a comment may be. Run \`npm run plan -- --diff <base>\` locally.\n`);
    if (compact.length <= limit) return compact;
    return `${compact.slice(0, limit - 200)}\n\n> … cut: the diff is longer than a comment may be. Run \`npm run plan -- --diff <base>\` locally.\n`;
}
