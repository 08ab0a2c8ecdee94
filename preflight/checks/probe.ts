/**
 * The one read-only shell script preflight runs on a k3s host over SSH, and the parser that splits
 * its answer into sections. One exec per host keeps the check bounded to one round trip.
 *
 * Every command only reads. Nothing that can hold a secret is printed: the k3s token file is only
 * tested for presence, the cluster is identified by the SHA-256 of its server CA certificate (the
 * same hash the `K10<hash>::` full token carries), and from the systemd unit / config.yaml only the
 * flannel / kube-proxy flags are extracted with grep -o (NixOS may put `--token` in ExecStart).
 */

/** Section marker: a line `@@<name>`. */
const MARK = "@@";

export const PROBE_SCRIPT = [
    "LC_ALL=C; export LC_ALL",
    `s() { printf '\\n${MARK}%s\\n' "$1"; }`,
    "s now; date +%s",
    "s uid; id -u",
    "s os; cat /etc/os-release 2>/dev/null",
    "s cgroup2; cat /sys/fs/cgroup/cgroup.controllers 2>/dev/null",
    "s proc-cgroups; cat /proc/cgroups 2>/dev/null",
    "s cmdline; cat /proc/cmdline 2>/dev/null",
    "s links; ip -o link show 2>/dev/null",
    "s timedatectl; timedatectl show 2>/dev/null",
    "s k3s-version; command -v k3s >/dev/null 2>&1 && k3s --version 2>/dev/null | head -n 1",
    "s k3s-units; for u in k3s k3s-agent; do printf '%s %s\\n' \"$u\" \"$(systemctl is-active \"$u\" 2>/dev/null)\"; done",
    "s k3s-server; grep -hE '^K3S_URL=' /etc/systemd/system/k3s*.service.env 2>/dev/null; grep -hE '^server:' /etc/rancher/k3s/config.yaml 2>/dev/null",
    "s k3s-ca; sha256sum /var/lib/rancher/k3s/server/tls/server-ca.crt 2>/dev/null | cut -d' ' -f1",
    "s k3s-token; test -e /var/lib/rancher/k3s/server/token && echo present",
    "s k3s-flags; { systemctl show k3s -p ExecStart --value 2>/dev/null; cat /etc/rancher/k3s/config.yaml /etc/rancher/k3s/config.yaml.d/*.yaml 2>/dev/null; } " +
        "| grep -oE -- '(flannel-backend|disable-kube-proxy)([=: \"]+(true|false|none|vxlan|host-gw|wireguard-native|ipsec))?'",
    "s dpkg-lock; for f in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock; do [ -e \"$f\" ] && printf '%s %s\\n' \"$f\" \"$(stat -c %i \"$f\")\"; done",
    "s proc-locks; cat /proc/locks 2>/dev/null",
    "s iscsiadm; command -v iscsiadm 2>/dev/null",
    "s iscsid; systemctl is-active iscsid 2>/dev/null",
    "s multipathd; systemctl is-active multipathd 2>/dev/null",
    "s multipath-conf; cat /etc/multipath.conf 2>/dev/null",
    "s pkg; for c in apt-get dnf nixos-rebuild; do command -v \"$c\" >/dev/null 2>&1 && echo \"$c\"; done",
    `s end`,
    "",
].join("\n");

/**
 * Runs the script as root when the SSH user is not root and passwordless sudo works (the k3s
 * layer needs it anyway); otherwise as the user (root-only files then read as absent).
 */
export const PROBE_COMMAND = 'if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then sudo -n sh -s; else sh -s; fi';

export type ProbeSections = Readonly<Record<string, string>>;

/** Splits the probe's stdout into sections (trimmed text by name). Throws when it is cut short. */
export function parseProbe(stdout: string): ProbeSections {
    const out: Record<string, string> = {};
    let current: string | undefined;
    let lines: string[] = [];
    for (const line of stdout.split("\n")) {
        if (line.startsWith(MARK)) {
            if (current) out[current] = lines.join("\n").trim();
            current = line.slice(MARK.length).trim();
            lines = [];
        } else if (current) {
            lines.push(line);
        }
    }
    if (current) out[current] = lines.join("\n").trim();
    if (!("end" in out)) throw new Error("the probe's answer was cut short (no end marker)");
    return out;
}

/** `KEY=value` lines (os-release, timedatectl show) into a map; quotes removed. */
export function keyValues(text: string | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of (text ?? "").split("\n")) {
        const i = line.indexOf("=");
        if (i <= 0) continue;
        out[line.slice(0, i).trim()] = line.slice(i + 1).trim().replace(/^"(.*)"$/, "$1");
    }
    return out;
}
