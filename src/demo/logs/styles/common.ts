/** Pieces the log styles share: client addresses, the end of a finite log, evenly spread startup lines. */
import type { ContainerRun } from '../../runtime.js';
import { mix, unit } from '../hash.js';

/** The run's start in epoch microseconds: the origin of all of its lines' times. */
export function runStartUs(run: ContainerRun): number {
  return Math.round(run.startedAt * 1000);
}

/** The number a line carries (see seq.ts): its 1-based line number. */
export function seqOf(index: number): number {
  return index + 1;
}

/** A pod IP in the demo cluster's pod network (10.244.0.0/16, one /24 per node), chosen by the hash. */
export function podNetworkIp(hash: number): string {
  return `10.244.${hash % 4}.${2 + ((hash >>> 8) % 250)}`;
}

/**
 * When the last line of a log that ends (a crash, a job) is written, in microseconds after the start: shortly
 * before the run's planned exit, so that the line is in the log when the kubelet records the exit.
 */
export function lastLineUs(run: ContainerRun, defaultMs: number): number {
  const lifecycle = run.profile.lifecycle;
  const afterMs = lifecycle.kind === 'serve' ? defaultMs : lifecycle.afterMs;
  const marginMs = Math.min(100, afterMs * 0.1);
  return Math.max(1000, Math.floor((afterMs - marginMs) * 1000));
}

/**
 * `count` strictly increasing times from `fromUs` to `toUs` (both included when count > 1), evenly spaced with
 * a little seeded jitter so two runs don't tick in lockstep.
 */
export function spread(count: number, fromUs: number, toUs: number, seed: number, salt: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [Math.floor(toUs)];
  const step = (toUs - fromUs) / (count - 1);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const jitter = k === 0 || k === count - 1 ? 0 : (unit(mix(seed, salt, k)) - 0.5) * 0.6 * step;
    out.push(Math.floor(fromUs + k * step + jitter));
  }
  return out;
}
