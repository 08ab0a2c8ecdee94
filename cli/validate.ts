/**
 * `npm run validate -- --stack <name> | --file <path> [--json]`: exit 0 when the stack config is
 * valid; otherwise print every error with its key path and exit 1. Needs no engine, CLI or
 * credentials. `--json` prints `{ file, valid, errors, warnings }` on stdout for PR bots, each
 * finding as `{ path, value, message }` (credential values are already "[redacted]").
 */
import { parseArgs } from "./args";
import { loadStack, printIssues } from "./load-stack";

export function main(argv: readonly string[], out = process.stdout, err = process.stderr): number {
    let args;
    try {
        args = parseArgs(argv);
        const loaded = loadStack(args);
        const name = loaded.stackConfig.file;
        if (args.json) {
            const show = (i: { path: string; value: unknown; message: string }) => ({ path: i.path, value: i.value ?? null, message: i.message });
            out.write(JSON.stringify({ file: name, valid: loaded.errors.length === 0, errors: loaded.errors.map(show), warnings: loaded.warnings.map(show) }, null, 2) + "\n");
            return loaded.errors.length === 0 ? 0 : 1;
        }
        printIssues(`warnings in ${name}`, loaded.warnings, (s) => err.write(s));
        if (loaded.errors.length > 0) {
            printIssues(`invalid stack config ${name}`, loaded.errors, (s) => err.write(s));
            return 1;
        }
        out.write(`valid: ${name} (${loaded.config?.nodes.length} nodes, ${loaded.config?.cluster.distribution})\n`);
        return 0;
    } catch (e) {
        err.write(`error: ${(e as Error).message}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
