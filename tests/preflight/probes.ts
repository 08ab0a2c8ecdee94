/**
 * Recorded probe answers (the stdout of checks/probe.ts's script) from three kinds of host, as
 * section texts. `probeOutput` renders them back into the script's wire format so tests go
 * through the real parser.
 */
import type { K3sNodeTarget } from "../../preflight/types";

export function probeOutput(sections: Record<string, string>): string {
    return Object.entries({ ...sections, end: "" })
        .map(([k, v]) => `\n@@${k}\n${v}`)
        .join("\n");
}

export const NOW = 1_800_000_000;

/** A fresh Debian 12 VM: cgroup v2 with memory, eth0, NTP synced, no k3s. */
export const debianFresh: Record<string, string> = {
    now: String(NOW + 2),
    uid: "0",
    os: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"',
    cgroup2: "cpuset cpu io memory hugetlb pids rdma misc",
    "proc-cgroups": "",
    cmdline: "BOOT_IMAGE=/vmlinuz-6.1.0-25-amd64 root=UUID=1234 ro quiet",
    links: [
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
        "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\\    link/ether bc:24:11:aa:bb:01 brd ff:ff:ff:ff:ff:ff\\    altname enp6s18",
    ].join("\n"),
    timedatectl: "Timezone=Etc/UTC\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=yes\nTimeUSec=Thu 2027-01-14 08:00:02 UTC",
    "k3s-version": "",
    "k3s-units": "k3s inactive\nk3s-agent inactive",
    "k3s-server": "",
    "k3s-ca": "",
    "k3s-token": "",
    "k3s-flags": "",
    "dpkg-lock": "/var/lib/dpkg/lock-frontend 398608\n/var/lib/dpkg/lock 398607",
    "proc-locks": "1: FLOCK  ADVISORY  WRITE 611 00:1a:1021 0 EOF",
    iscsiadm: "",
    iscsid: "inactive",
    multipathd: "inactive",
    "multipath-conf": "",
    pkg: "apt-get",
};

/** Raspberry Pi OS, cgroup v1 with memory disabled; k3s server running (another cluster). */
export const piWithK3s: Record<string, string> = {
    ...debianFresh,
    os: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian',
    cgroup2: "",
    "proc-cgroups": "#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpuset\t2\t1\t1\ncpu\t3\t56\t1\nmemory\t0\t68\t0\npids\t5\t60\t1",
    cmdline: "coherent_pool=1M 8250.nr_uarts=1 console=ttyS0,115200 root=PARTUUID=abcd-02 rootfstype=ext4 fsck.repair=yes rootwait",
    links: "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP\\    link/ether dc:a6:32:01:02:03 brd ff:ff:ff:ff:ff:ff\n3: wlan0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN\\    link/ether dc:a6:32:01:02:04 brd ff:ff:ff:ff:ff:ff",
    "k3s-version": "k3s version v1.31.4+k3s1 (a562d090)",
    "k3s-units": "k3s active\nk3s-agent inactive",
    "k3s-ca": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "k3s-token": "present",
    "dpkg-lock": "/var/lib/dpkg/lock-frontend 131090\n/var/lib/dpkg/lock 131089",
    "proc-locks": "1: POSIX  ADVISORY  WRITE 2412 b3:02:131090 0 EOF\n2: FLOCK  ADVISORY  WRITE 611 00:1a:1021 0 EOF",
    timedatectl: "NTP=no\nNTPSynchronized=no",
};

/** NixOS running k3s from its configuration, still with flannel and kube-proxy; multipathd on. */
export const nixosFlannel: Record<string, string> = {
    ...debianFresh,
    os: 'NAME=NixOS\nID=nixos\nVERSION_ID="24.11"',
    links:
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n" +
        "2: enp2s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\\    link/ether 6c:4b:90:11:22:33 brd ff:ff:ff:ff:ff:ff\n" +
        "5: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450\\    link/ether 7a:11:22:33:44:55 brd ff:ff:ff:ff:ff:ff\n" +
        "6: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450\\    link/ether 7a:11:22:33:44:56 brd ff:ff:ff:ff:ff:ff",
    "k3s-version": "k3s version v1.32.3+k3s1 (079ffa8d)",
    "k3s-units": "k3s active\nk3s-agent inactive",
    "k3s-ca": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
    "k3s-token": "present",
    "k3s-flags": "flannel-backend=vxlan",
    "dpkg-lock": "",
    "proc-locks": "",
    iscsiadm: "",
    multipathd: "active",
    "multipath-conf": "defaults {\n    user_friendly_names yes\n}",
    pkg: "nixos-rebuild",
};

export function k3sTarget(over: Partial<K3sNodeTarget> = {}): K3sNodeTarget {
    return {
        distribution: "k3s",
        name: "n1",
        role: "controlplane",
        ip: "10.0.0.11",
        configPath: "homelab:nodes[0]",
        link: { name: "eth0" },
        bootstrap: true,
        ssh: { port: 22, user: "root" },
        install: "script",
        hostPackages: [],
        longhorn: false,
        cilium: { enabled: false, kubeProxyReplacement: false },
        ...over,
    };
}
