/**
 * `npm run validate -- --stack <name> | --file <path>`: exit 0 when the stack config is valid;
 * otherwise print every error with its key path and exit 1. Needs no engine, CLI or credentials.
 */
import { parseArgs } from "./args";
import { loadStack, printIssues } from "./load-stack";

export function main(argv: readonly string[], out = process.stdout, err = process.stderr): number {
    let args;
    try {
        args = parseArgs(argv);
        const loaded = loadStack(args);
        const name = loaded.stackConfig.file;
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
