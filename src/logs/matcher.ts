/**
 * Search and filter over every retained line: a smart-case regular expression (case-insensitive unless the
 * pattern has a capital letter outside an escape such as `\S`), matched against each line's visible text (escape
 * codes removed). A `LineMatcher` keeps the sorted sequence numbers of the matching lines — with ±`context`
 * lines around each for the filter view — and updates incrementally: `update` scans only the lines appended since
 * and forgets evicted ones, so following a busy log costs one regex test per new line.
 */
import { isCaseSensitive } from '../domain/textSearch.js';
import type { LineBuffer } from './lineBuffer.js';
import { plainText } from './sanitize.js';

/** Where a pattern matched in a line's visible text: [start, end) in UTF-16 units. */
export interface MatchRange {
  start: number;
  end: number;
}

/** Compiles a smart-case pattern. Throws an Error with a one-line message for an invalid pattern. */
export function compilePattern(pattern: string): RegExp {
  if (pattern === '') throw new Error('empty search pattern');
  try {
    return new RegExp(pattern, isCaseSensitive(pattern) ? '' : 'i');
  } catch (e) {
    // V8: "Invalid regular expression: /a(/i: Unterminated group" — the reason is what a person needs.
    const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    throw new Error(`invalid pattern ${JSON.stringify(pattern)}: ${why}`);
  }
}

/** Every match of `re` in `text` (visible text), for highlighting a line on screen. Empty matches are skipped. */
export function matchRanges(text: string, re: RegExp): MatchRange[] {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: MatchRange[] = [];
  for (const m of text.matchAll(global)) {
    if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Binary search in a[from…]: the index of the first element > x (or ≥ x when `inclusive`). */
function upperBound(a: readonly number[], from: number, x: number, inclusive: boolean): number {
  let lo = from;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? a[mid]! < x : a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An ascending list of sequence numbers that loses its oldest entries as lines are evicted: O(1) amortised. */
class SeqList {
  private a: number[] = [];
  private head = 0;

  get size(): number {
    return this.a.length - this.head;
  }

  get last(): number | undefined {
    return this.size > 0 ? this.a[this.a.length - 1] : undefined;
  }

  push(seq: number): void {
    this.a.push(seq);
  }

  dropBelow(first: number): void {
    while (this.head < this.a.length && this.a[this.head]! < first) this.head++;
    if (this.head > 4096 && this.head * 2 > this.a.length) this.compact();
  }

  view(): readonly number[] {
    if (this.head > 0) this.compact();
    return this.a;
  }

  /** The first entry > seq, or the last entry < seq (dir -1); wrapping around when asked. */
  step(seq: number, dir: 1 | -1, wrap: boolean): number | undefined {
    if (this.size === 0) return undefined;
    const a = this.a;
    const i = dir === 1 ? upperBound(a, this.head, seq, false) : upperBound(a, this.head, seq, true) - 1;
    if (i >= this.head && i < a.length) return a[i];
    if (!wrap) return undefined;
    return dir === 1 ? a[this.head] : a[a.length - 1];
  }

  private compact(): void {
    this.a = this.a.slice(this.head);
    this.head = 0;
  }
}

export class LineMatcher {
  readonly regex: RegExp;
  private readonly matched = new SeqList();
  /** Matches and their context lines; the same list as `matched` when there is no context. */
  private readonly shown: SeqList;
  private scanned = -1;
  private afterLeft = 0;

  /**
   * @param pattern a smart-case regular expression (throws on an invalid one, see `compilePattern`)
   * @param context lines kept before and after each matching line (0 for search)
   */
  constructor(
    pattern: string,
    readonly context = 0,
  ) {
    this.regex = compilePattern(pattern);
    this.shown = context > 0 ? new SeqList() : this.matched;
  }

  /** Matching lines still retained (without context lines). */
  get matches(): number {
    return this.matched.size;
  }

  /** Sequence numbers of the matching lines, ascending. */
  get matchLines(): readonly number[] {
    return this.matched.view();
  }

  /**
   * Sequence numbers of the lines a filter view shows, ascending: the matches and ±`context` lines around each.
   * A jump of more than 1 between neighbours is where a view draws a separator.
   */
  get lines(): readonly number[] {
    return this.shown.view();
  }

  /** Scans the lines appended since the last update and forgets the evicted ones. */
  update(buffer: LineBuffer): void {
    const first = buffer.firstSeq;
    this.matched.dropBelow(first);
    if (this.shown !== this.matched) this.shown.dropBelow(first);
    const end = buffer.nextSeq;
    const withContext = this.shown !== this.matched;
    for (let seq = Math.max(this.scanned + 1, first); seq < end; seq++) {
      const line = buffer.at(seq)!;
      if (this.regex.test(plainText(line.text))) {
        this.matched.push(seq);
        if (withContext) {
          const last = this.shown.last ?? first - 1;
          for (let s = Math.max(seq - this.context, last + 1, first); s <= seq; s++) this.shown.push(s);
          this.afterLeft = this.context;
        }
      } else if (this.afterLeft > 0) {
        this.shown.push(seq);
        this.afterLeft--;
      }
    }
    this.scanned = end - 1;
  }

  /** The first matching line after `seq` (wrapping to the oldest when `wrap`), or undefined when none. */
  next(seq: number, wrap = true): number | undefined {
    return this.matched.step(seq, 1, wrap);
  }

  /** The last matching line before `seq` (wrapping to the newest when `wrap`), or undefined when none. */
  prev(seq: number, wrap = true): number | undefined {
    return this.matched.step(seq, -1, wrap);
  }
}
