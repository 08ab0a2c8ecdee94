/**
 * Talos API transport: `talosctl` when it is installed. Read-only calls only (`get`), always with
 * an explicit node and endpoint. Maintenance-mode nodes answer `--insecure` (no client
 * certificate); configured nodes need a talosconfig.
 *
 * Why not a built-in gRPC client: apid speaks gRPC over mTLS on :50000 and the resource API
 * returns COSI resources whose specs are per-type protobufs; a solid client means vendoring the
 * Talos and COSI protos and their TLS handling. talosctl already does that and is what every
 * Talos operator has; without it the Talos checks report "skipped: talosctl not installed".
 */
import { execFile } from "node:child_process";

export type TalosctlAnswer = { readonly kind: "ok"; readonly stdout: string } | { readonly kind: "missing" } | { readonly kind: "error"; readonly message: string };

export interface TalosctlOptions {
    readonly ip: string;
    /** A talosconfig for configured nodes; omitted: `--insecure` (maintenance mode). */
    readonly talosconfig?: string;
    readonly timeoutMs: number;
    /** Binary to run (tests point this at a recorded-answer script). */
    readonly bin?: string;
}

/** `talosctl get <type> -o json` against one node. */
export function talosctlGet(type: string, o: TalosctlOptions): Promise<TalosctlAnswer> {
    const auth = o.talosconfig ? ["--talosconfig", o.talosconfig] : ["--insecure"];
    const args = ["get", type, ...auth, "--nodes", o.ip, "--endpoints", o.ip, "--output", "json"];
    return new Promise((resolve) => {
        execFile(o.bin ?? "talosctl", args, { timeout: o.timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (err, stdout, stderr) => {
            if (err) {
                const e = err as NodeJS.ErrnoException & { killed?: boolean };
                if (e.code === "ENOENT") return resolve({ kind: "missing" });
                if (e.killed) return resolve({ kind: "error", message: `talosctl gave no answer within ${o.timeoutMs} ms` });
                return resolve({ kind: "error", message: (String(stderr).trim() || e.message).slice(0, 500) });
            }
            resolve({ kind: "ok", stdout: String(stdout) });
        });
    });
}
