/**
 * Host preparation inside the k3s install script (pure line renderers): the packages, units and
 * kernel modules the layers above need, and the memory-cgroup check k3s requires.
 */
import { shQuote } from "./k3s-shell";

/** Where the memory-cgroup check looks; overridable so tests can run it in a scratch directory. */
export interface CgroupPaths {
    /** cgroup v2 controllers of the root cgroup. */
    readonly controllers: string;
    /** cgroup v1 table (`subsys hierarchy num_cgroups enabled`). */
    readonly procCgroups: string;
    /** Raspberry Pi OS kernel command lines, newest layout first. */
    readonly cmdlineFiles: readonly string[];
}

export const defaultCgroupPaths: CgroupPaths = {
    controllers: "/sys/fs/cgroup/cgroup.controllers",
    procCgroups: "/proc/cgroups",
    // Bookworm and later mount the boot partition at /boot/firmware; older images at /boot.
    cmdlineFiles: ["/boot/firmware/cmdline.txt", "/boot/cmdline.txt"],
};

/** The kernel arguments k3s' requirements page gives for Raspberry Pi OS. */
export const PI_CGROUP_ARGS = "cgroup_memory=1 cgroup_enable=memory";

/**
 * k3s does not start without the memory cgroup controller; Raspberry Pi OS ships with it off.
 * Detected like install.sh does (cgroup v2 controllers, else /proc/cgroups "enabled" column).
 * Off: fail with the exact fix, or (autoFix) append the arguments to cmdline.txt, schedule a
 * reboot in 10 s and fail with "run pulumi up again": the run stops cleanly instead of losing its
 * SSH session, and the next run continues (k3s-io/k3s install.sh service_enable_and_start;
 * k3s-io/docs installation/requirements.md "Raspberry Pi").
 */
export function cgroupCheckLines(autoFix: boolean, paths: CgroupPaths = defaultCgroupPaths): string[] {
    return [
        "# Memory cgroups (k3s requirement; off by default on Raspberry Pi OS).",
        `if ! grep -qs memory ${shQuote(paths.controllers)} && [[ "$(awk '$1 == "memory" { print $4 }' ${shQuote(paths.procCgroups)} 2>/dev/null)" != 1 ]]; then`,
        `    cmdline=""`,
        `    for f in ${paths.cmdlineFiles.map(shQuote).join(" ")}; do`,
        `        if [[ -f "$f" ]]; then cmdline="$f"; break; fi`,
        "    done",
        `    if [[ -z "$cmdline" ]]; then`,
        `        fail "memory cgroups are off and k3s will not start: add ${PI_CGROUP_ARGS} to the kernel command line and reboot"`,
        "    fi",
        ...(autoFix
            ? [
                  `    if ! grep -q 'cgroup_enable=memory' "$cmdline"; then`,
                  `        sed -i '1 s/$/ ${PI_CGROUP_ARGS}/' "$cmdline"`,
                  "    fi",
                  "    if ! systemd-run --on-active=10 systemctl reboot >/dev/null 2>&1; then",
                  "        shutdown -r +1",
                  "    fi",
                  `    fail "memory cgroups were off: added '${PI_CGROUP_ARGS}' to $cmdline and scheduled a reboot (cluster.k3s.piCgroupsAutoFix); run pulumi up again once the node is back"`,
              ]
            : [`    fail "memory cgroups are off and k3s will not start: append ' ${PI_CGROUP_ARGS}' to the single line of $cmdline and reboot (or set cluster.k3s.piCgroupsAutoFix: true to let pulumi up do it)"`]),
        "fi",
    ];
}

/** Debian package names differ on Fedora/RHEL; the few the storage layers ask for. */
const dnfNames: Readonly<Record<string, string>> = {
    "open-iscsi": "iscsi-initiator-utils",
    "nfs-common": "nfs-utils",
};

export function prerequisiteLines(packages: readonly string[], services: readonly string[], modules: readonly string[] = []): string[] {
    const out: string[] = [];
    for (const p of [...packages, ...services, ...modules]) {
        if (!/^[A-Za-z0-9][A-Za-z0-9.+_@-]*$/.test(p)) throw new Error(`${p}: not a package, unit or module name`);
    }
    if (packages.length > 0) {
        out.push(
            "# Host packages the layers above need (storage drivers).",
            `apt_packages=(${packages.map(shQuote).join(" ")})`,
            `dnf_packages=(${packages.map((p) => shQuote(dnfNames[p] ?? p)).join(" ")})`,
            "missing=()",
            "if command -v apt-get >/dev/null 2>&1; then",
            `    for p in "\${apt_packages[@]}"; do`,
            `        dpkg-query -W -f='\${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")`,
            "    done",
            `    if (( \${#missing[@]} > 0 )); then`,
            "        DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -q",
            `        DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q "\${missing[@]}"`,
            "    fi",
            "elif command -v dnf >/dev/null 2>&1; then",
            `    for p in "\${dnf_packages[@]}"; do`,
            `        rpm -q "$p" >/dev/null 2>&1 || missing+=("$p")`,
            "    done",
            `    if (( \${#missing[@]} > 0 )); then`,
            `        timeout 900 dnf install -y "\${missing[@]}"`,
            "    fi",
            "else",
            `    echo "neither apt-get nor dnf found: install \${apt_packages[*]} by hand" >&2`,
            "    exit 1",
            "fi",
            `echo "host packages: \${#missing[@]} installed"`,
        );
    }
    if (modules.length > 0) {
        // Loaded now and at every boot (systemd-modules-load); the file is rewritten only when
        // its content differs, so a re-run changes nothing.
        out.push(
            "# Kernel modules the layers above need (e.g. iscsi_tcp for Longhorn, rbd for Ceph).",
            `modules=(${modules.map(shQuote).join(" ")})`,
            `printf '%s\\n' "\${modules[@]}" > "$workdir/modules.conf"`,
            "if ! cmp -s \"$workdir/modules.conf\" /etc/modules-load.d/homelab.conf; then",
            "    install -D -m 0644 \"$workdir/modules.conf\" /etc/modules-load.d/homelab.conf",
            "fi",
            `for m in "\${modules[@]}"; do`,
            `    modprobe "$m"`,
            "done",
        );
    }
    if (services.length > 0) {
        out.push(`units=(${services.map(shQuote).join(" ")})`, `for unit in "\${units[@]}"; do`, `    systemctl enable --now "$unit"`, "done");
    }
    return out;
}

