import { lineOps, textDiff } from "../text-diff";

describe("textDiff (golden-file failure messages)", () => {
    it("is empty for equal texts", () => {
        expect(textDiff("a\nb\n", "a\nb\n")).toBe("");
    });

    it("shows removed and added lines with context and line numbers", () => {
        const a = ["1", "2", "3", "4", "5", "6", "7", "8", "9"].join("\n");
        const b = ["1", "2", "3", "4", "five", "6", "7", "8", "9", "10"].join("\n");
        expect(textDiff(a, b, 1)).toBe(["@@ committed line 4, generated line 4 @@", "  4", "- 5", "+ five", "  6", "@@ committed line 9, generated line 9 @@", "  9", "+ 10"].join("\n"));
    });

    it("treats a missing file as all added lines, and truncates long diffs", () => {
        expect(textDiff("", "x\ny")).toBe(["@@ committed line 1, generated line 1 @@", "- ", "+ x", "+ y"].join("\n"));
        const many = Array.from({ length: 50 }, (_, i) => `l${i}`).join("\n");
        expect(textDiff("", many, 0, 10).split("\n").pop()).toBe("... 42 more diff lines");
    });

    it("builds a minimal edit script", () => {
        expect(lineOps(["a", "b", "c"], ["a", "c", "d"]).map((o) => o.kind + o.line)).toEqual([" a", "-b", " c", "+d"]);
    });
});
