/**
 * Matching the stack's NIC and install disk against what a machine reports, by selector. Today a
 * selector holds the kernel name / device path (`interface`, `installDisk`); the stable selectors
 * Talos 1.13 offers (LinkAliasConfig by MAC / driver / bus path, `machine.install.diskSelector`
 * by serial / wwid / model / bus path / type; FACTS.md §8) only add fields here: every field that
 * is set must match, so a node spec that grows `hardwareAddr` or `serial` narrows the match.
 */
import type { DiskSelector, LinkSelector } from "../types";

/** A network link as either source reports it (`ip -o link` or Talos LinkStatus). */
export interface LinkInfo {
    readonly name: string;
    /** Alias and altnames (udev predictable names such as enp3s0 next to eth0). */
    readonly aliases: readonly string[];
    readonly hardwareAddr?: string;
    /** Burnt-in MAC (Talos `permanentAddr`); a bond or a driver may change `hardwareAddr`. */
    readonly permanentAddr?: string;
    readonly driver?: string;
    readonly busPath?: string;
    /** Ethernet without a kind (not a bridge, bond, veth, ...). */
    readonly physical: boolean;
}

/** A disk as Talos reports it (Disks.block.talos.dev). */
export interface DiskInfo {
    readonly devPath: string;
    readonly symlinks: readonly string[];
    readonly size: number;
    readonly prettySize?: string;
    readonly model?: string;
    readonly serial?: string;
    readonly wwid?: string;
    readonly busPath?: string;
    readonly transport?: string;
    readonly rotational?: boolean;
    readonly readonly?: boolean;
    readonly cdrom?: boolean;
}

const norm = (s: string | undefined) => (s ?? "").trim().toLowerCase();

export function linkMatches(link: LinkInfo, sel: LinkSelector): boolean {
    if (sel.name !== undefined && link.name !== sel.name && !link.aliases.includes(sel.name)) return false;
    if (sel.hardwareAddr !== undefined && norm(link.permanentAddr || link.hardwareAddr) !== norm(sel.hardwareAddr)) return false;
    if (sel.driver !== undefined && link.driver !== sel.driver) return false;
    if (sel.busPath !== undefined && link.busPath !== sel.busPath) return false;
    return true;
}

export function matchLinks(links: readonly LinkInfo[], sel: LinkSelector): LinkInfo[] {
    return links.filter((l) => linkMatches(l, sel));
}

export function describeLinkSelector(sel: LinkSelector): string {
    const parts = [sel.name, sel.hardwareAddr && `mac ${sel.hardwareAddr}`, sel.driver && `driver ${sel.driver}`, sel.busPath && `bus ${sel.busPath}`];
    return parts.filter(Boolean).join(", ");
}

/** `eno1 (aa:bb:..)` for the fix text: the physical links to choose from. */
export function describeLinks(links: readonly LinkInfo[]): string {
    const phys = links.filter((l) => l.physical);
    const shown = phys.length > 0 ? phys : links;
    return shown.map((l) => `${l.name}${l.hardwareAddr ? ` (${l.hardwareAddr})` : ""}`).join(", ") || "none";
}

export function diskMatches(disk: DiskInfo, sel: DiskSelector): boolean {
    if (sel.path !== undefined && disk.devPath !== sel.path && !disk.symlinks.includes(sel.path)) return false;
    if (sel.serial !== undefined && disk.serial !== sel.serial) return false;
    if (sel.wwid !== undefined && disk.wwid !== sel.wwid) return false;
    if (sel.model !== undefined && disk.model !== sel.model) return false;
    if (sel.busPath !== undefined && disk.busPath !== sel.busPath) return false;
    if (sel.type !== undefined && norm(diskType(disk)) !== norm(sel.type)) return false;
    if (sel.size !== undefined && !sizeMatches(disk.size, sel.size)) return false;
    return true;
}

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/**
 * Talos' install disk size matcher: an optional operator (`==`, `<=`, `>=`, `<`, `>`) and a size
 * with a decimal or binary unit. Without an operator the size must be equal.
 */
export function sizeMatches(bytes: number, expr: string): boolean {
    const m = /^\s*(==|<=|>=|<|>)?\s*([\d.]+)\s*([kmgt]i?b|b)?\s*$/i.exec(expr);
    if (!m) return false;
    const want = Number(m[2]) * (UNITS[(m[3] ?? "").toLowerCase()] ?? NaN);
    switch (m[1] ?? "==") {
        case "<=":
            return bytes <= want;
        case ">=":
            return bytes >= want;
        case "<":
            return bytes < want;
        case ">":
            return bytes > want;
        default:
            return bytes === want;
    }
}

/** Talos diskSelector `type`: ssd / hdd / nvme / sd (Talos' install disk matcher). */
export function diskType(d: DiskInfo): string {
    if (d.transport === "nvme") return "nvme";
    if (d.transport === "mmc") return "sd";
    return d.rotational ? "hdd" : "ssd";
}

export function matchDisks(disks: readonly DiskInfo[], sel: DiskSelector): DiskInfo[] {
    return disks.filter((d) => diskMatches(d, sel));
}

export function describeDiskSelector(sel: DiskSelector): string {
    return Object.entries(sel)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => (k === "path" ? String(v) : `${k} ${String(v)}`))
        .join(", ");
}

export function describeDisks(disks: readonly DiskInfo[]): string {
    const real = disks.filter((d) => !d.cdrom && !d.readonly && !d.devPath.startsWith("/dev/loop"));
    return (
        real.map((d) => `${d.devPath} (${[d.prettySize, d.model, d.serial && `serial ${d.serial}`].filter(Boolean).join(", ")})`).join("; ") || "none"
    );
}

/** `ip -o link show` lines: `2: eth0@if5: <...> mtu 1500 ... link/ether aa:bb:.. brd .. altname enp3s0`. */
export function parseIpLink(text: string): LinkInfo[] {
    const out: LinkInfo[] = [];
    for (const line of text.split("\n")) {
        const m = /^\d+:\s+([^:@\s]+)(?:@[^:\s]+)?:\s+<[^>]*>(.*)$/.exec(line.trim());
        if (!m) continue;
        const rest = m[2];
        const mac = /link\/ether\s+([0-9a-f:]{17})/i.exec(rest)?.[1];
        const aliases = [...rest.matchAll(/\baltname\s+(\S+)/g)].map((a) => a[1]);
        const alias = /\balias\s+(\S+)/.exec(rest)?.[1];
        const virtual = /^(lo|veth|docker|br-|virbr|cni|flannel|cilium|kube-ipvs|vxlan|tun|tap|wg)/.test(m[1]);
        out.push({ name: m[1], aliases: alias ? [...aliases, alias] : aliases, ...(mac ? { hardwareAddr: mac } : {}), physical: !!mac && !virtual });
    }
    return out;
}
