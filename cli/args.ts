/** Minimal flag parsing for the offline commands: `--stack x`, `--file p`, `--out d`, and `--help`. */
export interface CliArgs {
    readonly stack?: string;
    readonly file?: string;
    readonly out?: string;
    readonly json: boolean;
    readonly help: boolean;
}

/** What `--help` prints for one command. Every cli/ command declares one and calls `handleHelp`. */
export interface CommandHelp {
    /** `npm run validate --` */
    readonly usage: string;
    /** One or two sentences: what the command does. */
    readonly summary: string;
    /** `[flag, what it does]` pairs. */
    readonly options: ReadonlyArray<readonly [string, string]>;
    /** Further lines (exit codes, examples). */
    readonly notes?: readonly string[];
}

/** The options `parseArgs` understands, for help texts. */
export const stackOptions: ReadonlyArray<readonly [string, string]> = [
    ["--stack, -s <name>", "the stack file Pulumi.<name>.yaml in the project directory"],
    ["--file, -f <path>", "any stack file (pass --stack or --file, not both)"],
];

export const helpOption: readonly [string, string] = ["--help, -h", "print this help and exit"];

export function isHelp(argv: readonly string[]): boolean {
    return argv.includes("--help") || argv.includes("-h");
}

export function renderHelp(h: CommandHelp): string {
    const opts = [...h.options, helpOption];
    const width = Math.max(...opts.map(([f]) => f.length));
    const lines = [`usage: ${h.usage}`, "", h.summary, "", "options:", ...opts.map(([f, t]) => `  ${f.padEnd(width)}  ${t}`)];
    if (h.notes && h.notes.length > 0) lines.push("", ...h.notes);
    return lines.join("\n") + "\n";
}

/**
 * When argv asks for help, prints it to `out` and returns true (the command then exits 0).
 * Checked before any other parsing, so `--help` works next to otherwise invalid arguments.
 */
export function handleHelp(argv: readonly string[], h: CommandHelp, out: { write(s: string): unknown } = process.stdout): boolean {
    if (!isHelp(argv)) return false;
    out.write(renderHelp(h));
    return true;
}

export function parseArgs(argv: readonly string[]): CliArgs {
    const out: { stack?: string; file?: string; out?: string; json: boolean; help: boolean } = { json: false, help: false };
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
            case "--help":
            case "-h":
                out.help = true;
                break;
            default:
                throw new Error(`unknown argument ${a} (see --help)`);
        }
    }
    if (out.stack && out.file) throw new Error("pass either --stack or --file, not both");
    return out;
}
