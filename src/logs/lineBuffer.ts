/**
 * The retained lines of a log session, bounded by memory rather than by a line count: appending is O(1)
 * (amortised), the oldest lines are evicted once their size passes the bound, and every line keeps its sequence
 * number, so a view can hold positions (`seq`) while lines stream in and old ones go.
 *
 * Lines are kept as UTF-8 bytes in large blocks outside the JavaScript heap, indexed by typed-array columns: no
 * object per line. A firehose evicts about a million lines a second; kept as a string and a record each they
 * would all outlive a few young-generation collections, die in the old generation and make V8 grow its heap far
 * past the bound between full collections. Blocks are freed whole once their last line is evicted, and one is
 * kept for reuse, so a full buffer under a steady stream allocates nothing. A view reads only the window it
 * shows: `at` and `slice` decode those lines into `LogLine` records on demand.
 */
import type { LineKind, LogLine } from './logLine.js';

/** The default bound: about 50 MB of retained log. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/**
 * Bytes per line besides its text and time: the index columns (a block reference, three offsets, the kind and
 * the container), which grow to twice the retained lines at most.
 */
export const LINE_INDEX_BYTES = 48;
/** The largest block; smaller bounds get smaller blocks (at least 4 KiB), about 1/32 of the bound. */
const MAX_BLOCK_BYTES = 1 << 20;
const MIN_BLOCK_BYTES = 1 << 12;
/** UTF-8 bytes per UTF-16 code unit at most. */
const UTF8_MAX = 3;

const KINDS: readonly LineKind[] = ['line', 'gap', 'restart', 'note'];
const KIND_CODE: Readonly<Record<LineKind, number>> = { line: 0, gap: 1, restart: 2, note: 3 };

/** The block size for a bound: a power of two near 1/32 of it, within [4 KiB, 1 MiB]. */
export function blockBytes(maxBytes: number): number {
  const target = 2 ** Math.floor(Math.log2(Math.max(1, maxBytes / 32)));
  return Math.min(MAX_BLOCK_BYTES, Math.max(MIN_BLOCK_BYTES, target));
}

export class LineBuffer {
  /** The ring of line columns, indexed by `seq & mask`. */
  private mask = 1023;
  private blockOf: (Buffer | undefined)[] = new Array<Buffer | undefined>(1024).fill(undefined);
  /** Where the line's bytes start (its time, then its text). */
  private startOf = new Int32Array(1024);
  private textOf = new Int32Array(1024);
  private endOf = new Int32Array(1024);
  private kindOf = new Uint8Array(1024);
  private containerOf = new Uint16Array(1024);

  private readonly containers: string[] = [];
  private readonly containerIndex = new Map<string, number>();
  private recentName: string | undefined;
  private recentCode = 0;
  private readonly blockSize: number;
  /** The block being filled, and how far. */
  private block: Buffer;
  private used = 0;
  /** A freed block kept for the next one. */
  private spare: Buffer | undefined;

  private seqFirst = 0;
  private seqNext = 0;
  private evictedCount = 0;
  /** Lines evicted per container (stream) code. */
  private readonly evictedOf: number[] = [];
  private byteCount = 0;

  /** @param maxBytes the bound on the bytes of the retained lines (at least one line is kept) */
  constructor(readonly maxBytes: number = DEFAULT_MAX_BYTES) {
    if (!(maxBytes > 0)) throw new Error(`the log buffer size must be positive, not ${maxBytes}`);
    this.blockSize = blockBytes(maxBytes);
    this.block = Buffer.allocUnsafeSlow(this.blockSize);
  }

  /** Sequence number of the oldest retained line (equal to `nextSeq` when empty). */
  get firstSeq(): number {
    return this.seqFirst;
  }

  /** The sequence number the next line will get; the newest retained line is `nextSeq - 1`. */
  get nextSeq(): number {
    return this.seqNext;
  }

  /** Retained lines. */
  get size(): number {
    return this.seqNext - this.seqFirst;
  }

  /** Bytes of the retained lines: their UTF-8 text and time, and their index. */
  get bytes(): number {
    return this.byteCount;
  }

  /** Lines evicted to stay within the bound, since the start. */
  get evicted(): number {
    return this.evictedCount;
  }

