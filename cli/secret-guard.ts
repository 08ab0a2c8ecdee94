/**
 * The last gate before `plan` writes anything: no output file may contain a value the run saw as
 * a secret. Separate from plan.ts so tests can feed it any files (a leaking writer) and so
 * other commands that write plan-derived files can reuse it.
 */
import type { PlanFile } from "./artifacts/types";

/**
 * Throws, naming the file (never the value), when any file contains any of `secrets` anywhere in
 * its text. Every file and every secret is checked; matching is plain substring search, so a
 * secret embedded in a longer string, a YAML block or a JSON-escaped-free line is found too.
 */
export function assertNoSecrets(files: readonly PlanFile[], secrets: readonly string[]): void {
    const leaks: string[] = [];
    for (const f of files) {
        const n = secrets.filter((s) => s.length > 0 && f.content.includes(s)).length;
        if (n > 0) leaks.push(`${f.path} (${n} secret value${n > 1 ? "s" : ""})`);
    }
    if (leaks.length > 0) throw new Error(`refusing to write the plan: ${leaks.join(", ")} would contain a secret value`);
}
