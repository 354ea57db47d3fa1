/**
 * Bytes of a log stream → lines: lines are split on LF across chunk boundaries, a CR before the LF is dropped,
 * invalid UTF-8 becomes U+FFFD (Node's decoder), and a multi-byte character cut by a chunk boundary is decoded
 * whole (a line is only decoded once its LF has arrived, and an LF byte is never inside a character).
 *
 * A line longer than `maxLineBytes` is emitted in pieces of that size (cut at a character boundary), so one
 * endless line cannot hold unbounded memory; 1 MB lines pass whole with the default of 8 MiB.
 */

/** Receives each line. */
export type LineSink = (line: string) => void;

export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

const LF = 0x0a;

function withoutCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 0x0d ? line.slice(0, -1) : line;
}

/** Where to cut `buf` at or before `max` so that no UTF-8 character is split. */
function charBoundary(buf: Buffer, max: number): number {
  let cut = max;
  // Continuation bytes are 10xxxxxx; a character is at most 4 bytes.
  while (cut > max - 3 && cut > 0 && ((buf[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut > 0 ? cut : max;
}

export class LineDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Bytes of an unfinished line held until its LF arrives. */
  get heldBytes(): number {
    return this.pendingBytes;
  }

  /** Feeds the next chunk of the stream. */
  push(chunk: Buffer): void {
    let start = 0;
    if (this.pendingBytes > 0) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) return this.hold(chunk);
      this.pending.push(chunk.subarray(0, nl));
      const whole = Buffer.concat(this.pending, this.pendingBytes + nl);
      this.pending = [];
      this.pendingBytes = 0;
      this.emitPieces(whole);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= start) {
      this.emitRegion(chunk, start, last);
      start = last + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
  }

  /** The stream ended: a last line without an LF is still a line. */
  end(): void {
    if (this.pendingBytes === 0) return;
    const whole = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.emitPieces(whole);
  }

  /** Drops a held partial line (the stream was cut and will be re-read from a known point). */
  discard(): void {
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Decodes `buf[start, end)`, which holds whole lines separated by LF, and emits them. */
  private emitRegion(buf: Buffer, start: number, end: number): void {
    const text = buf.toString('utf8', start, end);
    if (!text.includes('\n')) {
      this.sink(withoutCr(text));
      return;
    }
    for (const line of text.split('\n')) this.sink(withoutCr(line));
  }

  /** Emits one line, in pieces of at most `maxLineBytes` cut at character boundaries. */
  private emitPieces(line: Buffer): void {
    let start = 0;
    while (line.length - start > this.maxLineBytes) {
      const cut = start + charBoundary(line.subarray(start), this.maxLineBytes);
      this.emitRegion(line, start, cut);
      start = cut;
    }
    this.emitRegion(line, start, line.length);
  }

  private hold(part: Buffer): void {
    // A copy: a subarray would keep the whole socket chunk alive while a long line accumulates.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
    while (this.pendingBytes > this.maxLineBytes) {
      const whole = Buffer.concat(this.pending, this.pendingBytes);
      const cut = charBoundary(whole, this.maxLineBytes);
      this.emitRegion(whole, 0, cut);
      const rest = Buffer.from(whole.subarray(cut));
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
    }
  }
}
