/**
 * A real OpenSSH server on 127.0.0.1 for the preflight integration tests: generated host and user
 * keys, config and pid file in a temp dir, a free high port, the current user. Debian package
 * `openssh-server` (installed by .ci/run). Without it the tests skip on a dev machine and fail
 * under CI=true.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { inCi } from "../tools";

export const SSHD = ["/usr/sbin/sshd", "/usr/local/sbin/sshd"].find((p) => fs.existsSync(p));

export interface Sshd {
    readonly port: number;
    readonly user: string;
    readonly dir: string;
    /** `ssh-ed25519 AAAA...` of the server's host key. */
    readonly hostKey: string;
    readonly userKeyFile: string;
    readonly userKey: string;
    /** A freshly generated key the server does not have. */
    readonly otherHostKey: string;
    stop(): Promise<void>;
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once("error", reject);
        s.listen(0, "127.0.0.1", () => {
            const port = (s.address() as net.AddressInfo).port;
            s.close(() => resolve(port));
        });
    });
}

function keygen(file: string): string {
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "preflight-test", "-f", file]);
    return fs.readFileSync(`${file}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log()}`);
        const ok = await new Promise<boolean>((r) => {
            const s = net.connect({ host: "127.0.0.1", port }, () => (s.destroy(), r(true)));
            s.once("error", () => r(false));
        });
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${log()}`);
}

export async function startSshd(): Promise<Sshd> {
    if (!SSHD) throw new Error("sshd not installed (apt-get install -y openssh-server)");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pf-sshd-"));
    const hostKey = keygen(path.join(dir, "host_ed25519"));
    const userKeyFile = path.join(dir, "user_ed25519");
    const userPub = keygen(userKeyFile);
    const otherHostKey = keygen(path.join(dir, "other_ed25519"));
    fs.writeFileSync(path.join(dir, "authorized_keys"), `${userPub}\n`, { mode: 0o600 });
    const user = os.userInfo().username;
    const port = await freePort();
    const config = [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${path.join(dir, "host_ed25519")}`,
        `PidFile ${path.join(dir, "sshd.pid")}`,
        `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
        `AllowUsers ${user}`,
        "StrictModes no",
        "UsePAM no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "LogLevel ERROR",
    ].join("\n");
    fs.writeFileSync(path.join(dir, "sshd_config"), `${config}\n`);
    // OpenSSH's privilege-separation directory is compiled in (/run/sshd on Debian); the package
    // creates it at boot through tmpfiles, which a container never runs.
    if (process.getuid?.() === 0 && !fs.existsSync("/run/sshd")) fs.mkdirSync("/run/sshd", { mode: 0o755 });
    let log = "";
    const child = spawn(SSHD, ["-D", "-e", "-f", path.join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    try {
        await waitForPort(port, child, () => log);
    } catch (e) {
        if (child.pid) process.kill(child.pid);
        throw e;
    }
    return {
        port,
        user,
        dir,
        hostKey,
        userKeyFile,
        userKey: fs.readFileSync(userKeyFile, "utf8"),
        otherHostKey,
        stop: async () => {
            if (child.exitCode === null && child.pid) {
                const exited = new Promise((r) => child.once("exit", r));
                process.kill(child.pid, "SIGTERM");
                await exited;
            }
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/**
 * `describe` when sshd is installed; otherwise skipped with a message on a dev machine, and a
 * failing test under CI (CI must install openssh-server).
 */
export function describeWithSshd(name: string, body: () => void): void {
    if (SSHD) return describe(name, body);
    // The same rule as every other external tool (tests/tools.ts): CI=false/0 is not CI.
    if (inCi()) {
        describe(name, () => {
            it("needs sshd (openssh-server), which CI must install", () => {
                throw new Error("sshd not installed but CI is set: .ci/run installs openssh-server");
            });
        });
        return;
    }
    console.warn(`skipping "${name}": sshd not installed (apt-get install -y openssh-server); under CI=true this fails`);
    describe.skip(name, body);
}
