/**
 * Test harness: run the real program (or one component) under Pulumi's mock engine and get back
 * what the engine received; read Outputs; build specs from plain config objects.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { runUnderMocks, type RunOptions, type RunResult } from "../cli/engine/run";
import type { RecordedResource } from "../cli/engine/recorder";
import { buildSpec, type ClusterSpec, type SpecSecrets } from "../config/spec";
import { validateConfig } from "../config/validate";
import { program } from "../stacks";

export const ROOT = path.resolve(__dirname, "..");

/** Raw `homelab:` config as short keys (`cluster`, `nodes`, ...), like a stack file's values. */
export type RawConfig = Record<string, unknown>;

/** Reads a stack-file-shaped YAML (`config: { homelab:cluster: ... }`) into short keys. */
export function readFixture(file: string): { raw: RawConfig; other: Record<string, unknown> } {
    const doc = (parse(fs.readFileSync(path.resolve(ROOT, file), "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const raw: RawConfig = {};
    const other: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc.config ?? {})) {
        if (k.startsWith("homelab:")) raw[k.slice(8)] = v;
        else other[k] = v;
    }
    return { raw, other };
}

/** The first line `# expect: <path>` of an invalid fixture. */
export function expectedPath(file: string): string {
    const first = fs.readFileSync(path.resolve(ROOT, file), "utf8").split("\n")[0];
    const m = /^# expect: (\S+)/.exec(first);
    if (!m) throw new Error(`${file}: first line must be "# expect: <key path>"`);
    return m[1];
}

/** Builds runtime config: objects become JSON text; `secrets` are added as secret keys. */
export function toRuntimeConfig(raw: RawConfig, secrets: Record<string, string> = {}): Pick<RunOptions, "config" | "secretKeys"> {
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) config[`homelab:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
    const secretKeys: string[] = [];
    for (const [k, v] of Object.entries(secrets)) {
        const key = k.includes(":") ? k : `homelab:${k}`;
        config[key] = v;
        secretKeys.push(key);
    }
    return { config, secretKeys };
}

/** Runs the whole program (config -> spec -> every layer) under mocks. Preview by default. */
export function runProgram(raw: RawConfig, opts: { secrets?: Record<string, string> } & Partial<RunOptions> = {}): Promise<RunResult> {
    return runUnderMocks(program, { stack: "test", ...opts, ...toRuntimeConfig(raw, opts.secrets) });
}

/** Validated, frozen spec from plain config; throws listing errors. Secrets become secret Outputs. */
export function specFrom(raw: RawConfig, secrets: Record<string, string> = {}): ClusterSpec {
    const r = validateConfig(raw);
    if (!r.config) throw new Error(r.errors.map((e) => `${e.path}: ${String(e.value)} ${e.message}`).join("\n"));
    const s: Record<string, pulumi.Output<string>> = {};
    for (const [k, v] of Object.entries(secrets)) s[k === "cloudflare:apiToken" ? "cloudflareApiToken" : k] = pulumi.secret(v);
    return buildSpec(r.config, s as SpecSecrets, r.warnings);
}

/** Runs `build` (e.g. `() => new SomeComponent("x", args)`) as a stack body under mocks. */
export function runComponent(build: () => unknown, opts: Partial<RunOptions> = {}): Promise<RunResult> {
    return runUnderMocks(() => {
        build();
        return {};
    }, { config: {}, stack: "test", ...opts });
}

/** Throws if the run had errors, showing them. */
export function ok(r: RunResult): RunResult {
    if (r.errors.length > 0) throw new Error(`run failed:\n${r.errors.map((e) => e.stack ?? e.message).join("\n")}`);
    return r;
}

export function ofType(r: RunResult, type: string): RecordedResource[] {
    return r.resources.filter((x) => x.type === type);
}

export function one(r: RunResult, type: string, name?: string): RecordedResource {
    const found = r.resources.filter((x) => x.type === type && (name === undefined || x.name === name));
    if (found.length !== 1) {
        throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((f) => f.name).join(", ")}`);
    }
    return found[0];
}

/** The resolved value, knownness and secretness of an Output (unknown values are not awaited). */
export async function outputValue<T>(o: pulumi.Output<T> | T): Promise<{ value: T | undefined; known: boolean; secret: boolean }> {
    if (!pulumi.Output.isInstance(o)) return { value: o as T, known: true, secret: false };
    // isKnown/isSecret are public promises on the Output implementation.
    const impl = o as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean>; promise(): Promise<T> };
    const [known, secret] = await Promise.all([impl.isKnown, impl.isSecret]);
    return { value: known ? await impl.promise() : undefined, known, secret };
}

/** Every string in the recording's redacted inputs and outputs, for "secret never appears" checks. */
export function everythingPrinted(r: RunResult): string {
    return JSON.stringify(r.resources.map(({ plainInputs: _p, ...rest }) => rest)) + JSON.stringify(r.logs) + r.errors.map((e) => e.message).join("\n");
}

/** A minimal valid config for one distribution; tests spread overrides over it. */
export function baseConfig(distribution: "talos" | "k3s" = "talos"): RawConfig {
    return {
        cluster: { name: "test", distribution, endpoint: "10.0.0.10" },
        network: { nodeCidr: "10.0.0.0/24", gateway: "10.0.0.1", vip: "10.0.0.10" },
        nodes: [
            { name: "cp1", role: "controlplane", ip: "10.0.0.11" },
            { name: "w1", role: "worker", ip: "10.0.0.21" },
        ],
    };
}
