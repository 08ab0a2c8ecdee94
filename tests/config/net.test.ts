/** Address math: example cases plus fast-check properties over random IPv4/IPv6 blocks. */
import fc from "fast-check";
import {
    bigIntToAddress,
    cidrContains,
    cidrsOverlap,
    isCanonicalCidr,
    parseCidr,
    parseIp,
    parseRange,
    rangesOverlap,
    rangeWithin,
} from "../../config/net";

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join("."));
const v4cidr = fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`);
const v6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((w) => w.map((x) => x.toString(16)).join(":"));
const v6cidr = fc.tuple(v6, fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`);

describe("address parsing", () => {
    it("parses and rejects the usual suspects", () => {
        expect(parseCidr("10.0.60.0/24")?.canonical).toBe("10.0.60.0/24");
        expect(parseCidr("10.0.60.5/24")?.canonical).toBe("10.0.60.0/24");
        expect(isCanonicalCidr("10.0.60.5/24")).toBe(false);
        expect(parseCidr("10.0.60.0/33")).toBeUndefined();
        expect(parseCidr("10.0.60.0")).toBeUndefined();
        expect(parseCidr("10.0.60.0/24/1")).toBeUndefined();
        expect(parseIp("10.1")).toBeUndefined(); // shorthand must not mean 10.0.0.1
        expect(parseIp("10.0.0.256")).toBeUndefined();
        expect(parseIp("fd00::1")?.family).toBe("ipv6");
        expect(parseRange("10.0.0.10-10.0.0.5")).toBeUndefined();
        expect(parseRange("10.0.0.5-fd00::1")).toBeUndefined();
        expect(parseRange("10.0.0.5")).toEqual({ family: "ipv4", first: 167772165n, last: 167772165n });
        expect(cidrContains("10.0.60.0/24", "10.0.60.255")).toBe(true);
        expect(cidrContains("10.0.60.0/24", "10.0.61.0")).toBe(false);
        expect(cidrsOverlap("10.42.0.0/16", "10.42.128.0/17")).toBe(true);
        expect(cidrsOverlap("10.42.0.0/16", "10.43.0.0/16")).toBe(false);
    });
});

describe("address properties", () => {
    it("canonical form is a fixed point and contains the written address", () => {
        fc.assert(
            fc.property(fc.oneof(v4cidr, v6cidr), (text) => {
                const c = parseCidr(text)!;
                expect(c).toBeDefined();
                expect(parseCidr(c.canonical)?.canonical).toBe(c.canonical);
                expect(isCanonicalCidr(c.canonical)).toBe(true);
                expect(cidrContains(c.canonical, text.split("/")[0])).toBe(true);
                expect(c.last - c.first + 1n).toBe(1n << BigInt((c.family === "ipv4" ? 32 : 128) - c.prefix));
            }),
        );
    });

    it("address <-> integer round-trips", () => {
        fc.assert(
            fc.property(fc.oneof(v4, v6), (a) => {
                const ip = parseIp(a)!;
                expect(parseIp(bigIntToAddress(ip.value, ip.family))?.value).toBe(ip.value);
            }),
        );
    });

    it("overlap is symmetric, and nested blocks always overlap", () => {
        fc.assert(
            fc.property(v4cidr, v4cidr, (a, b) => {
                expect(cidrsOverlap(a, b)).toBe(cidrsOverlap(b, a));
                const x = parseCidr(a)!;
                const y = parseCidr(b)!;
                if (rangeWithin(x, y)) expect(rangesOverlap(x, y)).toBe(true);
                // Two CIDR blocks either nest or are disjoint: never a partial overlap.
                if (rangesOverlap(x, y)) expect(rangeWithin(x, y) || rangeWithin(y, x)).toBe(true);
            }),
        );
    });

    it("a range overlaps exactly when some address lies in both", () => {
        fc.assert(
            fc.property(fc.nat(1000), fc.nat(50), fc.nat(1000), fc.nat(50), (s1, l1, s2, l2) => {
                const r = (s: number, l: number) => parseRange(`${bigIntToAddress(BigInt(s), "ipv4")}-${bigIntToAddress(BigInt(s + l), "ipv4")}`)!;
                const a = r(s1, l1);
                const b = r(s2, l2);
                let shared = false;
                for (let i = s1; i <= s1 + l1; i++) if (i >= s2 && i <= s2 + l2) shared = true;
                expect(rangesOverlap(a, b)).toBe(shared);
            }),
        );
    });
});
