/**
 * The shape of a long-running server's log: a fixed startup preamble, then records at a steady average rate
 * forever. The body is cut into blocks of a fixed number of lines; a block may hold one multi-line record (a stack
 * trace), and the block's records share its time span evenly, so a burst of trace lines doesn't leave a long
 * silence after it. Both the time and the text of any line are then a few arithmetic steps away.
 */
import { mix, unit } from './hash.js';
import type { LogScript, TimedLine } from './script.js';

/** Where a block's multi-line record starts (line offset in the block) and how many lines it has. */
export interface Burst {
  offset: number;
  lines: number;
}

/** A body line's place: its index, its record's first line, its position in the record and the record's time. */
export interface BodyLine {
  index: number;
  head: number;
  part: number;
  /** How many lines its record has: 1, or the burst's length. */
  lines: number;
  /** Microseconds after the run's start at which the record (its first line) is written. */
  headUs: number;
}

/** How the steady part of a log is laid out and written. */
export interface BodySpec {
  /** Microseconds after the start at which the first body block begins; after the preamble's last line. */
  startUs: number;
  /** Mean microseconds between records. */
  periodUs: number;
  /** Lines per block. */
  blockLines: number;
  /** How far (as a fraction of a record's slot, below 0.8) a record may drift within its slot; 0 for none. */
  jitter: number;
  /** The block's multi-line record, if it has one; it must fit in the block. */
  burst?(block: number): Burst | undefined;
  /** The text of a body line. */
  text(line: BodyLine): string;
}

/** A log made of a preamble and an endless periodic body. */
export class PeriodicScript implements LogScript {
  constructor(
    private readonly seed: number,
    private readonly preamble: readonly TimedLine[],
    private readonly body: BodySpec,
  ) {}

  at(i: number): number {
    const pre = this.preamble[i];
    if (pre) return pre.at;
    const line = this.locate(i);
    // Lines of one record follow their first line a microsecond apart, as a runtime stamps one write's lines.
    return line.headUs + line.part;
  }

  text(i: number): string {
    const pre = this.preamble[i];
    return pre ? pre.text : this.body.text(this.locate(i));
  }

  private locate(index: number): BodyLine {
    const { blockLines, periodUs, startUs, jitter } = this.body;
    const j = index - this.preamble.length;
    const block = Math.floor(j / blockLines);
    const offset = j - block * blockLines;
    const burst = this.body.burst?.(block);
    let record = offset;
    let part = 0;
    let lines = 1;
    let records = blockLines;
    if (burst) {
      records = blockLines - burst.lines + 1;
      if (offset >= burst.offset + burst.lines) record = offset - burst.lines + 1;
      else if (offset >= burst.offset) {
        record = burst.offset;
        part = offset - burst.offset;
        lines = burst.lines;
      }
    }
    const span = blockLines * periodUs;
    const slot = span / records;
    const drift = jitter > 0 ? unit(mix(this.seed, block, record)) * jitter * slot : 0;
    const headUs = Math.floor(startUs + block * span + record * slot + drift);
    return { index, head: index - part, part, lines, headUs };
  }
}
