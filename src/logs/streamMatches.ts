/**
 * Matches per stream (a workload's per-pod match counts): how many of a matcher's matching lines each stream
 * wrote. Counted incrementally per matcher — only the matches found since the last call are looked at — and
 * counted afresh when the buffer has evicted matched lines (the counts are of the retained lines, as the
 * matcher's total is).
 */
import type { LineBuffer } from './lineBuffer.js';
import type { LineMatcher } from './matcher.js';

interface Tally {
  counts: Map<string, number>;
  /** Matches counted: the first `counted` of the matcher's lines, whose first was `first`. */
  counted: number;
  first: number | undefined;
}

const tallies = new WeakMap<LineMatcher, Tally>();

/** Matches per stream key (the buffer's `container`), for the matcher as updated to `buffer` now. */
export function matchesPerStream(matcher: LineMatcher, buffer: LineBuffer): ReadonlyMap<string, number> {
  const lines = matcher.matchLines;
  let tally = tallies.get(matcher);
  if (!tally || tally.first !== lines[0] || tally.counted > lines.length) {
    tally = { counts: new Map(), counted: 0, first: lines[0] };
    tallies.set(matcher, tally);
  }
  for (let i = tally.counted; i < lines.length; i++) {
    const key = buffer.containerAt(lines[i]!);
    if (key !== undefined) tally.counts.set(key, (tally.counts.get(key) ?? 0) + 1);
  }
  tally.counted = lines.length;
  return tally.counts;
}
