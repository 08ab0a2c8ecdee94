/**
 * Address math used by validation and by renderers: CIDR parsing, canonical form, containment,
 * overlap and address ranges. Pure functions over ipaddr.js; addresses become bigints so IPv4 and
 * IPv6 share one code path.
 */
import * as ipaddr from "ipaddr.js";

export type Family = "ipv4" | "ipv6";

/** A parsed CIDR block: its first and last address as integers, plus what it was written as. */
export interface Cidr {
    readonly family: Family;
    readonly prefix: number;
    readonly first: bigint;
    readonly last: bigint;
    /** Canonical text: network address + prefix, e.g. `10.0.60.0/24`. */
    readonly canonical: string;
}

/** An inclusive address range, e.g. from a MetalLB pool entry `10.0.60.50-10.0.60.59`. */
export interface AddressRange {
    readonly family: Family;
    readonly first: bigint;
    readonly last: bigint;
}

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

/** Integer value of an address. */
export function addressToBigInt(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
    let n = 0n;
    for (const byte of addr.toByteArray()) {
        n = (n << 8n) | BigInt(byte);
    }
    return n;
}

/** Address text for an integer value. */
export function bigIntToAddress(n: bigint, family: Family): string {
    const bytes: number[] = [];
    const count = BITS[family] / 8;
    for (let i = 0; i < count; i++) {
        bytes.unshift(Number(n & 0xffn));
        n >>= 8n;
    }
    return ipaddr.fromByteArray(bytes).toString();
}

/** Parses a single IP address (no prefix); undefined when it is not one. */
export function parseIp(text: string): { family: Family; value: bigint } | undefined {
    if (typeof text !== "string" || !ipaddr.isValid(text) || text.includes("/")) {
        return undefined;
    }
    // ipaddr.isValid accepts shorthand such as "10.1" or octal-looking parts; require the
    // four-part decimal form for IPv4 so "10.1" never silently means 10.0.0.1.
    if (!text.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(text)) {
        return undefined;
    }
    const addr = ipaddr.parse(text);
    return { family: addr.kind(), value: addressToBigInt(addr) };
}

/** Parses `a.b.c.d/n` (or IPv6); undefined when the text is not a CIDR. */
export function parseCidr(text: string): Cidr | undefined {
    if (typeof text !== "string" || !text.includes("/")) {
        return undefined;
    }
    const [addrText, prefixText, ...rest] = text.split("/");
    if (rest.length > 0 || !/^\d{1,3}$/.test(prefixText)) {
        return undefined;
    }
    const ip = parseIp(addrText);
    if (!ip) {
        return undefined;
    }
    const prefix = Number(prefixText);
    const bits = BITS[ip.family];
    if (prefix > bits) {
        return undefined;
    }
    const hostBits = BigInt(bits - prefix);
    const first = (ip.value >> hostBits) << hostBits;
    const last = first + (1n << hostBits) - 1n;
    return { family: ip.family, prefix, first, last, canonical: `${bigIntToAddress(first, ip.family)}/${prefix}` };
}

/** True when the CIDR is written with its network address (`10.0.60.0/24`, not `10.0.60.5/24`). */
export function isCanonicalCidr(text: string): boolean {
    const c = parseCidr(text);
    return c !== undefined && parseIp(text.split("/")[0])?.value === c.first;
}

/**
 * Parses one address-pool entry: a CIDR, a single address, or an inclusive `start-end` range.
 * Returns undefined for anything else, including a range whose end precedes its start.
 */
export function parseRange(text: string): AddressRange | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    if (text.includes("/")) {
        const c = parseCidr(text);
        return c && { family: c.family, first: c.first, last: c.last };
    }
    const parts = text.split("-").map((p) => p.trim());
    if (parts.length === 1) {
        const ip = parseIp(parts[0]);
        return ip && { family: ip.family, first: ip.value, last: ip.value };
    }
    if (parts.length !== 2) {
        return undefined;
    }
    const a = parseIp(parts[0]);
    const b = parseIp(parts[1]);
    if (!a || !b || a.family !== b.family || b.value < a.value) {
        return undefined;
    }
    return { family: a.family, first: a.value, last: b.value };
}

/** Overlap of two ranges of the same family. */
export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
    return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** True when every address of `inner` lies inside `outer`. */
export function rangeWithin(inner: AddressRange, outer: AddressRange): boolean {
    return inner.family === outer.family && inner.first >= outer.first && inner.last <= outer.last;
}

/** True when `ip` lies in `cidr` (both as text). False if either does not parse. */
export function cidrContains(cidr: string, ip: string): boolean {
    const c = parseCidr(cidr);
    const a = parseIp(ip);
    return c !== undefined && a !== undefined && c.family === a.family && a.value >= c.first && a.value <= c.last;
}

/** True when two CIDRs (as text) share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
    const x = parseCidr(a);
    const y = parseCidr(b);
    return x !== undefined && y !== undefined && rangesOverlap(x, y);
}

/** The network and broadcast addresses of an IPv4 CIDR, which no host should use. */
export function reservedAddresses(cidr: Cidr): bigint[] {
    if (cidr.family !== "ipv4" || cidr.prefix >= 31) {
        return [];
    }
    return [cidr.first, cidr.last];
}

/** Number of addresses in a range. */
export function rangeSize(r: AddressRange): bigint {
    return r.last - r.first + 1n;
}
