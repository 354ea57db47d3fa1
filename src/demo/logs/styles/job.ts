/** A batch job: progress lines through its planned run time, then "done". */
import type { ContainerRun } from '../../runtime.js';
import { between, mix } from '../hash.js';
import { FiniteScript, type LogScript } from '../script.js';
import { lastLineUs, spread } from './common.js';

/** The log of a run of a batch job. */
export function jobScript(run: ContainerRun): LogScript {
  const total = between(mix(run.seed, 1), 4, 40) * 25;
  const steps = between(mix(run.seed, 2), 4, 10);
  const endUs = lastLineUs(run, 3000);
  const texts = [`Starting batch job: ${total} items to process`];
  for (let k = 1; k <= steps; k++) texts.push(`Processed ${Math.round((total * k) / steps)}/${total} items`);
  texts.push(`done: ${total} items processed in ${(endUs / 1e6).toFixed(1)}s`);
  const times = spread(texts.length, between(mix(run.seed, 3), 30_000, 120_000), endUs, run.seed, 4);
  return new FiniteScript(texts.map((text, k) => ({ at: times[k]!, text })));
}
