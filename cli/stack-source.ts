/**
 * The stack file as text and as a YAML document with source positions, so every finding can
 * name the line and column it is about (for editors and PR annotations), YAML syntax errors are
 * reported with their position and the offending line, and a file without its `config:` root is
 * recognised as such instead of reporting every required key as missing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import { parseKeyPath, type ConfigIssue } from "../config/issues";
import { didYouMean } from "../config/suggest";

export interface Position {
    /** 1-based. */
    readonly line: number;
    /** 1-based. */
    readonly column: number;
}

/** A finding about the file itself (syntax, layout), positioned. */
export interface FileIssue extends ConfigIssue {
    readonly position: Position;
}

export interface StackSource {
    readonly file: string;
    readonly text: string;
    readonly doc: Document;
    /** Syntax errors, or a missing/misplaced `config:` root: the file cannot be validated further. */
    readonly fatal: FileIssue[];
    /** Non-fatal layout findings (unknown top-level keys). */
    readonly warnings: FileIssue[];
    /** Position of a finding's key path; the nearest written ancestor when the key is not in the file. */
    locate(keyPath: string): Position;
}

/**
 * Top-level keys of a Pulumi stack file (pulumi/pulumi sdk/go/common/workspace/project.go
 * ProjectStack: secretsprovider, encryptedkey, encryptionsalt, config, environment).
 */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

const ORIGIN: Position = { line: 1, column: 1 };

function pairKey(p: Pair): string | undefined {
    return isScalar(p.key) ? String(p.key.value) : undefined;
}

export function readStackSource(file: string, project: string): StackSource {
    const text = fs.readFileSync(file, "utf8");
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
    const pos = (offset: number | undefined): Position => {
        if (offset === undefined) return ORIGIN;
        const p = lc.linePos(offset);
        return { line: p.line, column: p.col };
    };
    const name = path.basename(file);
    const fatal: FileIssue[] = [];
    const warnings: FileIssue[] = [];
    for (const e of doc.errors) {
        const at = e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : pos(e.pos[0]);
        const msg = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        fatal.push({ path: "", value: undefined, message: `${name}:${at.line}:${at.column}: YAML syntax error: ${msg}`, rule: "yaml-syntax", position: at });
    }
    const root = doc.contents;
    let config: Node | null | undefined;
    if (fatal.length === 0) {
        if (root !== null && root !== undefined && !isMap(root)) {
            fatal.push({ path: "", value: undefined, message: `${name} is not a YAML mapping; a stack file starts with a \`config:\` line and the keys indented under it`, rule: "missing-config-root", position: pos(root.range?.[0]) });
        } else {
            const items = isMap(root) ? root.items : [];
            const keyed = items.map((p) => ({ p, k: pairKey(p) }));
            const cfgPair = keyed.find((x) => x.k === "config");
            const stray = keyed.filter((x) => x.k !== undefined && x.k.includes(":"));
            if (!cfgPair && stray.length > 0) {
                const shown = stray.slice(0, 3).map((x) => x.k).join(", ") + (stray.length > 3 ? ", ..." : "");
                fatal.push({
                    path: "",
                    value: undefined,
                    message: `${name} has no \`config:\` root: its keys (${shown}) sit at the top level, where Pulumi does not read them. Add a \`config:\` line and indent the keys under it`,
                    rule: "missing-config-root",
                    position: pos((stray[0].p.key as Node).range?.[0]),
                });
            } else if (!cfgPair) {
                const typo = keyed.find((x) => x.k !== undefined && !STACK_FILE_KEYS.includes(x.k) && didYouMean(x.k, ["config"]) !== "");
                fatal.push({
                    path: "",
                    value: undefined,
                    message: `${name} has no \`config:\` section, so the stack sets none of the required keys${typo ? ` (found \`${typo.k}:\`; did you mean \`config:\`?)` : ""}`,
                    rule: "missing-config-root",
                    position: typo ? pos((typo.p.key as Node).range?.[0]) : ORIGIN,
                });
            } else {
                config = cfgPair.p.value as Node | null;
                if (config && !isMap(config)) {
                    fatal.push({ path: "", value: undefined, message: `${name}: \`config:\` must be a mapping of \`namespace:key\` entries`, rule: "missing-config-root", position: pos(config.range?.[0]) });
                }
            }
            for (const x of keyed) {
                if (x.k !== undefined && !x.k.includes(":") && !STACK_FILE_KEYS.includes(x.k) && cfgPair) {
                    warnings.push({
                        path: "",
                        value: undefined,
                        message: `${name}: top-level key \`${x.k}\` is not a stack file setting and is ignored${didYouMean(x.k, STACK_FILE_KEYS)}`,
                        rule: "unknown-stack-file-key",
                        position: pos((x.p.key as Node).range?.[0]),
                    });
                }
            }
        }
    }

    const locate = (keyPathText: string): Position => {
        if (!config || !isMap(config)) return ORIGIN;
        const { key, path: segs } = parseKeyPath(keyPathText);
        const short = key.startsWith(`${project}:`) ? key.slice(project.length + 1) : undefined;
        const top = config.items.find((p) => {
            const k = pairKey(p);
            return k === key || (short !== undefined && k === short);
        });
        if (!top) return pos(undefined);
        let best = pos((top.key as Node).range?.[0]);
        let cur = top.value as Node | null;
        for (const s of segs) {
            if (isMap(cur)) {
                const p = cur.items.find((x) => pairKey(x) === String(s));
                if (!p) break;
                best = pos((p.key as Node).range?.[0]);
                cur = p.value as Node | null;
            } else if (isSeq(cur) && typeof s === "number") {
                const item = cur.items[s] as Node | undefined;
                if (!item) break;
                best = pos(item.range?.[0]);
                cur = isPair(item) ? null : item;
            } else {
                break;
            }
        }
        return best;
    };
    return { file, text, doc, fatal, warnings, locate };
}

/** `file:3:5: message`, the offending line, and a caret under the column: for terminals. */
export function showAt(src: Pick<StackSource, "text">, at: Position): string {
    const line = src.text.split(/\r?\n/)[at.line - 1] ?? "";
    return `    ${line}\n    ${" ".repeat(Math.max(0, at.column - 1))}^`;
}
