/**
 * Warnings for settings the program accepts but that are a common cause of a failed first boot
 * or of an unsupported cluster: versions outside config/versions.ts `supportedVersions`, and
 * Talos nodes left on the install disk and NIC defaults.
 */
import { issue, type ConfigIssue } from "../issues";
import type { ParsedConfig } from "../schema";
import { k3sBlock, talosBlock } from "../schema/cluster";
import { kubernetesEndOfLife, minorOf, supportedVersions } from "../versions";

function outside(kind: "talos" | "kubernetes", version: string): string | undefined {
    const minor = minorOf(version);
    const supported: readonly string[] = supportedVersions[kind];
    if (minor === undefined || supported.includes(minor)) return undefined;
    const eol = kubernetesEndOfLife[minor];
    const range = supported.length === 1 ? supported[0] : `${supported[0]} to ${supported[supported.length - 1]}`;
    return `is outside the ${kind === "talos" ? "Talos" : "Kubernetes"} ${supported.length === 1 ? "minor" : "minors"} this program supports (${range})${eol ? `; ${minor} reached end of life on ${eol}` : ""}`;
}

const SEE = ". See supportedVersions in config/versions.ts";

/** Talos, Kubernetes and k3s versions outside the supported minors. */
export const unsupportedVersions = (cfg: ParsedConfig): ConfigIssue[] => {
    const out: ConfigIssue[] = [];
    const c = cfg.cluster;
    if (c.distribution === "talos") {
        // The effective version: the schema default when the stack names none.
        const v = c.talos?.version ?? talosBlock.parse({}).version;
        const why = outside("talos", v);
        if (why) out.push(issue("cluster", ["talos", "version"], v, `${why}; the generated patches follow the Talos 1.13 config contract${SEE}`, "talos-version-unsupported"));
    }
    if (c.kubernetesVersion) {
        const why = outside("kubernetes", c.kubernetesVersion);
        if (why) out.push(issue("cluster", ["kubernetesVersion"], c.kubernetesVersion, `${why}${SEE}`, "kubernetes-version-unsupported"));
    }
    // Preinstalled k3s: the OS installs k3s and the version setting is not used.
    if (c.distribution === "k3s" && c.k3s?.install !== "preinstalled") {
        const def = k3sBlock.parse({}).version;
        const v = c.k3s?.version ?? def;
        const why = outside("kubernetes", v);
        const note = v === def ? " (the default of cluster.k3s.version: pin a supported release there)" : "";
        if (why) out.push(issue("cluster", ["k3s", "version"], v, `${why}${note}${SEE}`, "k3s-version-unsupported"));
        cfg.nodes.forEach((n, i) => {
            const nw = n.k3sVersion ? outside("kubernetes", n.k3sVersion) : undefined;
            if (n.k3sVersion && nw) out.push(issue("nodes", [i, "k3sVersion"], n.k3sVersion, `${nw}${SEE}`, "k3s-version-unsupported"));
        });
    }
    return out;
};

/** A node (or block) field that selects hardware by something other than a device name. */
const SELECTOR = /[sS]elector|^mac|Mac/;

function keysOf(v: unknown): string[] {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : [];
}

/**
 * Talos nodes whose install disk or NIC falls back to the default (`/dev/sda`, `eth0`): the two
 * most common first-boot failures (docs/troubleshooting.md) on NVMe machines and on NICs with
 * predictable names (`eno1`, `enp3s0`). Needs the raw config: after parsing, a default and a
 * value the user wrote look the same. A node is quiet when it names its disk or NIC, or selects
 * them some other way (any field whose name contains `Selector` or starts with `mac`).
 */
export function talosHardwareDefaults(cfg: ParsedConfig, raw: Readonly<Record<string, unknown>>): ConfigIssue[] {
    if (cfg.cluster.distribution !== "talos") return [];
    const rawTalos = (raw.cluster as { talos?: unknown } | undefined)?.talos;
    const rawNetwork = raw.network;
    const rawNodes = Array.isArray(raw.nodes) ? (raw.nodes as unknown[]) : [];
    const clusterDisk = keysOf(rawTalos).some((k) => k === "installDisk" || SELECTOR.test(k));
    const clusterNic = keysOf(rawNetwork).some((k) => k === "interface" || SELECTOR.test(k));
    const disk: string[] = [];
    const nic: string[] = [];
    cfg.nodes.forEach((n, i) => {
        if (n.offline) return;
        const keys = keysOf(rawNodes[i]);
        const selects = keys.some((k) => SELECTOR.test(k));
        if (!clusterDisk && !selects && !keys.includes("installDisk")) disk.push(n.name);
        if (!clusterNic && !selects && !keys.includes("interface")) nic.push(n.name);
    });
    const out: ConfigIssue[] = [];
    if (disk.length > 0) {
        out.push(
            issue("nodes", [], disk,
                "have no installDisk, so Talos installs them to the default /dev/sda; on NVMe machines that disk does not exist and the install fails. Set nodes[].installDisk (or cluster.talos.installDisk) after checking with `talosctl get disks --insecure -n <ip>`",
                "talos-default-install-disk"),
        );
    }
    if (nic.length > 0) {
        out.push(
            issue("nodes", [], nic,
                "have no interface, so the default eth0 gets the node address (and the VIP); most bare-metal NICs are named otherwise (eno1, enp3s0) and the node then comes up without them. Set network.interface (or nodes[].interface) after checking with `talosctl get links --insecure -n <ip>`",
                "talos-default-interface"),
        );
    }
    return out;
}
