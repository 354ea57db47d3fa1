/**
 * A watch's initial events (the state at the start, as ADDED events, then for a watch-list the bookmark that ends
 * them) written a batch at a time, waiting for the socket to drain, as kube-apiserver's cacheWatcher streams them
 * (cache_watcher.go processInterval: one event at a time into the response, which blocks on a slow client): the
 * client gets the first objects while the rest are being encoded, and the server keeps serving other requests
 * meanwhile. Changes made while they are written come after them, in order (the watcher's input buffer).
 */
import type { ServerResponse } from 'node:http';
import { drained } from '../http/json.js';

/** Objects encoded (and written at once) between two looks at the socket and the event loop. */
const BATCH = 200;

/** The watch's output while its initial events are being written: changes wait behind them. */
export class InitialEvents {
  private queued: (() => string)[] | undefined = [];

  /**
   * @param res the watch's response
   * @param lines the initial events, encoded lazily (each item one line), then the end bookmark if any
   */
  constructor(
    private readonly res: ServerResponse,
    private readonly lines: Iterable<string>,
  ) {}

  /**
   * Writes a change (or a bookmark): now if the initial events are out, else after them. Encoded when written, so
   * that a Table watch's first row (the one with the column definitions) stays first.
   */
  write(line: () => string): void {
    if (this.queued) this.queued.push(line);
    else this.res.write(line());
  }

  /** Writes the initial events, then the changes that came meanwhile; resolves when done or the client left. */
  async run(): Promise<void> {
    const res = this.res;
    let n = 0;
    let batch = '';
    for (const line of this.lines) {
      if (res.destroyed) return;
      // One write (one chunk, a few TLS records) per batch, not one per object.
      batch += line;
      if (++n % BATCH !== 0) continue;
      res.write(batch);
      batch = '';
      await (res.writableNeedDrain ? drained(res) : new Promise<void>((r) => setImmediate(r)));
    }
    if (batch && !res.destroyed) res.write(batch);
    // The changes that came meanwhile go out the same way, a batch at a time behind the drain, and new ones queue
    // behind them until none is left: written at once, a minute's changes behind 100,000 initial events (85 MB at
    // 200 events/s) made the watch look like a slow watcher and be dropped (watch.ts MAX_BUFFERED) right after
    // its list was complete.
    const queued = this.queued ?? [];
    while (queued.length > 0 && !res.destroyed) {
      res.write(
        queued
          .splice(0, BATCH)
          .map((line) => line())
          .join(''),
      );
      await (res.writableNeedDrain ? drained(res) : new Promise<void>((r) => setImmediate(r)));
    }
    this.queued = undefined;
  }
}
