/**
 * Address arithmetic at its edges (touching, reversed, single-address and whole-space ranges),
 * written out literally, plus a check that property tests really run with a fixed seed.
 */
import fc from "fast-check";
import { cidrsOverlap, parseCidr, parseRange, rangeSize, rangesOverlap, rangeWithin, reservedAddresses, type AddressRange } from "../../config/net";
import { FC_SEED } from "../setup/fast-check";

const r = (text: string): AddressRange => {
    const x = parseRange(text);
    if (!x) throw new Error(`${text} does not parse`);
    return x;
};

describe("ranges that touch", () => {
    it("do not overlap when one ends right before the other starts (IPv4 and IPv6)", () => {
        expect(rangesOverlap(r("10.0.0.1-10.0.0.9"), r("10.0.0.10-10.0.0.20"))).toBe(false);
        expect(rangesOverlap(r("10.0.0.10-10.0.0.20"), r("10.0.0.1-10.0.0.9"))).toBe(false);
        expect(rangesOverlap(r("fd00::1-fd00::9"), r("fd00::a-fd00::ff"))).toBe(false);
        expect(cidrsOverlap("10.0.0.0/25", "10.0.0.128/25")).toBe(false);
    });

    it("overlap when they share exactly one address", () => {
        expect(rangesOverlap(r("10.0.0.1-10.0.0.10"), r("10.0.0.10-10.0.0.20"))).toBe(true);
        expect(rangesOverlap(r("10.0.0.10"), r("10.0.0.1-10.0.0.10"))).toBe(true);
        expect(rangesOverlap(r("fd00::9-fd00::a"), r("fd00::a"))).toBe(true);
    });

    it("crossing an octet boundary is still contiguous", () => {
        expect(rangeSize(r("10.0.0.255-10.0.1.0"))).toBe(2n);
        expect(rangesOverlap(r("10.0.0.250-10.0.0.255"), r("10.0.1.0-10.0.1.5"))).toBe(false);
    });
});

describe("reversed and malformed ranges", () => {
    it.each(["10.0.0.20-10.0.0.10", "10.0.1.0-10.0.0.255", "fd00::2-fd00::1", "10.0.0.1-fd00::1", "10.0.0.1-10.0.0.2-10.0.0.3", "10.0.0.1-", "-10.0.0.1", "10.0.0/24"])(
        "%s is not a range",
        (text) => {
            expect(parseRange(text)).toBeUndefined();
        },
    );

    it("a one-address range written start-end equals the single address", () => {
        expect(r("10.0.0.5-10.0.0.5")).toEqual(r("10.0.0.5"));
        expect(rangeSize(r("10.0.0.5-10.0.0.5"))).toBe(1n);
    });
});

describe("block sizes and containment at the extremes", () => {
    it("handles /0, /31 and /32 (and IPv6 /128)", () => {
        expect(rangeSize(parseCidr("0.0.0.0/0")!)).toBe(4294967296n);
        expect(rangeSize(parseCidr("10.0.0.7/32")!)).toBe(1n);
        expect(rangeSize(parseCidr("fd00::1/128")!)).toBe(1n);
        expect(rangeWithin(r("10.0.0.0/24"), parseCidr("0.0.0.0/0")!)).toBe(true);
        expect(rangeWithin(r("fd00::/64"), parseCidr("0.0.0.0/0")!)).toBe(false);
    });

    it("range containment is inclusive at both ends, and not across families", () => {
        const outer = parseCidr("10.0.0.0/24")!;
        expect(rangeWithin(r("10.0.0.0-10.0.0.255"), outer)).toBe(true);
        expect(rangeWithin(r("10.0.0.0-10.0.1.0"), outer)).toBe(false);
        expect(rangeWithin(r("9.255.255.255-10.0.0.5"), outer)).toBe(false);
    });

    it("reserves network and broadcast of IPv4 blocks up to /30, none for /31, /32 or IPv6", () => {
        expect(reservedAddresses(parseCidr("10.0.0.0/30")!)).toEqual([167772160n, 167772163n]);
        expect(reservedAddresses(parseCidr("10.0.0.0/31")!)).toEqual([]);
        expect(reservedAddresses(parseCidr("10.0.0.0/32")!)).toEqual([]);
        expect(reservedAddresses(parseCidr("fd00::/64")!)).toEqual([]);
    });
});

describe("property tests", () => {
    it("run with the fixed seed from tests/setup/fast-check.ts", () => {
        expect(fc.readConfigureGlobal().seed).toBe(process.env.FC_SEED ? Number(process.env.FC_SEED) : FC_SEED);
    });

    it("overlap is exactly 'some address in both', with explicit seed and run count", () => {
        const span = fc.tuple(fc.nat(600), fc.nat(40));
        fc.assert(
            fc.property(span, span, ([s1, l1], [s2, l2]) => {
                const mk = (s: number, l: number) => ({ family: "ipv4" as const, first: BigInt(s), last: BigInt(s + l) });
                const shared = Math.max(s1, s2) <= Math.min(s1 + l1, s2 + l2);
                expect(rangesOverlap(mk(s1, l1), mk(s2, l2))).toBe(shared);
            }),
            { seed: FC_SEED, numRuns: 500 },
        );
    });
});
