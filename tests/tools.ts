/**
 * External programs some tests use (shellcheck). The README promises that `npm ci && npm test`
 * pass on a machine with only Node and npm, so on a developer machine a missing tool skips its
 * test, visibly: the test is reported as skipped with the tool in its title and a warning says
 * how to install it. Under CI (the `CI` variable set, as GitHub Actions and `.ci/run` do) a
 * missing tool fails the test instead, so CI never passes without the check.
 */
import { spawnSync } from "node:child_process";

/** `CI` set to anything but "", "0" or "false" (GitHub Actions sets CI=true). */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
    const v = (env.CI ?? "").trim().toLowerCase();
    return v !== "" && v !== "0" && v !== "false";
}

/** True when `bin --version` runs and exits 0. */
export function toolAvailable(bin: string): boolean {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
    return !r.error && r.status === 0;
}

export interface ExternalTool {
    readonly available: boolean;
    /** Whether a missing tool fails (CI) rather than skips. */
    readonly enforced: boolean;
    /** `it` when the test must run; otherwise `it.skip` with the reason in the title. */
    readonly it: (name: string, fn: jest.ProvidesCallback) => void;
    /** Call first inside the test: throws when the tool is missing (only reached under CI). */
    require(): void;
}

export function externalTool(
    bin: string,
    install: string,
    env: NodeJS.ProcessEnv = process.env,
    probe: (bin: string) => boolean = toolAvailable,
    jestIt: jest.It = it,
): ExternalTool {
    const available = probe(bin);
    const enforced = inCi(env);
    const runs = available || enforced;
    if (!runs) {
        console.warn(`SKIPPED: ${bin} is not installed, so its checks do not run on this machine (CI is not set). Install it (${install}); CI requires it.`);
    }
    return {
        available,
        enforced,
        it: runs ? (name, fn) => jestIt(name, fn) : (name, fn) => jestIt.skip(`${name} [skipped: ${bin} not installed]`, fn),
        require() {
            if (!available) {
                throw new Error(`${bin} is not installed and CI is set: the check cannot be skipped in CI. Install it (${install}).`);
            }
        },
    };
}
