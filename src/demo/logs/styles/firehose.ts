/**
 * A benchmark source: ten lines every microsecond (10 million a second, about 1 GB/s), far more than a socket
 * carries, so a follow is limited only by how fast the socket drains and the CPU makes lines. The lines are still a
 * function of time like every other log (a since or a resumed follow works the same), they are cheap to make (no
 * calendar formatting), and about 90 bytes long.
 */
import type { ContainerRun } from '../../runtime.js';
import type { LogScript } from '../script.js';
import { seqOf } from './common.js';

/** Lines the firehose writes per microsecond. */
export const FIREHOSE_LINES_PER_US = 10;

/** When the first line comes, in microseconds after the start. */
const FIRST_US = 1000;

const FILLER = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(2);

class FirehoseScript implements LogScript {
  constructor(private readonly shift: number) {}

  at(i: number): number {
    return FIRST_US + Math.floor(i / FIREHOSE_LINES_PER_US);
  }

  nanos(i: number): number {
    return (i % FIREHOSE_LINES_PER_US) * (1000 / FIREHOSE_LINES_PER_US);
  }

  text(i: number): string {
    const offset = (i + this.shift) % 62;
    return `level=info msg="firehose" reqId=req-${seqOf(i)} payload=${FILLER.slice(offset, offset + 56)}`;
  }
}

/** The log of a run of the firehose. */
export function firehoseScript(run: ContainerRun): LogScript {
  return new FirehoseScript(run.seed % 62);
}
