/**
 * Plans the base of a diff from a git ref: a temporary detached worktree of the ref (removed again
 * whatever happens), this checkout's node_modules linked into it (an `npm ci` per diff would take
 * longer than the plans), and the base's OWN cli/plan.ts run there with tsx, so the base is
 * planned by the code it shipped with.
 *
 * Limits: the base runs with the head's installed packages (node_modules, and the compiled Talos
 * binding it links to), so a PR that only bumps a dependency shows no offline change; the base's
 * plan.ts must support `--stack <name> --out <dir>` (every version of this repository does).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface GitRunner {
    (args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string };
}

export const git: GitRunner = (args, cwd) => {
    const r = spawnSync("git", args, { cwd, encoding: "utf8" });
    if (r.error) throw new Error(`git is needed for --diff <ref>: ${r.error.message}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** Stack names with a `Pulumi.<name>.yaml` in `dir`, sorted. */
export function listStacks(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export interface BaseCheckout {
    /** The base's project root inside the worktree. */
    readonly dir: string;
    /** Full commit id of the ref. */
    readonly commit: string;
    /** Removes the worktree and the temporary directory. Safe to call more than once. */
    cleanup(): void;
}

/** `git worktree add --detach` of `ref` in a new temporary directory, with node_modules linked. */
export function checkoutBase(root: string, ref: string, run: GitRunner = git): BaseCheckout {
    const rev = run(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], root);
    if (rev.status !== 0) throw new Error(`--diff ${ref}: not a directory and not a git commit in ${root}`);
    const commit = rev.stdout.trim();
    // The project may sit in a subdirectory of the repository: the base's project is there too.
    const prefix = run(["rev-parse", "--show-prefix"], root).stdout.trim();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "homelab-diff-"));
    const top = path.join(tmp, "base");
    const dir = path.join(top, prefix);
    let done = false;
    const cleanup = () => {
        if (done) return;
        done = true;
        // Drop the link first so nothing below can ever walk into this checkout's node_modules.
        fs.rmSync(path.join(dir, "node_modules"), { force: true });
        run(["worktree", "remove", "--force", top], root);
        fs.rmSync(tmp, { recursive: true, force: true });
    };
    const add = run(["worktree", "add", "--detach", "--quiet", top, commit], root);
    if (add.status !== 0) {
        cleanup();
        throw new Error(`git worktree add ${ref} failed: ${add.stderr.trim()}`);
    }
    try {
        if (!fs.existsSync(dir)) throw new Error(`--diff ${ref}: the project directory ${prefix} does not exist at that commit`);
        fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    } catch (e) {
        cleanup();
        throw e;
    }
    return { dir, commit, cleanup };
}

/**
 * Runs the base's own `cli/plan.ts --stack <stack> --out <out>` inside the worktree. `env` carries
 * the fingerprint key (secrets.ts); a base too old to know it simply writes no fingerprints.
 */
export function planBaseStack(baseDir: string, stack: string, out: string, env: NodeJS.ProcessEnv): void {
    const tsx = require.resolve("tsx/cli");
    const r = spawnSync(process.execPath, [tsx, "cli/plan.ts", "--stack", stack, "--out", out], { cwd: baseDir, env, encoding: "utf8" });
    if (r.error) throw r.error;
    // Paths inside the temporary worktree read as repository paths.
    if (r.status !== 0) throw new Error((r.stderr || r.stdout || `exit ${r.status}`).trim().split(`${baseDir}${path.sep}`).join(""));
}
