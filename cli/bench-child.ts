/**
 * One measured plan run (spawned by cli/bench.ts so that TypeScript start-up is part of the
 * wall time). Prints one JSON line: resources registered and peak RSS.
 */
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";
import { plan, writePlan } from "./plan";

async function run(file: string): Promise<void> {
    const result = await plan({ file });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "homelab-bench-"));
    writePlan(out, result.files);
    fs.rmSync(out, { recursive: true, force: true });
    process.stdout.write(JSON.stringify({ resources: result.run.resources.length, maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
}

void run(process.argv[2]).catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
});
