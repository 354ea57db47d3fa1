/**
 * A run's log as a pure function: line i's time and text, computed on demand. Nothing is stored or timed per
 * container, so a cluster of 10,000 pods costs nothing until someone reads a log, and any range (a tail, a since,
 * a resumed follow) is produced directly.
 */
import type { ContainerRun } from '../runtime.js';
import { mix } from './hash.js';

/** A run's whole log, written or yet to be written. */
export interface LogScript {
  /**
   * When line `i` (0-based) is written, in whole microseconds after the run started; `Infinity` past the last line
   * of a log that ends. Never decreasing in `i`, so "the lines up to time t" is a prefix.
   */
  at(i: number): number;
  /** The text of line `i`, without its newline. Only asked for lines with a finite `at`. */
  text(i: number): string;
  /**
   * The nanoseconds (0–999) below line `i`'s microsecond. Only a script that writes several lines in one
   * microsecond has it, to keep the lines' full timestamps strictly increasing; others get {@link extraNanos}
   * (their `at` is strictly increasing already).
   */
  nanos?(i: number): number;
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

/** Microseconds from the run's start to an epoch-milliseconds time. */
function sinceStartUs(run: ContainerRun, ms: number): number {
  return Math.round(ms * 1000) - Math.round(run.startedAt * 1000);
}

/**
 * How many lines of the run's log exist at `nowMs`: those written by then (at ≤ now) and, for a run that has
 * finished, before it finished (at < finishedAt).
 */
export function linesDue(script: LogScript, run: ContainerRun, nowMs: number): number {
  const nowUs = sinceStartUs(run, nowMs);
  const dueUs = run.finishedAt === undefined ? nowUs : Math.min(nowUs, sinceStartUs(run, run.finishedAt) - 1);
  return linesThrough(script, dueUs);
}

/** The number of lines a finished run wrote in all; undefined while it runs. */
export function linesInAll(script: LogScript, run: ContainerRun): number | undefined {
  return run.finishedAt === undefined
    ? undefined
    : linesThrough(script, sinceStartUs(run, run.finishedAt) - 1);
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
