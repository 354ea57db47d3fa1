/** A process that says a few words at startup and then nothing (a sidecar, a `sleep`-ing debug image). */
import type { ContainerRun } from '../../runtime.js';
import { isoSeconds } from '../clock.js';
import { between, mix } from '../hash.js';
import { FiniteScript, type LogScript } from '../script.js';
import { runStartUs, spread } from './common.js';

const MESSAGES = [
  'container started',
  'loaded configuration from /etc/config',
  'ready',
  'nothing to do, waiting for signals',
] as const;

/** The log of a run of a quiet process. */
export function quietScript(run: ContainerRun): LogScript {
  const startUs = runStartUs(run);
  const count = between(mix(run.seed, 1), 2, MESSAGES.length);
  const times = spread(count, between(mix(run.seed, 2), 20_000, 80_000), 400_000, run.seed, 3);
  return new FiniteScript(
    times.map((at, k) => ({
      at,
      text: `time="${isoSeconds(startUs + at)}" level=info msg="${MESSAGES[k]!}"`,
    })),
  );
}
