/**
 * The preflight step `pulumi up` runs before it touches a node (a `command:local:Command` from
 * components/nodes/preflight.ts): `node --require ts-node/register/transpile-only preflight/step.ts
 * --phase create|update --node <name>`, request on stdin (preflight/request.ts). Prints one line
 * per check; exits 1 when a check fails, so the engine stops that node's chain and the error
 * names the check.
 */
import { formatLine, formatText } from "./format";
import { parseStepRequest, stepMode, stepRunsClusterChecks } from "./request";
import { DEFAULT_TIMEOUTS, failed, runPreflight } from "./run";

function readStdin(): Promise<string> {
    return new Promise((resolve, reject) => {
        let text = "";
        process.stdin.setEncoding("utf8");
        process.stdin.on("data", (d: string) => (text += d));
        process.stdin.on("end", () => resolve(text));
        process.stdin.on("error", reject);
    });
}

export async function main(argv: readonly string[], stdin: string, out: (s: string) => void, err: (s: string) => void, env: NodeJS.ProcessEnv = {}): Promise<number> {
    const phase = argv[argv.indexOf("--phase") + 1];
    if (phase !== "create" && phase !== "update") {
        err("usage: preflight/step.ts --phase create|update [--node <name>] < request.json\n");
        return 2;
    }
    const req = parseStepRequest(stdin);
    const mode = stepMode(req.cluster.adopt, phase, env);
    const results = await runPreflight({
        nodes: [req.target],
        cluster: req.cluster,
        clusterChecks: stepRunsClusterChecks(req.target, mode),
        options: {
            mode,
            clusterName: req.cluster.name,
            timeouts: DEFAULT_TIMEOUTS,
            ...(req.privateKey ? { privateKey: req.privateKey } : {}),
        },
    });
    out(formatText(results));
    if (failed(results)) {
        // stderr is what the engine shows in the error: the failing checks, by name.
        err(results.filter((r) => r.status === "fail").map(formatLine).join("\n") + "\n");
        return 1;
    }
    return 0;
}

if (require.main === module) {
    readStdin()
        .then((text) => main(process.argv.slice(2), text, (s) => process.stdout.write(s), (s) => process.stderr.write(s), process.env))
        .then(
            (code) => (process.exitCode = code),
            (e: Error) => {
                process.stderr.write(`preflight step: ${e.message}\n`);
                process.exitCode = 2;
            },
        );
}
