/**
 * A run's log as a pure function: line i's time and text, computed on demand. Nothing is stored or timed per
 * container, so a cluster of 10,000 pods costs nothing until someone reads a log, and any range (a tail, a since,
 * a resumed follow) is produced directly.
 */
import { mix } from './hash.js';

/** A run's whole log, written or yet to be written. */
export interface LogScript {
  /**
   * When line `i` (0-based) is written, in microseconds after the run started; `Infinity` past the last line of a
   * log that ends. Strictly increasing in `i`, so "the lines up to time t" is a prefix.
   */
  at(i: number): number;
  /** The text of line `i`, without its newline. Only asked for lines with a finite `at`. */
  text(i: number): string;
}

/** A line of a fixed list: its time in microseconds after the run started, and its text. */
export interface TimedLine {
  at: number;
  text: string;
}

/** A log that is a short fixed list of lines (startup banners, a job's whole output). */
export class FiniteScript implements LogScript {
  constructor(private readonly lines: readonly TimedLine[]) {}

  at(i: number): number {
    return this.lines[i]?.at ?? Number.POSITIVE_INFINITY;
  }

  text(i: number): string {
    return this.lines[i]?.text ?? '';
  }
}

/** The number of lines written at or before `us` microseconds after the start: the index of the first later one. */
export function linesThrough(script: LogScript, us: number): number {
  return firstIndexWhere((i) => script.at(i) > us);
}

/** The number of lines written strictly before `us` microseconds after the start. */
export function linesBefore(script: LogScript, us: number): number {
  return firstIndexWhere((i) => script.at(i) >= us);
}

/** The least i ≥ 0 for which the monotone `pred` holds: a doubling search, then bisection (O(log n) calls). */
function firstIndexWhere(pred: (i: number) => boolean): number {
  if (pred(0)) return 0;
  let lo = 0; // pred(lo) is false
  let hi = 1;
  while (!pred(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (pred(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The nanoseconds below the microsecond of line `i`'s timestamp: real runtimes stamp lines to the nanosecond, and
 * fixed zeros would look fake in `timestamps=true` output.
 */
export function extraNanos(seed: number, i: number): number {
  return mix(seed, i, 0x6e73) % 1000;
}
