/**
 * "Did you mean" for misspelt keys and namespaces. Case slips (`apitoken` for `apiToken`) always
 * match; otherwise the closest candidate within an edit distance that grows with the word's
 * length (a third of it, at least 1, at most 3), so unrelated keys are not suggested.
 */
import { distance } from "fastest-levenshtein";

export function closest(word: string, candidates: readonly string[]): string | undefined {
    const lower = word.toLowerCase();
    const exactCase = candidates.find((c) => c.toLowerCase() === lower);
    if (exactCase !== undefined) return exactCase;
    const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
    let best: string | undefined;
    let bestD = Infinity;
    for (const c of candidates) {
        const d = distance(lower, c.toLowerCase());
        if (d < bestD || (d === bestD && best !== undefined && c < best)) {
            best = c;
            bestD = d;
        }
    }
    return bestD <= limit ? best : undefined;
}

/** `; did you mean apiToken?` or an empty string. */
export function didYouMean(word: string, candidates: readonly string[], show: (c: string) => string = (c) => c): string {
    const c = closest(word, candidates);
    return c === undefined ? "" : `; did you mean ${show(c)}?`;
}
