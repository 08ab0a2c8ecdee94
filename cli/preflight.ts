/**
 * `npm run preflight -- (--stack <name> | --file <path>) [--json] [--node <name>]
 *  [--identity <key file>] [--talosconfig <file>] [--converge]`
 *
 * Read-only checks of every online node (k3s hosts over SSH, Talos nodes over the Talos API via
 * talosctl) and of the cluster's addresses, before the first `pulumi up`. One line per check per
 * node with the fix for each failure; exit 1 when a check fails, 2 on bad usage or config.
 * The checks live in preflight/; `pulumi up` runs the same ones per node (components/nodes/preflight.ts).
 */
import * as fs from "node:fs";
import { buildSpec } from "../config/spec";
import { formatJson, formatText } from "../preflight/format";
import { DEFAULT_TIMEOUTS, failed, runPreflight } from "../preflight/run";
import { clusterTarget, nodeTargets } from "../preflight/targets";
import type { PreflightMode } from "../preflight/types";
import { loadStack, printIssues } from "./load-stack";

export const HELP = `usage: npm run preflight -- (--stack <name> | --file <path>) [options]

Read-only checks of every online node before \`pulumi up\` touches it:
  k3s hosts (SSH):   reachability and pinned host key, existing k3s and its cluster, memory
                     cgroups, the configured NIC, time sync, dpkg lock, Longhorn iSCSI/multipath,
                     NixOS flannel/kube-proxy vs Cilium
  Talos nodes (API): maintenance mode or member of a cluster, install disk, NIC (needs talosctl)
  cluster:           VIP and load-balancer pool addresses unused, API endpoint (free on a fresh
                     stack, answering with cluster.adopt), node clocks
Options:
  --stack, -s <name>     read Pulumi.<name>.yaml
  --file, -f <path>      read this stack file
  --node <name>          check only this node (cluster-level checks are skipped)
  --identity, -i <file>  SSH private key for k3s hosts (default: the agent at $SSH_AUTH_SOCK);
                         the stack's key: pulumi config get sshPrivateKey > key && chmod 600 key
  --talosconfig <file>   talosconfig for nodes that are already configured (names their cluster)
  --converge             the stack already manages these nodes: an existing install is expected
  --json                 machine-readable output: { ok, results: [{ node, check, status, detail, fix }] }
  --help, -h             this text
Exit status: 0 all checks passed (warnings allowed), 1 a check failed, 2 usage or config error.
See docs/troubleshooting.md (Preflight checks) for every check and its fix.
`;

export interface PreflightArgs {
    stack?: string;
    file?: string;
    node?: string;
    identity?: string;
    talosconfig?: string;
    converge: boolean;
    json: boolean;
    help: boolean;
}

export function parsePreflightArgs(argv: readonly string[]): PreflightArgs {
    const a: PreflightArgs = { converge: false, json: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
        const value = () => {
            const v = inline ?? argv[++i];
            if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
            return v;
        };
        if (flag === "--stack" || flag === "-s") a.stack = value();
        else if (flag === "--file" || flag === "-f") a.file = value();
        else if (flag === "--node") a.node = value();
        else if (flag === "--identity" || flag === "-i") a.identity = value();
        else if (flag === "--talosconfig") a.talosconfig = value();
        else if (flag === "--converge") a.converge = true;
        else if (flag === "--json") a.json = true;
        else if (flag === "--help" || flag === "-h") a.help = true;
        else throw new Error(`unknown argument ${argv[i]} (see --help)`);
    }
    if (a.stack && a.file) throw new Error("pass either --stack or --file, not both");
    return a;
}

export interface Io {
    readonly out: (s: string) => void;
    readonly err: (s: string) => void;
    readonly cwd?: string;
    readonly env?: NodeJS.ProcessEnv;
    readonly timeouts?: typeof DEFAULT_TIMEOUTS;
    readonly talosctl?: string;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
    let args: PreflightArgs;
    try {
        args = parsePreflightArgs(argv);
    } catch (e) {
        io.err(`error: ${(e as Error).message}\n`);
        return 2;
    }
    if (args.help) {
        io.out(HELP);
        return 0;
    }
    let loaded;
    try {
        loaded = loadStack(args, io.cwd);
    } catch (e) {
        io.err(`error: ${(e as Error).message}\n`);
        return 2;
    }
    if (!loaded.config) {
        printIssues(`invalid stack config ${loaded.stackConfig.file}`, loaded.errors, io.err);
        return 2;
    }
    const spec = buildSpec(loaded.config, {}, loaded.warnings);
    let nodes = nodeTargets(spec);
    if (args.node) {
        nodes = nodes.filter((n) => n.name === args.node);
        if (nodes.length === 0) {
            io.err(`error: --node ${args.node}: no online node of that name in ${loaded.stackConfig.file}\n`);
            return 2;
        }
    }
    const env = io.env ?? process.env;
    const mode: PreflightMode = spec.cluster.adopt ? "adopt" : args.converge ? "converge" : "fresh";
    const results = await runPreflight({
        nodes,
        cluster: clusterTarget(spec),
        clusterChecks: !args.node,
        options: {
            mode,
            clusterName: spec.cluster.name,
            timeouts: io.timeouts ?? DEFAULT_TIMEOUTS,
            ...(args.identity ? { privateKey: fs.readFileSync(args.identity, "utf8") } : env.SSH_AUTH_SOCK ? { agentSocket: env.SSH_AUTH_SOCK } : {}),
            ...(args.talosconfig ? { talosconfig: args.talosconfig } : {}),
            ...(io.talosctl ? { talosctl: io.talosctl } : {}),
        },
    });
    io.out(args.json ? formatJson(results, { stack: loaded.stackConfig.file, mode }) : formatText(results));
    return failed(results) ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
        (code) => (process.exitCode = code),
        (e: Error) => {
            process.stderr.write(`error: ${e.message}\n`);
            process.exitCode = 2;
        },
    );
}
