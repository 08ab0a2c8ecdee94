/** tests/tools.ts: a missing external tool skips its test locally and fails it under CI. */
import { externalTool, inCi } from "./tools";

function fakeIt() {
    const calls: Array<{ how: "run" | "skip"; name: string }> = [];
    const f = ((name: string) => calls.push({ how: "run", name })) as unknown as jest.It;
    (f as unknown as { skip: unknown }).skip = (name: string) => calls.push({ how: "skip", name });
    return { f, calls };
}

describe("external tools in tests", () => {
    let warn: jest.SpyInstance;
    beforeEach(() => {
        warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    });
    afterEach(() => warn.mockRestore());

    it("reads CI the way CI systems set it", () => {
        expect(inCi({})).toBe(false);
        expect(inCi({ CI: "" })).toBe(false);
        expect(inCi({ CI: "false" })).toBe(false);
        expect(inCi({ CI: "0" })).toBe(false);
        expect(inCi({ CI: "true" })).toBe(true);
        expect(inCi({ CI: "1" })).toBe(true);
    });

    it("skips visibly when the tool is missing and CI is not set", () => {
        const { f, calls } = fakeIt();
        const t = externalTool("shellcheck", "apt-get install -y shellcheck", {}, () => false, f);
        t.it("pass shellcheck", () => undefined);
        expect(calls).toEqual([{ how: "skip", name: "pass shellcheck [skipped: shellcheck not installed]" }]);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining("SKIPPED: shellcheck is not installed"));
    });

    it("runs and fails when the tool is missing under CI", () => {
        const { f, calls } = fakeIt();
        const t = externalTool("shellcheck", "apt-get install -y shellcheck", { CI: "true" }, () => false, f);
        t.it("pass shellcheck", () => undefined);
        expect(calls).toEqual([{ how: "run", name: "pass shellcheck" }]);
        expect(() => t.require()).toThrow("shellcheck is not installed and CI is set");
        expect(warn).not.toHaveBeenCalled();
    });

    it("runs when the tool is there, with or without CI", () => {
        for (const env of [{}, { CI: "true" }]) {
            const { f, calls } = fakeIt();
            const t = externalTool("shellcheck", "x", env, () => true, f);
            t.it("pass shellcheck", () => undefined);
            expect(calls).toEqual([{ how: "run", name: "pass shellcheck" }]);
            expect(() => t.require()).not.toThrow();
        }
    });
});
