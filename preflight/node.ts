/**
 * Runs the checks of one node through its transport: SSH for k3s hosts, the Talos API (talosctl)
 * for Talos nodes. A node that cannot be reached yields one failing line and nothing else.
 */
import { dpkgLock, longhornHost, memoryCgroup, nic, timeSync } from "./checks/host";
import { ciliumReady, existingInstall, k3sInstall } from "./checks/k3s-install";
import { parseProbe, PROBE_COMMAND, PROBE_SCRIPT } from "./checks/probe";
import { fail, pass, warn } from "./checks/result";
import { classifyInsecureError, installDisk, parseResourceStream, talosClusterName, talosctlMissing, talosLink, talosMode, toDisks, toLinks, type TalosAccess } from "./checks/talos";
import { sshExec, HostKeyMismatchError } from "./transport/ssh";
import { talosctlGet } from "./transport/talosctl";
import { tcpProbe } from "./transport/tcp";
import type { CheckResult, K3sNodeTarget, PreflightMode, TalosNodeTarget } from "./types";

export interface NodeRunOptions {
    readonly mode: PreflightMode;
    /** SSH private key (k3s); otherwise the agent. */
    readonly privateKey?: string;
    readonly agentSocket?: string;
    readonly talosconfig?: string;
    readonly talosctl?: string;
    /** Talos apid port; 50000 unless a test serves it elsewhere on loopback. */
    readonly talosApiPort?: number;
    /** Cluster name, to match a configured Talos node's cluster. */
    readonly clusterName: string;
    readonly timeouts: { readonly sshMs: number; readonly tcpMs: number; readonly talosMs: number };
    /** This machine's clock (seconds), for the skew check. */
    readonly now?: () => number;
}

export interface NodeReport {
    readonly results: CheckResult[];
    /** The node's clock (epoch seconds), when it answered. */
    readonly clock?: number;
    /** k3s server CA hash, when k3s runs there. */
    readonly caHash?: string;
}

export function sshFailure(t: K3sNodeTarget, e: Error): CheckResult {
    const where = `${t.ssh.user}@${t.ip}:${t.ssh.port}`;
    if (e instanceof HostKeyMismatchError) {
        return fail(
            t.name,
            "node.ssh",
            `${where}: ${e.message}; refusing to talk to it`,
            `if the host was reinstalled, pin its new key: ${t.configPath}.hostKey: "$(ssh-keyscan -t ed25519 -p ${t.ssh.port} ${t.ip})"; otherwise another machine answers at this address`,
        );
    }
    const code = (e as NodeJS.ErrnoException).code;
    const msg = e.message;
    if (code === "ECONNREFUSED") return fail(t.name, "node.ssh", `${where}: connection refused (host up, no SSH server on that port); other checks not run`, `start sshd on the host, or set cluster.k3s.sshPort`);
    if (/authentication methods failed|All configured authentication/i.test(msg)) {
        return fail(t.name, "node.ssh", `${where}: key not accepted; other checks not run`, `add the stack's public key to ~${t.ssh.user}/.ssh/authorized_keys on the host (ssh-copy-id), or pass --identity <key>`);
    }
    return fail(t.name, "node.ssh", `${where}: ${msg}; other checks not run`, `check the host is on and ${t.ip} is its address (ping ${t.ip}); the SSH port must be reachable from here`);
}

