/**
 * A benchmark source: a line every 2 µs (500,000 lines a second), more than any reader takes, so a follow is
 * limited only by how fast the socket drains. Lines are cheap to make (no calendar formatting) and about 100 bytes.
 */
import type { ContainerRun } from '../../runtime.js';
import { PeriodicScript } from '../periodic.js';
import type { LogScript } from '../script.js';
import { seqOf } from './common.js';

/** Microseconds between firehose lines. */
export const FIREHOSE_PERIOD_US = 2;

const FILLER = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(2);

/** The log of a run of the firehose. */
export function firehoseScript(run: ContainerRun): LogScript {
  const shift = run.seed % 62;
  return new PeriodicScript(run.seed, [], {
    startUs: 1000,
    periodUs: FIREHOSE_PERIOD_US,
    blockLines: 1,
    jitter: 0,
    text: ({ index }) => {
      const offset = (index + shift) % 62;
      return `seq=${seqOf(index)} level=info msg="firehose" payload=${FILLER.slice(offset, offset + 56)}`;
    },
  });
}
