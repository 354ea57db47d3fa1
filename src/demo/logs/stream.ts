/**
 * One log response being written: lines of one run from a start index, optionally followed as time passes, with
 * the kubelet's `timestamps` prefix and `limitBytes` cut. Writing respects backpressure: at most one chunk is
 * built ahead of the socket, and the next waits for `drain`, so a firehose read by a slow client never piles up
 * in memory.
 */
import type { ServerResponse } from 'node:http';
import type { ContainerRun } from '../runtime.js';
import { rfc3339NanoFixed } from './clock.js';
import { extraNanos, linesDue, linesInAll, type LogScript } from './script.js';

/** Characters per write: large enough for throughput, small enough to keep one chunk's memory trivial. */
const CHUNK_CHARS = 64 * 1024;
/** Writes in one turn of the event loop before yielding to other sockets. */
const WRITES_PER_TURN = 8;
/** Longest sleep between checks while following, so a clock that jumps (tests) is noticed within a second. */
const MAX_SLEEP_MS = 1000;

/** How a stream writes. */
export interface StreamOptions {
  follow: boolean;
  timestamps: boolean;
  limitBytes?: number;
  /** Without follow: the index after the last line to write (the log as it stood when the request came). */
  until?: number;
}

/** How a stream is stopped from outside: `abort` destroys the socket like a network drop, `end` ends cleanly. */
export type StopMode = 'abort' | 'end';

/** An open log response. */
export class LogStream {
  private current: ContainerRun;
  private readonly startUs: number;
  private next: number;
  private bytesLeft: number;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private waitingForDrain = false;
  private done = false;

  constructor(
    private readonly res: ServerResponse,
    run: ContainerRun,
    private readonly script: LogScript,
    start: number,
    private readonly options: StreamOptions,
    private readonly now: () => number,
    private readonly onClose: (stream: LogStream) => void,
  ) {
    this.current = run;
    this.startUs = Math.round(run.startedAt * 1000);
    this.next = start;
    this.bytesLeft = options.limitBytes ?? Number.POSITIVE_INFINITY;
    res.on('close', () => this.cleanup());
    // A client that goes away mid-write makes the write fail; that is the normal end of a follow, not an error.
    res.on('error', () => this.cleanup());
  }

  /** The run this stream reads. */
  get run(): ContainerRun {
    return this.current;
  }

  /** Sends the headers (at once, as the API server flushes them before any log data) and starts writing. */
  start(): void {
    // The client may have gone before the request got here; its `close` event has then already fired.
    if (this.res.destroyed) {
      this.cleanup();
      return;
    }
    this.res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    this.res.flushHeaders();
    this.pump();
  }

  /** The run changed (it finished, most likely): write what is due and end if it is over. */
  setRun(run: ContainerRun): void {
    this.current = run;
    this.pump();
  }

  /** Stops the stream from the server side. */
  stop(mode: StopMode): void {
    if (this.done) return;
    if (mode === 'end') {
      this.finish();
      return;
    }
    this.res.destroy();
    // Forget it now rather than on the socket's `close`, so the caller sees the drop take effect at once.
    this.cleanup();
  }

  private readonly pump = (): void => {
    if (this.done || this.waitingForDrain) return;
    this.clearTimers();
    const nowMs = this.now();
    const due = this.options.until ?? linesDue(this.script, this.current, nowMs);
    for (let writes = 0; this.next < due; writes++) {
      if (writes === WRITES_PER_TURN) {
        this.immediate = setImmediate(this.pump);
        return;
      }
      if (!this.write(this.chunk(due))) return;
    }
    const total = linesInAll(this.script, this.current);
    const complete = !this.options.follow || (total !== undefined && this.next >= total);
    if (complete) {
      this.finish();
      return;
    }
    const nextUs = this.script.at(this.next);
    // A log that has ended waits for the run to finish (a runtime event), with nothing to poll for.
    if (!Number.isFinite(nextUs)) return;
    const sleep = Math.min(MAX_SLEEP_MS, Math.max(1, Math.ceil((this.startUs + nextUs) / 1000 - nowMs)));
    this.timer = setTimeout(this.pump, sleep);
  };

  private chunk(due: number): string {
    let out = '';
    const seed = this.current.seed;
    while (this.next < due && out.length < CHUNK_CHARS) {
      const i = this.next++;
      const text = this.script.text(i);
      out += this.options.timestamps
        ? `${rfc3339NanoFixed(this.startUs + this.script.at(i), this.script.nanos?.(i) ?? extraNanos(seed, i))} ${text}\n`
        : `${text}\n`;
    }
    return out;
  }

  /** Writes a chunk; false when writing must pause (for drain) or has ended (byte limit reached). */
  private write(chunk: string): boolean {
    if (this.res.destroyed || this.res.writableEnded) {
      this.cleanup();
      return false;
    }
    let data: string | Buffer = chunk;
    if (Number.isFinite(this.bytesLeft)) {
      const bytes = Buffer.from(chunk, 'utf8');
      // The kubelet cuts the line that crosses the limit and stops there, even mid-line or mid-character.
      if (bytes.length >= this.bytesLeft) {
        this.res.write(bytes.subarray(0, this.bytesLeft));
        this.finish();
        return false;
      }
      this.bytesLeft -= bytes.length;
      data = bytes;
    }
    if (this.res.write(data)) return true;
    this.waitingForDrain = true;
    this.res.once('drain', () => {
      this.waitingForDrain = false;
      this.pump();
    });
    return false;
  }

  private finish(): void {
    if (this.done) return;
    this.cleanup();
    this.res.end();
  }

  private cleanup(): void {
    if (this.done) return;
    this.done = true;
    this.clearTimers();
    this.onClose(this);
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}
