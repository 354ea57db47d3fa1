/**
 * The `subscribe`/`getSnapshot` pair that `useSyncExternalStore` wants, with publishing throttled: a store marks
 * itself changed as often as it likes (a watch can deliver hundreds of events a second), and subscribers hear
 * about it at most once per interval — the first change after a quiet spell at once, later ones coalesced.
 */
export class ThrottledPublisher<S> {
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private lastPublish = -Infinity;
  /** When the waiting publish is due: fixed when it is scheduled, so a longer interval set meanwhile waits for the next. */
  private dueAt = 0;
  private pending = false;
  private closed = false;
  private publishedCount = 0;

  /**
   * @param current the snapshot to serve until the first publish
   * @param build makes the next snapshot from the store's current state
   * @param intervalMs the least time between two publishes
   */
  constructor(
    private current: S,
    private readonly build: () => S,
    private intervalMs: number,
  ) {}

  /**
   * A new least time between publishes (a store may publish less often while it lists). A shorter one applies to a
   * publish already waiting; a longer one from the next.
   */
  setInterval(intervalMs: number): void {
    const sooner = intervalMs < this.intervalMs;
    this.intervalMs = intervalMs;
    if (sooner && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.schedule();
    }
  }

  /** Adds a listener called after each publish; returns its removal. */
  subscribe(listener: () => void): () => void {
    if (this.closed) return () => undefined;
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The latest published snapshot: the same object until the next publish. */
  getSnapshot(): S {
    return this.current;
  }

  /** How many snapshots have been published. */
  get published(): number {
    return this.publishedCount;
  }

  /** Something changed: publish soon, but not sooner than `intervalMs` after the last publish. */
  invalidate(): void {
    if (this.closed) return;
    this.pending = true;
    if (this.timer === undefined) this.schedule();
  }

  /** Stops publishing for good: no listener is called after this, and no timer is left behind. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private schedule(): void {
    this.dueAt = this.lastPublish + this.intervalMs;
    this.arm();
  }

  private arm(): void {
    // Even when due now, wait for the next turn of the event loop so that a synchronous burst is one publish.
    const wait = Math.max(0, Math.ceil(this.dueAt - performance.now()));
    this.timer = setTimeout(this.flush, wait);
  }

  private readonly flush = (): void => {
    this.timer = undefined;
    if (this.closed || !this.pending) return;
    // Timers may fire a fraction of a millisecond early; the interval is a promise to subscribers. The due time is
    // the one fixed when this publish was scheduled: PodStore lengthens the interval on a list's first rows, which
    // must still go out at once (re-reading the interval here held them back 250 ms: issue 17, launch → first rows).
    if (performance.now() < this.dueAt) return this.arm();
    this.pending = false;
    this.lastPublish = performance.now();
    this.current = this.build();
    this.publishedCount++;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // One subscriber's failure must not stop the others, nor the store (this runs on a timer, where a throw
        // would end the process).
      }
    }
  };
}