export async function checkK3sNode(t: K3sNodeTarget, o: NodeRunOptions): Promise<NodeReport> {
    let answer;
    try {
        answer = await sshExec(
            { host: t.ip, port: t.ssh.port, user: t.ssh.user, ...(t.ssh.hostKey ? { hostKey: t.ssh.hostKey } : {}), ...(o.privateKey ? { privateKey: o.privateKey } : {}), ...(o.agentSocket ? { agentSocket: o.agentSocket } : {}) },
            PROBE_COMMAND,
            PROBE_SCRIPT,
            o.timeouts.sshMs,
        );
    } catch (e) {
        return { results: [sshFailure(t, e as Error)] };
    }
    const now = (o.now ?? (() => Math.floor(Date.now() / 1000)))();
    const results: CheckResult[] = [
        t.ssh.hostKey
            ? pass(t.name, "node.ssh", `${t.ssh.user}@${t.ip}:${t.ssh.port}, host key matches the pinned ${answer.hostKey.fingerprint}`)
            : warn(t.name, "node.ssh", `${t.ssh.user}@${t.ip}:${t.ssh.port} answered with ${answer.hostKey.fingerprint}, not pinned`, `verify it on the console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then set ${t.configPath}.hostKey: "${answer.hostKey.line}"`),
    ];
    let probe;
    try {
        probe = parseProbe(answer.stdout);
    } catch (e) {
        results.push(fail(t.name, "node.probe", `${(e as Error).message}: ${answer.stderr.trim().slice(0, 200)}`, "the host needs a POSIX sh; check the SSH user's shell"));
        return { results };
    }
    results.push(existingInstall(t, probe, o.mode), memoryCgroup(t, probe), nic(t, probe), timeSync(t, probe, now), dpkgLock(t, probe), ...longhornHost(t, probe), ...ciliumReady(t, probe));
    const clock = Number(probe["now"]);
    const caHash = k3sInstall(probe).caHash;
    return { results, ...(Number.isFinite(clock) ? { clock } : {}), ...(caHash ? { caHash } : {}) };
}

export async function checkTalosNode(t: TalosNodeTarget, o: NodeRunOptions): Promise<NodeReport> {
    const port = o.talosApiPort ?? 50000;
    const apid = await tcpProbe(t.ip, port, o.timeouts.tcpMs);
    if (apid !== "open") {
        return {
            results: [
                fail(t.name, "talos.api", `${t.ip}:${port} ${apid}: the Talos API does not answer; other checks not run`, `boot the machine from the Talos image (maintenance mode) and check ${t.ip} is its address (shown on its console)`),
            ],
        };
    }
    const results: CheckResult[] = [pass(t.name, "talos.api", `${t.ip}:${port} answers`)];
    const q = { ip: t.ip, timeoutMs: o.timeouts.talosMs, ...(o.talosctl ? { bin: o.talosctl } : {}) };
    const disks = await talosctlGet("disks", q);
    if (disks.kind === "missing") return { results: [...results, talosctlMissing(t)] };
    let access: TalosAccess = disks.kind === "ok" ? { kind: "maintenance" } : classifyInsecureError(disks.message);
    let disksText = disks.kind === "ok" ? disks.stdout : undefined;
    let auth: { talosconfig?: string } = {};
    let info: { clusterName?: string; clusterId?: string } | undefined;
    if (access.kind === "configured" && o.talosconfig) {
        auth = { talosconfig: o.talosconfig };
        const i = await talosctlGet("info", { ...q, ...auth });
        if (i.kind === "ok") info = parseResourceStream(i.stdout)[0]?.spec as typeof info;
        const d = await talosctlGet("disks", { ...q, ...auth });
        if (d.kind === "ok") disksText = d.stdout;
        else access = { kind: "configured", error: d.kind === "error" ? d.message : "talosctl missing" };
    }
    results.push(talosMode(t, access, o.mode, info));
    const named = talosClusterName(t, o.clusterName, info);
    if (named) results.push(named);
    if (disksText === undefined) return { results };
    results.push(installDisk(t, toDisks(parseResourceStream(disksText))));
    const links = await talosctlGet("links", { ...q, ...auth });
    if (links.kind === "ok") results.push(talosLink(t, toLinks(parseResourceStream(links.stdout))));
    else results.push(fail(t.name, "node.interface", `links not readable: ${links.kind === "error" ? links.message : "talosctl missing"}`, "re-run; check the Talos API answers"));
    return { results };
}
