/**
 * The retained lines of a log session, bounded by memory rather than by a line count: appending is O(1)
 * (amortised), the oldest lines are evicted once the estimated size passes the bound, and every line keeps its
 * sequence number, so a view can hold positions (`seq`) while lines stream in and old ones go.
 *
 * The size is an estimate of V8 heap bytes, calibrated by measurement (test/logs/buffer.test.ts measures the
 * heap growth of 100,000 lines against it): a record object, the two strings' headers, and the characters at one
 * byte each for Latin-1 text or two for any other (V8's one-byte and two-byte strings).
 */
import type { LineKind, LogLine } from './logLine.js';

/**
 * Heap bytes per record besides its characters, measured on Node 24: the record (5 fields), the two strings
 * (slices of the decoded chunk), and the two array slots.
 */
export const RECORD_OVERHEAD_BYTES = 150;
/** The default bound: about 50 MB of retained log. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Estimated heap bytes of a line's text. */
export function textBytes(text: string, oneByte: boolean): number {
  return oneByte ? text.length : text.length * 2;
}

/** Heap bytes of a line's characters and record, as the buffer counts them. */
export function lineCost(line: LogLine, oneByte: boolean): number {
  return RECORD_OVERHEAD_BYTES + textBytes(line.text, oneByte) + line.time.length;
}

export class LineBuffer {
  private lines: (LogLine | undefined)[] = [];
  private costs: number[] = [];
  /** Index in `lines` of the oldest retained line. */
  private head = 0;
  private seqNext = 0;
  private evictedCount = 0;
  private byteCount = 0;

  /** @param maxBytes the bound on the estimated heap size of the retained lines (at least one line is kept) */
  constructor(readonly maxBytes: number = DEFAULT_MAX_BYTES) {
    if (!(maxBytes > 0)) throw new Error(`the log buffer size must be positive, not ${maxBytes}`);
  }

  /** Sequence number of the oldest retained line (equal to `nextSeq` when empty). */
  get firstSeq(): number {
    return this.seqNext - (this.lines.length - this.head);
  }

  /** The sequence number the next line will get; the newest retained line is `nextSeq - 1`. */
  get nextSeq(): number {
    return this.seqNext;
  }

  /** Retained lines. */
  get size(): number {
    return this.lines.length - this.head;
  }

  /** Estimated heap bytes of the retained lines. */
  get bytes(): number {
    return this.byteCount;
  }

  /** Lines evicted to stay within the bound, since the start. */
  get evicted(): number {
    return this.evictedCount;
  }

  /**
   * Appends a line and evicts the oldest ones while the estimate is over the bound.
   * @param oneByte whether the text is Latin-1 only (V8 then stores one byte per character)
   */
  append(container: string, time: string, text: string, kind: LineKind, oneByte = true): LogLine {
    const line: LogLine = { seq: this.seqNext++, container, time, text, kind };
    const cost = lineCost(line, oneByte);
    this.lines.push(line);
    this.costs.push(cost);
    this.byteCount += cost;
    while (this.byteCount > this.maxBytes && this.size > 1) this.evictOldest();
    return line;
  }

  /** The line with sequence number `seq`, if still retained. */
  at(seq: number): LogLine | undefined {
    const i = seq - this.firstSeq;
    return i >= 0 && i < this.size ? this.lines[this.head + i] : undefined;
  }

  /** The retained lines with `from <= seq < to` (clamped), oldest first: a window for a view. */
  slice(from: number, to: number): LogLine[] {
    const first = this.firstSeq;
    const a = Math.max(0, from - first);
    const b = Math.min(this.size, to - first);
    if (b <= a) return [];
    return this.lines.slice(this.head + a, this.head + b) as LogLine[];
  }

  private evictOldest(): void {
    this.byteCount -= this.costs[this.head]!;
    this.lines[this.head] = undefined;
    this.head++;
    this.evictedCount++;
    // Compact when the dead prefix is large and at least half the array: amortised O(1) per line.
    if (this.head >= 4096 && this.head * 2 >= this.lines.length) {
      this.lines = this.lines.slice(this.head);
      this.costs = this.costs.slice(this.head);
      this.head = 0;
    }
  }
}
