/**
 * Timing probes for the benchmarks (test/bench/dashboard.mjs), off unless PODSCOPE_BENCH=1: keypress → frame
 * written, launch → first frame with rows, and the steps between (`probeMark`: where launch → first rows goes).
 * Lines go to the --debug file; nothing is printed.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { debug } from '../debugLog.js';

const enabled = process.env['PODSCOPE_BENCH'] === '1';
const launchedAt = Number(process.env['PODSCOPE_BENCH_T0'] ?? NaN);

let keyAt: number | undefined;
let rowsPending = false;
let rowsLogged = false;
const marked = new Set<string>();
const sinceLaunch = (): string => (Number.isNaN(launchedAt) ? 'NaN' : (Date.now() - launchedAt).toFixed(0));

/** A step of the start-up reached (the first time only), as ms after launch. */
export function probeMark(step: string): void {
  if (!enabled || marked.has(step)) return;
  marked.add(step);
  debug(`bench mark ${step} ${sinceLaunch()} ms after launch`);
}

/** A key arrived (call before handling it). */
export function probeKey(): void {
  if (enabled) keyAt = performance.now();
}

/** Rows are on screen for the first time (the next frame written shows them). */
export function probeRows(): void {
  if (enabled && !rowsLogged) rowsPending = true;
}

/** Ink wrote a frame. */
export function probeFrame(): void {
  if (!enabled) return;
  probeMark('first-frame');
  if (keyAt !== undefined) {
    debug(`bench key->frame ${(performance.now() - keyAt).toFixed(2)} ms`);
    keyAt = undefined;
  }
  if (rowsPending) {
    rowsPending = false;
    rowsLogged = true;
    debug(`bench first-rows-frame ${sinceLaunch()} ms after launch`);
  }
}

if (enabled) {
  // Memory over time, to see where RSS goes (heap, external buffers, or neither: code and allocator).
  setInterval(() => {
    const m = process.memoryUsage();
    const mib = (n: number): string => (n / 1048576).toFixed(0);
    const spaces = getHeapSpaceStatistics()
      .filter((s) => s.space_size >= 1048576)
      .map((s) => `${s.space_name.replace('_space', '')}=${mib(s.space_size)}`)
      .join(' ');
    debug(
      `bench mem rss=${mib(m.rss)} heapUsed=${mib(m.heapUsed)} heapTotal=${mib(m.heapTotal)} external=${mib(m.external)} arrayBuffers=${mib(m.arrayBuffers)} (${spaces})`,
    );
  }, 2000).unref();
}