  /**
   * Appends a line and evicts the oldest ones while the size is over the bound.
   * @param time '' or the fixed UTC form (ASCII)
   * @returns its sequence number
   */
  append(container: string, time: string, text: string, kind: LineKind): number {
    if (this.size > this.mask) this.grow();
    const room = this.block.length - this.used;
    if (room < (time.length + text.length) * UTF8_MAX) {
      const need = time.length + Buffer.byteLength(text);
      if (room < need) this.nextBlock(need);
    }
    const block = this.block;
    const start = this.used;
    const textStart = start + (time ? block.write(time, start, time.length, 'latin1') : 0);
    const end = textStart + block.write(text, textStart, block.length - textStart, 'utf8');
    this.used = end;

    const seq = this.seqNext++;
    const i = seq & this.mask;
    this.blockOf[i] = block;
    this.startOf[i] = start;
    this.textOf[i] = textStart;
    this.endOf[i] = end;
    this.kindOf[i] = KIND_CODE[kind];
    this.containerOf[i] = this.containerCode(container);
    this.byteCount += end - start + LINE_INDEX_BYTES;
    while (this.byteCount > this.maxBytes && this.size > 1) this.evictOldest();
    return seq;
  }

  /** The line with sequence number `seq`, if still retained (a new record on every call). */
  at(seq: number): LogLine | undefined {
    if (seq < this.seqFirst || seq >= this.seqNext) return undefined;
    const i = seq & this.mask;
    const block = this.blockOf[i]!;
    const textStart = this.textOf[i]!;
    return {
      seq,
      container: this.containers[this.containerOf[i]!]!,
      time: block.toString('latin1', this.startOf[i]!, textStart),
      text: block.toString('utf8', textStart, this.endOf[i]!),
      kind: KINDS[this.kindOf[i]!]!,
    };
  }

  /** Lines of one container (a workload's stream) evicted so far: the eviction count, per stream. */
  evictedFrom(container: string): number {
    const code = this.containerIndex.get(container);
    return code === undefined ? 0 : (this.evictedOf[code] ?? 0);
  }

  /** The container (stream) of line `seq`, if still retained, without decoding the line: for counting. */
  containerAt(seq: number): string | undefined {
    if (seq < this.seqFirst || seq >= this.seqNext) return undefined;
    return this.containers[this.containerOf[seq & this.mask]!];
  }

  /** The retained lines with `from <= seq < to` (clamped), oldest first: a window for a view. */
  slice(from: number, to: number): LogLine[] {
    const out: LogLine[] = [];
    const end = Math.min(to, this.seqNext);
    for (let seq = Math.max(from, this.seqFirst); seq < end; seq++) out.push(this.at(seq)!);
    return out;
  }

  private containerCode(name: string): number {
    // Lines come in runs of one stream (a chunk, or a merged run): the last one's code saves a lookup each.
    if (name === this.recentName) return this.recentCode;
    let code = this.containerIndex.get(name);
    if (code === undefined) {
      code = this.containers.push(name) - 1;
      this.containerIndex.set(name, code);
    }
    this.recentName = name;
    this.recentCode = code;
    return code;
  }

  /** Starts a new block with room for `need` bytes (a line longer than a block gets a block of its own). */
  private nextBlock(need: number): void {
    if (need > this.blockSize) {
      this.block = Buffer.allocUnsafeSlow(need);
    } else {
      this.block = this.spare ?? Buffer.allocUnsafeSlow(this.blockSize);
      this.spare = undefined;
    }
    this.used = 0;
  }

  private evictOldest(): void {
    const i = this.seqFirst & this.mask;
    const block = this.blockOf[i]!;
    this.blockOf[i] = undefined;
    this.byteCount -= this.endOf[i]! - this.startOf[i]! + LINE_INDEX_BYTES;
    const code = this.containerOf[i]!;
    this.evictedOf[code] = (this.evictedOf[code] ?? 0) + 1;
    this.seqFirst++;
    this.evictedCount++;
    // Lines fill blocks in order: the block is free once the next line is in another one.
    const freed = block !== this.block && this.blockOf[this.seqFirst & this.mask] !== block;
    if (freed && block.length === this.blockSize) this.spare = block;
  }

  /** Doubles the ring, keeping every retained line at `seq & mask`. */
  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const blockOf = new Array<Buffer | undefined>(cap).fill(undefined);
    const startOf = new Int32Array(cap);
    const textOf = new Int32Array(cap);
    const endOf = new Int32Array(cap);
    const kindOf = new Uint8Array(cap);
    const containerOf = new Uint16Array(cap);
    const mask = cap - 1;
    for (let seq = this.seqFirst; seq < this.seqNext; seq++) {
      const from = seq & this.mask;
      const to = seq & mask;
      blockOf[to] = this.blockOf[from];
      startOf[to] = this.startOf[from]!;
      textOf[to] = this.textOf[from]!;
      endOf[to] = this.endOf[from]!;
      kindOf[to] = this.kindOf[from]!;
      containerOf[to] = this.containerOf[from]!;
    }
    this.mask = mask;
    this.blockOf = blockOf;
    this.startOf = startOf;
    this.textOf = textOf;
    this.endOf = endOf;
    this.kindOf = kindOf;
    this.containerOf = containerOf;
  }
}
