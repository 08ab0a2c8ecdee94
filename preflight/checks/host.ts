/**
 * Kernel and OS prerequisites of a k3s host, as pure functions over the probe's sections
 * (checks/probe.ts). Each returns one result with the exact fix on failure.
 */
import type { CheckResult, K3sNodeTarget } from "../types";
import { keyValues, type ProbeSections } from "./probe";
import { fail, pass, skip, warn } from "./result";
import { describeLinks, describeLinkSelector, matchLinks, parseIpLink } from "./select";

/** Allowed clock difference between a node and this machine before TLS / etcd trouble. */
export const MAX_CLOCK_SKEW_S = 30;

export function osId(p: ProbeSections): string {
    return keyValues(p["os"])["ID"] ?? "linux";
}

/**
 * k3s needs the memory cgroup controller. Raspberry Pi OS ships it disabled; the fix is the
 * kernel command line (k3s requirements: https://docs.k3s.io/installation/requirements, FACTS §8).
 */
export function memoryCgroup(t: K3sNodeTarget, p: ProbeSections): CheckResult {
    const id = "k3s.memory-cgroup";
    const piFix =
        "append ' cgroup_memory=1 cgroup_enable=memory' to the single line of /boot/firmware/cmdline.txt (older images: /boot/cmdline.txt), then reboot";
    const disabledOnCmdline = /\bcgroup_disable=memory\b/.test(p["cmdline"] ?? "");
    const v2 = p["cgroup2"] ?? "";
    if (v2) {
        if (v2.split(/\s+/).includes("memory")) return pass(t.name, id, "cgroup v2 memory controller enabled");
        return fail(t.name, id, `cgroup v2 without the memory controller${disabledOnCmdline ? " (cgroup_disable=memory on the kernel command line)" : ""}`, piFix);
    }
    const row = (p["proc-cgroups"] ?? "").split("\n").find((l) => /^memory\s/.test(l));
    if (!row) return fail(t.name, id, "no memory cgroup controller in /proc/cgroups", piFix);
    const enabled = row.trim().split(/\s+/)[3];
    if (enabled === "1") return pass(t.name, id, "cgroup v1 memory controller enabled");
    return fail(t.name, id, "cgroup v1 memory controller disabled (/proc/cgroups enabled=0)", piFix);
}

/** The NIC the stack names (kube-vip's VIP interface, flannel's iface) exists on the host. */
export function nic(t: K3sNodeTarget, p: ProbeSections): CheckResult {
    const id = "node.interface";
    const links = parseIpLink(p["links"] ?? "");
    if (links.length === 0) return skip(t.name, id, "`ip -o link` gave no answer (iproute2 missing?)");
    const found = matchLinks(links, t.link);
    const want = describeLinkSelector(t.link);
    if (found.length === 1) return pass(t.name, id, `${want} present${found[0].hardwareAddr ? ` (${found[0].hardwareAddr})` : ""}`);
    if (found.length > 1) {
        return fail(t.name, id, `${want} matches ${found.length} links (${describeLinks(found)})`, `narrow the selector in ${t.configPath}`);
    }
    return fail(
        t.name,
        id,
        `no link ${want}; the host has: ${describeLinks(links)}`,
        `set ${t.configPath}.interface (or homelab:network.interface) to the NIC that carries the node address`,
    );
}

/** NTP on and synchronised (timedatectl), and the clock close to this machine's. */
export function timeSync(t: K3sNodeTarget, p: ProbeSections, localEpochS: number): CheckResult {
    const id = "node.time";
    const remote = Number(p["now"]);
    const skew = Number.isFinite(remote) ? remote - localEpochS : undefined;
    if (skew !== undefined && Math.abs(skew) > MAX_CLOCK_SKEW_S) {
        return fail(t.name, id, `clock is ${skew}s off this machine's`, "enable NTP on the host (timedatectl set-ntp true, or chrony) and let it sync; check this machine's clock too");
    }
    const td = keyValues(p["timedatectl"]);
    if (!("NTPSynchronized" in td)) return skip(t.name, id, `no timedatectl; clock ${skew ?? "?"}s off this machine's`);
    if (td["NTP"] === "no") return fail(t.name, id, "NTP is off (timedatectl NTP=no)", "timedatectl set-ntp true");
    if (td["NTPSynchronized"] !== "yes") {
        return warn(t.name, id, "NTP on but not synchronised yet", "wait for the first sync, or check the NTP server is reachable: timedatectl timesync-status");
    }
    return pass(t.name, id, `NTP synchronised; clock ${skew ?? "?"}s off this machine's`);
}

