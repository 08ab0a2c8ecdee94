/** Minimal flag parsing for the offline commands: `--stack x`, `--file p`, `--out d`. */
export interface CliArgs {
    readonly stack?: string;
    readonly file?: string;
    readonly out?: string;
    readonly json: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
    const out: { stack?: string; file?: string; out?: string; json: boolean } = { json: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
        const value = () => {
            const v = inline ?? argv[++i];
            if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--stack":
            case "-s":
                out.stack = value();
                break;
            case "--file":
            case "-f":
                out.file = value();
                break;
            case "--out":
            case "-o":
                out.out = value();
                break;
            case "--json":
                out.json = true;
                break;
            default:
                throw new Error(`unknown argument ${a}`);
        }
    }
    if (out.stack && out.file) throw new Error("pass either --stack or --file, not both");
    return out;
}
