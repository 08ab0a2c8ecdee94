/**
 * `npm run contracts -- [--stack <name>] [--update [--allow-identity-change]]`
 *
 * Without `--update`: plans each stack offline (exactly as `npm run plan`) and compares it with
 * its reviewed contract `tests/contracts/<stack>.yaml`, printing the differences; exit 1 when
 * any contract is stale. With `--update`: rewrites the contracts, a deliberate step whose diff
 * is reviewed in the PR. It refuses when a protect/retainOnDelete URN would disappear or change
 * without an alias, unless `--allow-identity-change` says that is really intended.
 * `npm test` only ever compares (tests/contracts/contracts.test.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { handleHelp, type CommandHelp } from "./args";
import { findProjectDir } from "./engine/stackfile";
import { buildContract, compareContract, contractPath, formatContractDiff, isClean, parseContract, renderContract } from "./contract/contract";
import { plan } from "./plan";

export interface ContractsArgs {
    readonly stacks: string[];
    readonly update: boolean;
    readonly allowIdentityChange: boolean;
}

export function parseContractsArgs(argv: readonly string[]): ContractsArgs {
    const stacks: string[] = [];
    let update = false;
    let allowIdentityChange = false;
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--update") update = true;
        else if (a === "--allow-identity-change") allowIdentityChange = true;
        else if (a === "--stack" || a === "-s") {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
            stacks.push(v);
        } else if (a.startsWith("--stack=")) stacks.push(a.slice(8));
        else throw new Error(`unknown argument ${a} (usage: npm run contracts -- [--stack <name>] [--update [--allow-identity-change]])`);
    }
    if (allowIdentityChange && !update) throw new Error("--allow-identity-change only makes sense with --update");
    return { stacks, update, allowIdentityChange };
}

/** Every stack with a committed stack file, sorted. */
export function allStacks(root: string): string[] {
    return fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export const help: CommandHelp = {
    usage: "npm run contracts -- [--stack <name>] [--update [--allow-identity-change]]",
    summary: "Plans each stack offline and compares it with its reviewed contract tests/contracts/<stack>.yaml (every URN with its lifecycle options). --update rewrites the contracts: a deliberate step whose diff is reviewed.",
    options: [
        ["--stack, -s <name>", "only this stack (repeatable); every Pulumi.<name>.yaml by default"],
        ["--update", "rewrite the contracts instead of comparing"],
        ["--allow-identity-change", "with --update: accept a protected or retained URN that disappears or weakens without an alias"],
    ],
    notes: ["exit codes: 0 up to date (or written), 1 a contract is stale, an identity change was refused, or a stack failed to plan", "docs/plan.md explains the contract and the identity guard"],
};

export async function main(argv: readonly string[], out = process.stdout, err = process.stderr, cwd = process.cwd()): Promise<number> {
    if (handleHelp(argv, help, out)) return 0;
    try {
        const args = parseContractsArgs(argv);
        const root = findProjectDir(cwd);
        const stacks = args.stacks.length > 0 ? args.stacks : allStacks(root);
        let failed = false;
        for (const stack of stacks) {
            const file = path.join(root, contractPath(stack));
            const result = await plan({ stack }, root);
            const fresh = buildContract(stack, result.run.resources);
            const old = fs.existsSync(file) ? parseContract(fs.readFileSync(file, "utf8"), contractPath(stack)) : undefined;
            const diff = old ? compareContract(old, result.run.resources) : undefined;
            if (!args.update) {
                if (!diff) {
                    err.write(`${contractPath(stack)} is missing; create it with: npm run contracts -- --update --stack ${stack}\n`);
                    failed = true;
                } else if (!isClean(diff)) {
                    err.write(formatContractDiff(stack, diff));
                    failed = true;
                } else out.write(`${contractPath(stack)}: up to date (${fresh.resources.length} resources)\n`);
                continue;
            }
            if (diff && diff.violations.length > 0 && !args.allowIdentityChange) {
                err.write(formatContractDiff(stack, diff));
                err.write(`refusing to update ${contractPath(stack)}: pass --allow-identity-change if losing these identities is really intended\n`);
                failed = true;
                continue;
            }
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, renderContract(fresh));
            if (diff && !isClean(diff)) out.write(formatContractDiff(stack, diff).replace(/^If the change is intended.*\n/m, ""));
            out.write(`wrote ${contractPath(stack)} (${fresh.resources.length} resources)\n`);
        }
        return failed ? 1 : 0;
    } catch (e) {
        err.write(`${(e as Error).message}\n`);
        return 1;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => process.exit(code));
}
