/**
 * SSH transport of the k3s preflight: one exec over `ssh2` (pinned), bounded, with the node's
 * pinned host key enforced. A pinned key may be written bare (`ssh-ed25519 AAAA...`) or as an
 * `ssh-keyscan` line (`<host> ssh-ed25519 AAAA...`); on mismatch the connection is refused before
 * authentication, so no credential is offered to an impostor.
 */
import { createHash } from "node:crypto";
import { Client, type ConnectConfig, type ServerHostKeyAlgorithm } from "ssh2";

export interface SshTarget {
    readonly host: string;
    readonly port: number;
    readonly user: string;
    readonly hostKey?: string;
    /** OpenSSH private key text; otherwise the agent at `agentSocket`. */
    readonly privateKey?: string;
    readonly agentSocket?: string;
}

export interface PinnedKey {
    readonly type: string;
    readonly blob: Buffer;
}

const KEY_TYPE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-[a-z0-9@.-]+)$/;

/** Parses `type base64 [comment]` or `host type base64 [comment]`. */
export function parsePinnedKey(text: string): PinnedKey {
    const tokens = text.trim().split(/\s+/);
    const i = tokens.findIndex((t) => KEY_TYPE.test(t));
    if (i < 0 || i > 1 || !tokens[i + 1]) throw new Error(`not an OpenSSH public host key: ${text.slice(0, 40)}`);
    return { type: tokens[i], blob: Buffer.from(tokens[i + 1], "base64") };
}

/** `SHA256:...` as `ssh-keygen -lf` prints it. */
export function fingerprint(blob: Buffer): string {
    return `SHA256:${createHash("sha256").update(blob.toString("binary"), "binary").digest("base64").replace(/=+$/, "")}`;
}

/** Key type named inside an SSH public key blob (uint32 length + name). */
export function blobType(blob: Buffer): string {
    if (blob.length < 4) return "unknown";
    const n = blob.readUInt32BE(0);
    return blob.subarray(4, 4 + n).toString("ascii");
}

/** ssh2 negotiates host key algorithms, not key types: RSA keys sign with rsa-sha2-*. */
function hostKeyAlgorithms(type: string): ServerHostKeyAlgorithm[] {
    return (type === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [type]) as ServerHostKeyAlgorithm[];
}

export class HostKeyMismatchError extends Error {
    constructor(
        readonly expected: string,
        readonly presented: string,
    ) {
        super(`host key mismatch: pinned ${expected}, host presented ${presented}`);
    }
}

export interface ExecResult {
    readonly stdout: string;
    readonly stderr: string;
    readonly code: number | null;
    /** The host key the server presented (`type SHA256:...`). */
    readonly hostKey: { readonly type: string; readonly fingerprint: string; readonly line: string };
}

/** Connects, runs `command` with `stdin`, returns its output; every phase is bounded by `timeoutMs`. */
export function sshExec(target: SshTarget, command: string, stdin: string, timeoutMs: number): Promise<ExecResult> {
    const pinned = target.hostKey ? parsePinnedKey(target.hostKey) : undefined;
    return new Promise((resolve, reject) => {
        const conn = new Client();
        let presented: Buffer | undefined;
        const pinnedB64 = pinned?.blob.toString("base64");
        let settled = false;
        const done = (err: Error | undefined, value?: ExecResult) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            conn.end();
            if (err) reject(err);
            else resolve(value as ExecResult);
        };
        const timer = setTimeout(() => done(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        const config: ConnectConfig = {
            host: target.host,
            port: target.port,
            username: target.user,
            readyTimeout: timeoutMs,
            keepaliveInterval: 0,
            tryKeyboard: false,
            ...(target.privateKey ? { privateKey: target.privateKey } : target.agentSocket ? { agent: target.agentSocket } : {}),
            ...(pinned ? { algorithms: { serverHostKey: hostKeyAlgorithms(pinned.type) } } : {}),
            hostVerifier: (key: Buffer) => {
                presented = Buffer.from(key.toString("base64"), "base64");
                if (pinned && key.toString("base64") !== pinnedB64) {
                    done(new HostKeyMismatchError(`${pinned.type} ${fingerprint(pinned.blob)}`, `${blobType(presented)} ${fingerprint(presented)}`));
                    return false;
                }
                return true;
            },
        };
        conn.on("error", (e) => done(e));
        conn.on("ready", () => {
            conn.exec(command, (err, stream) => {
                if (err) return done(err);
                let stdout = "";
                let stderr = "";
                stream.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
                stream.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
                stream.on("close", (code: number | null) => {
                    const blob = presented ?? Buffer.alloc(0);
                    const type = blobType(blob);
                    done(undefined, { stdout, stderr, code, hostKey: { type, fingerprint: fingerprint(blob), line: `${type} ${blob.toString("base64")}` } });
                });
                stream.end(stdin);
            });
        });
        conn.connect(config);
    });
}
