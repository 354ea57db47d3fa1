/**
 * A container whose log tries to take over the terminal that prints it (image `podscope/hostile`): screen
 * clears, cursor moves, leaving the alternate screen, showing the cursor, a window title (OSC), mouse reporting,
 * a bell, a C1 CSI, a carriage return — between ordinary coloured lines. A viewer that prints log lines as they
 * are loses its screen; the tests use it to show podscope's stays intact.
 */
import type { ContainerRun } from '../../runtime.js';
import { between, mix } from '../hash.js';
import { PeriodicScript, type BodyLine } from '../periodic.js';
import type { LogScript } from '../script.js';
import { seqOf } from './common.js';

const ESC = '\u001b';

/** Each record's hostile part, in turn. */
export const HOSTILE_SAMPLES: readonly string[] = [
  `${ESC}[2J${ESC}[Hscreen cleared`,
  `${ESC}[?1049lleft the alternate screen`,
  `${ESC}]0;pwned by a log line${ESC}\\window title set`,
  `${ESC}[?25hcursor shown ${ESC}[10;10Hmoved`,
  `${ESC}[?1000hmouse reporting on`,
  `\u0007bell\u009b2Jc1 csi`,
  `${ESC}[31mred${ESC}[0m and ${ESC}[1mbold${ESC}[0m colours`,
  `carriage\rreturn`,
];

/** The log of a run of the hostile image. */
export function hostileScript(run: ContainerRun): LogScript {
  const seed = run.seed;
  const text = (line: BodyLine): string =>
    `HOSTILE ${HOSTILE_SAMPLES[line.index % HOSTILE_SAMPLES.length]!} reqId=req-${seqOf(line.index)}`;
  return new PeriodicScript(seed, [], {
    startUs: 100_000,
    periodUs: between(mix(seed, 3), 200_000, 300_000),
    blockLines: 8,
    jitter: 0,
    text,
  });
}
