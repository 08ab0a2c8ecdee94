/** Output of a preflight run: one line per check per node, or JSON for tools. */
import type { CheckResult } from "./types";

const LABEL: Record<CheckResult["status"], string> = { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "SKIP" };

export function formatLine(r: CheckResult): string {
    return `${LABEL[r.status]} ${r.node} ${r.check}: ${r.detail}${r.fix && (r.status === "fail" || r.status === "warn") ? ` | fix: ${r.fix}` : ""}`;
}

export function formatText(results: readonly CheckResult[]): string {
    const n = (s: CheckResult["status"]) => results.filter((r) => r.status === s).length;
    const summary = `preflight: ${n("fail")} failed, ${n("warn")} warnings, ${n("pass")} passed, ${n("skip")} skipped`;
    return [...results.map(formatLine), summary].join("\n") + "\n";
}

export function formatJson(results: readonly CheckResult[], extra: Record<string, unknown> = {}): string {
    return JSON.stringify({ ...extra, ok: !results.some((r) => r.status === "fail"), results }, null, 2) + "\n";
}
