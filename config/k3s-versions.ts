/**
 * Facts about k3s releases that `validate` checks offline: which Kubernetes minors are past their
 * end of life (a fixed table, not the clock, so the same config always gives the same findings),
 * and the version-skew arithmetic of the upgrade rules.
 *
 * Kubernetes end-of-life dates: https://kubernetes.io/releases/ (patch releases page); k3s ships
 * one release line per Kubernetes minor and stops patching it with upstream.
 * Update the table when a minor reaches its end of life.
 */

/** Kubernetes minors at or past end of life, with the date upstream support ended. */
export const k3sEndOfLife: Readonly<Record<string, string>> = {
    "1.30": "2025-06-28",
    "1.31": "2025-10-28",
    "1.32": "2026-02-28",
    "1.33": "2026-06-28",
    "1.34": "2026-10-27",
};

/** The oldest minor this table knows; anything older is end of life too. */
const OLDEST_KNOWN = [1, 30] as const;

/** `v1.36.3+k3s1` -> [1, 36]; undefined when it does not look like a version. */
export function k3sMinor(version: string): [number, number] | undefined {
    const m = /^v?(\d+)\.(\d+)\./.exec(version);
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** `v1.36.3+k3s1` -> [1, 36, 3, 1] (the k3s revision last), for ordering. */
export function k3sVersionParts(version: string): number[] {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][^\d]*(\d+))?/.exec(version);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : [];
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareK3sVersions(a: string, b: string): number {
    const [pa, pb] = [k3sVersionParts(a), k3sVersionParts(b)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) return d;
    }
    return 0;
}

/** Distance in minors between two versions of the same major (e.g. 1.35 vs 1.36 -> 1). */
export function minorDistance(a: string, b: string): number | undefined {
    const [ma, mb] = [k3sMinor(a), k3sMinor(b)];
    if (!ma || !mb || ma[0] !== mb[0]) return undefined;
    return Math.abs(ma[1] - mb[1]);
}

/** The end-of-life date of the version's Kubernetes minor, or undefined while supported. */
export function k3sEndOfLifeDate(version: string): string | undefined {
    const m = k3sMinor(version);
    if (!m) return undefined;
    const known = k3sEndOfLife[`${m[0]}.${m[1]}`];
    if (known) return known;
    if (m[0] < OLDEST_KNOWN[0] || (m[0] === OLDEST_KNOWN[0] && m[1] < OLDEST_KNOWN[1])) return `before ${k3sEndOfLife["1.30"]}`;
    return undefined;
}