/**
 * A held dpkg lock (unattended-upgrades on a fresh VM) makes the install step's apt-get fail.
 * dpkg takes fcntl locks, which /proc/locks lists by inode: matched against the lock files'.
 */
export function dpkgLock(t: K3sNodeTarget, p: ProbeSections): CheckResult {
    const id = "node.dpkg-lock";
    const files = (p["dpkg-lock"] ?? "")
        .split("\n")
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f.length === 2);
    if (files.length === 0) return skip(t.name, id, "no dpkg on this host");
    for (const [file, inode] of files) {
        for (const line of (p["proc-locks"] ?? "").split("\n")) {
            const f = line.trim().split(/\s+/);
            // `1: POSIX  ADVISORY  WRITE 1234 08:01:262148 0 EOF`
            const devInode = f.find((x) => /^[0-9a-f]+:[0-9a-f]+:\d+$/.test(x));
            if (devInode && devInode.split(":")[2] === inode) {
                const pid = f[4];
                const detail = `${file} is locked by pid ${pid} (apt/dpkg running, e.g. unattended-upgrades)`;
                const fix = "wait until it finishes (ps -p " + pid + " -o cmd), or: systemctl stop unattended-upgrades; then re-run";
                return t.install === "script" && t.hostPackages.length > 0 ? fail(t.name, id, detail, fix) : warn(t.name, id, detail, fix);
            }
        }
    }
    return pass(t.name, id, "dpkg lock free");
}

/**
 * Longhorn attaches volumes over iSCSI (iscsiadm + iscsid) and breaks when multipathd claims its
 * devices (https://longhorn.io/kb/troubleshooting-volume-with-multipath/).
 */
export function longhornHost(t: K3sNodeTarget, p: ProbeSections): CheckResult[] {
    if (!t.longhorn) return [];
    const out: CheckResult[] = [];
    const pkg = (p["pkg"] ?? "").split("\n");
    const installs = t.install === "script" && (pkg.includes("apt-get") || pkg.includes("dnf"));
    const nixos = osId(p) === "nixos" || pkg.includes("nixos-rebuild");
    if (p["iscsiadm"]) {
        const active = p["iscsid"] === "active";
        out.push(active || installs ? pass(t.name, "longhorn.iscsi", `iscsiadm at ${p["iscsiadm"]}`) : warn(t.name, "longhorn.iscsi", "iscsiadm present, iscsid not active", "systemctl enable --now iscsid"));
    } else if (installs) {
        out.push(pass(t.name, "longhorn.iscsi", "iscsiadm missing; the install step installs open-iscsi"));
    } else {
        out.push(
            fail(
                t.name,
                "longhorn.iscsi",
                "iscsiadm not found (Longhorn cannot attach volumes)",
                nixos
                    ? 'NixOS: services.openiscsi = { enable = true; name = "iqn.2016-04.com.open-iscsi:<host>"; }; and put iscsiadm on the PATH k3s sees (longhorn/longhorn#2166), then nixos-rebuild switch'
                    : "apt-get install -y open-iscsi && systemctl enable --now iscsid",
            ),
        );
    }
    if (p["multipathd"] === "active") {
        const conf = p["multipath-conf"] ?? "";
        const blacklisted = /blacklist\s*\{[^}]*devnode\s+"\^sd/.test(conf);
        out.push(
            blacklisted
                ? pass(t.name, "longhorn.multipath", "multipathd runs with sd* devices blacklisted")
                : fail(
                      t.name,
                      "longhorn.multipath",
                      "multipathd is active and does not blacklist sd* devices: it claims Longhorn's volumes",
                      'add `blacklist { devnode "^sd[a-z0-9]+" }` to /etc/multipath.conf and systemctl restart multipathd',
                  ),
        );
    } else {
        out.push(pass(t.name, "longhorn.multipath", "multipathd not running"));
    }
    return out;
}
