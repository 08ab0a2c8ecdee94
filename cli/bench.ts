/**
 * `npm run bench`: times `plan` on Pulumi.homelab.yaml and on generated stacks of the same shape
 * with 10 and 100 nodes (3 control planes, the rest workers). Each run is a fresh process, so the
 * wall time includes Node and TypeScript start-up. Prints wall time, resources and peak RSS, and
 * exits non-zero when a target is missed (homelab < 5 s; 100 nodes < 15 s and < 1 GiB; growth no
 * worse than linear in nodes).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { handleHelp, type CommandHelp } from "./args";

const ROOT = path.resolve(__dirname, "..");

/** The homelab stack with `n` online nodes: 3 control planes, n-3 workers, on a /16 so they fit. */
export function scaledStack(n: number): string {
    const doc = parse(fs.readFileSync(path.join(ROOT, "Pulumi.homelab.yaml"), "utf8")) as { config: Record<string, unknown> };
    const c = doc.config;
    const network = c["homelab:network"] as Record<string, unknown>;
    network.nodeCidr = "10.0.0.0/16";
    const nodes = Array.from({ length: n }, (_, i) => ({
        name: `node-${i + 1}`,
        role: i < 3 ? "controlplane" : "worker",
        ip: `10.0.${61 + Math.floor(i / 200)}.${(i % 200) + 10}`,
        installDisk: "/dev/nvme1n1",
    }));
    c["homelab:nodes"] = nodes;
    const storage = c["homelab:storage"] as { rookCeph?: { devices?: { nodes?: unknown[] } } };
    if (storage.rookCeph?.devices) storage.rookCeph.devices.nodes = nodes.map((x) => ({ name: x.name, devices: ["nvme0n1"] }));
    return stringify(doc);
}

interface Sample {
    readonly label: string;
    readonly nodes: number;
    readonly wallMs: number;
    readonly resources: number;
    readonly maxRssKiB: number;
}

function measure(label: string, nodes: number, file: string): Sample {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), path.join(__dirname, "bench-child.ts"), file], { cwd: ROOT, encoding: "utf8" });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`plan of ${label} failed:\n${r.stderr}`);
    const { resources, maxRssKiB } = JSON.parse(r.stdout.trim().split("\n").pop()!) as { resources: number; maxRssKiB: number };
    return { label, nodes, wallMs, resources, maxRssKiB };
}

export const help: CommandHelp = {
    usage: "npm run bench",
    summary: "Times `plan` on Pulumi.homelab.yaml and on generated 10- and 100-node stacks of the same shape, each in a fresh process; exits non-zero when a target is missed (homelab < 5 s; 100 nodes < 15 s and < 1 GiB; growth no worse than linear).",
    options: [],
};

export function main(argv: readonly string[] = []): number {
    if (handleHelp(argv, help)) return 0;
    if (argv.length > 0) {
        process.stderr.write(`error: unknown argument ${argv[0]} (see --help)\n`);
        return 2;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "homelab-bench-stacks-"));
    const samples: Sample[] = [];
    try {
        samples.push(measure("homelab", 10, path.join(ROOT, "Pulumi.homelab.yaml")));
        for (const n of [10, 100]) {
            const file = path.join(dir, `Pulumi.bench-${n}.yaml`);
            fs.writeFileSync(file, scaledStack(n));
            samples.push(measure(`generated ${n} nodes`, n, file));
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(`${"stack".padEnd(22)}${"wall".padStart(9)}${"resources".padStart(11)}${"peak RSS".padStart(11)}\n`);
    for (const s of samples) {
        process.stdout.write(`${s.label.padEnd(22)}${(s.wallMs / 1000).toFixed(2).padStart(8)}s${String(s.resources).padStart(11)}${(s.maxRssKiB / 1024).toFixed(0).padStart(8)} MiB\n`);
    }
    const [home, ten, hundred] = samples;
    const failures: string[] = [];
    if (home.wallMs > 5000) failures.push(`homelab plan took ${(home.wallMs / 1000).toFixed(2)} s (target < 5 s)`);
    if (hundred.wallMs > 15000) failures.push(`100-node plan took ${(hundred.wallMs / 1000).toFixed(2)} s (target < 15 s)`);
    if (hundred.maxRssKiB > 1024 * 1024) failures.push(`100-node plan used ${(hundred.maxRssKiB / 1024).toFixed(0)} MiB (target < 1 GiB)`);
    // Linear at worst: the per-node cost from 10 to 100 nodes may not exceed the whole 10-node run's per-node cost.
    const marginal = (hundred.wallMs - ten.wallMs) / 90;
    if (marginal > ten.wallMs / 10) failures.push(`time grows faster than linearly: ${marginal.toFixed(1)} ms per extra node vs ${(ten.wallMs / 10).toFixed(1)} ms per node at 10`);
    process.stdout.write(failures.length === 0 ? "all targets met\n" : failures.map((f) => `MISSED: ${f}\n`).join(""));
    return failures.length === 0 ? 0 : 1;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
