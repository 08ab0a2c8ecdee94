/**
 * A small line diff for golden-file tests: the failure shows what changed (`-` committed, `+`
 * generated) with a few lines of context, instead of only "regenerate".
 */

type Op = { kind: " " | "-" | "+"; line: string };

/** Line-level edit script from `a` to `b` (longest common subsequence; files here are small). */
export function lineOps(a: readonly string[], b: readonly string[]): Op[] {
    const n = a.length;
    const m = b.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const ops: Op[] = [];
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] === b[j]) {
            ops.push({ kind: " ", line: a[i++] });
            j++;
        } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: "-", line: a[i++] });
        else ops.push({ kind: "+", line: b[j++] });
    }
    return ops;
}

/** Unified-style diff with `context` lines around each change and hunk headers; "" when equal. */
export function textDiff(committed: string, generated: string, context = 3, maxLines = 200): string {
    if (committed === generated) return "";
    const ops = lineOps(committed.split("\n"), generated.split("\n"));
    const keep = new Set<number>();
    ops.forEach((o, k) => {
        if (o.kind !== " ") for (let x = Math.max(0, k - context); x <= Math.min(ops.length - 1, k + context); x++) keep.add(x);
    });
    const out: string[] = [];
    let aLine = 1;
    let bLine = 1;
    let last = -2;
    ops.forEach((o, k) => {
        if (keep.has(k)) {
            if (k !== last + 1) out.push(`@@ committed line ${aLine}, generated line ${bLine} @@`);
            out.push(`${o.kind} ${o.line}`);
            last = k;
        }
        if (o.kind !== "+") aLine++;
        if (o.kind !== "-") bLine++;
    });
    return out.length > maxLines ? [...out.slice(0, maxLines), `... ${out.length - maxLines} more diff lines`].join("\n") : out.join("\n");
}
