/**
 * Fuzzy matching for `/-f`: the query's characters must appear in order (a subsequence); matches that run together
 * or start at a word boundary rank higher, as in fzf and k9s. Names are at most 253 characters, so trying every
 * start position is cheap.
 */

const BOUNDARY = new Set(['-', '_', '.', '/', ' ', ':']);

const MATCH = 1;
const CONSECUTIVE = 4;
const AT_BOUNDARY = 3;
const GAP = 0.1;
const LATE_START = 0.2;

/** Greedy left-to-right match of `query` in `text` starting at `start`; undefined if it runs out of text. */
function scoreFrom(query: string, text: string, start: number): number | undefined {
  let score = -Math.min(start, 10) * LATE_START;
  let previous = -1;
  let at = start;
  for (const ch of query) {
    const found = text.indexOf(ch, at);
    if (found < 0) return undefined;
    score += MATCH;
    if (found === previous + 1 && previous >= 0) score += CONSECUTIVE;
    if (found === 0 || BOUNDARY.has(text[found - 1]!)) score += AT_BOUNDARY;
    if (previous >= 0) score -= (found - previous - 1) * GAP;
    previous = found;
    at = found + 1;
  }
  return score;
}

/**
 * How well `query` matches `text` as a case-insensitive subsequence: higher is better, undefined for no match.
 * @param query what the user typed, already lower-cased
 * @param text the candidate, e.g. a pod name
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  if (query === '') return 0;
  const haystack = text.toLowerCase();
  let best: number | undefined;
  for (let start = haystack.indexOf(query[0]!); start >= 0; start = haystack.indexOf(query[0]!, start + 1)) {
    const score = scoreFrom(query, haystack, start);
    // No later start can match if this one ran out of text.
    if (score === undefined) break;
    if (best === undefined || score > best) best = score;
  }
  return best;
}
