/**
 * Runs a Pulumi program under the mock engine and returns what the engine received. This is how
 * `plan`, `validate` and the tests exercise the real program without a CLI, plugins or cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { makeMocks, type MockOptions } from "./mocks";
import { attachRecorder, type Recording } from "./recorder";
import { UNKNOWN_MARK } from "./values";

export interface RunOptions extends Partial<MockOptions> {
    /** Full config map (`homelab:cluster` -> JSON text), as the CLI would pass it. */
    readonly config: Readonly<Record<string, string>>;
    /** Keys of `config` that are secrets. */
    readonly secretKeys?: readonly string[];
    readonly project?: string;
    readonly stack?: string;
    /** A program that does not finish within this time is reported as hung. */
    readonly timeoutMs?: number;
}

export interface LogLine {
    readonly severity: "warning" | "error" | "info";
    readonly message: string;
}

export interface RunResult extends Recording {
    /** Stack outputs, as the program returned them (Outputs resolved). */
    readonly outputs: Record<string, unknown> | undefined;
    /** Errors thrown by the program or by resource registration. Empty on success. */
    readonly errors: Error[];
    /** What the program logged through pulumi.log. */
    readonly logs: LogLine[];
}

const settings = require("@pulumi/pulumi/runtime/settings");

/** Captures pulumi.log output: without an engine the SDK prints to the console. */
function captureLogs(logs: LogLine[]): () => void {
    const { warn, error, log, info } = console;
    const grab = (severity: LogLine["severity"], orig: (...a: unknown[]) => void) => (...a: unknown[]) => {
        const text = a.map(String).join(" ");
        const m = /^(warning|error|info): \[runtime\] ([\s\S]*)$/.exec(text);
        if (m) logs.push({ severity, message: m[2] });
        else orig(...a);
    };
    console.warn = grab("warning", warn);
    console.error = grab("error", error);
    console.log = grab("info", log);
    console.info = grab("info", info);
    return () => Object.assign(console, { warn, error, log, info });
}

/**
 * Runs `program` as the body of a stack (so it gets the root Stack resource as parent, exactly
 * as under `pulumi up`), waits for every registration, and returns the recording.
 */
export async function runUnderMocks(program: () => unknown, opts: RunOptions): Promise<RunResult> {
    const preview = opts.preview ?? true;
    pulumi.runtime.setAllConfig({ ...opts.config }, [...(opts.secretKeys ?? [])]);
    await pulumi.runtime.setMocks(makeMocks({ preview, invokes: opts.invokes }), opts.project ?? "homelab", opts.stack ?? "test", preview);
    const recording = attachRecorder();
    const errors: Error[] = [];
    const logs: LogLine[] = [];
    const onRejection = (reason: unknown) => errors.push(reason instanceof Error ? reason : new Error(String(reason)));
    // The SDK deliberately lets a failed registration surface as an unhandled rejection (the
    // language host reports those as program errors). Own that role for the run: collect them
    // instead of letting the host process (or jest) treat them as crashes.
    const previous = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", onRejection);
    const restore = captureLogs(logs);
    let outputs: Record<string, unknown> | undefined;
    let returned: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
        const done = (async () => {
            outputs = (await pulumi.runtime.runInPulumiStack(async () => {
                try {
                    returned = await program();
                    return returned;
                } catch (e) {
                    // A program that throws (invalid config) registers nothing further.
                    errors.push(e instanceof Error ? e : new Error(String(e)));
                    return undefined;
                }
            })) as Record<string, unknown> | undefined;
            await settings.waitForRPCs();
            // In preview a single unknown output (e.g. a kubeconfig) makes the whole stack-output
            // object unknown; resolve key by key so the known ones stay readable.
            if (outputs === undefined && returned !== null && typeof returned === "object") {
                outputs = await resolvePerKey(returned as Record<string, unknown>);
            }
        })();
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`program did not finish within ${opts.timeoutMs ?? 60000} ms (an await on an unknown Output in preview?)`)), opts.timeoutMs ?? 60000);
        });
        await Promise.race([done, timeout]);
    } catch (e) {
        errors.push(e instanceof Error ? e : new Error(String(e)));
    } finally {
        if (timer) clearTimeout(timer);
        restore();
        // Let late rejections from the run land before handing the process back.
        // Node emits 'unhandledRejection' after the microtask queue drains; one timer turn is enough.
        await new Promise((r) => setTimeout(r, 10));
        process.off("unhandledRejection", onRejection);
        for (const l of previous) process.on("unhandledRejection", l as (...a: unknown[]) => void);
    }
    return { ...recording, outputs, errors: dedupe([...recording.monitorErrors, ...errors]), logs };
}

function dedupe(errors: Error[]): Error[] {
    const seen = new Set<string>();
    return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}

/** Resolves each stack output on its own; unknown ones become "[unknown]". */
async function resolvePerKey(returned: Record<string, unknown>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(returned)) {
        // isKnown/promise are public on the Output implementation (see tests/harness outputValue).
        const o = pulumi.output(v) as unknown as { isKnown: Promise<boolean>; promise(): Promise<unknown> };
        out[k] = (await o.isKnown) ? await o.promise() : UNKNOWN_MARK;
    }
    return out;
}
