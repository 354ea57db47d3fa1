/**
 * Which of a store's publishes wake React. Every commit makes Ink lay out the whole screen again, so a pods flush
 * that changed nothing on screen (under churn, most of them: the changed pods are off-screen) should not commit.
 * The gate wraps a store: each publish is judged by `decide` — `now` passes it on at once, `later` coalesces it
 * into one wake-up at most every `laterMs` (what is not visible at once, such as the header's counts, still
 * catches up). `getSnapshot` always answers the store's latest, so any render, whatever caused it, is current.
 */
import type { ExternalStore } from './hooks/useExternalStore.js';

/** What to do with one publish. */
export type GateDecision = 'now' | 'later';

export class RenderGate<S> implements ExternalStore<S> {
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastWake = -Infinity;

  /** Judges a publish; set by the view from its latest render. Until then every publish passes at once. */
  decide: (snapshot: S) => GateDecision = () => 'now';

  /**
   * @param store the store whose publishes are gated
   * @param laterMs the longest a `later` publish waits (counted from the previous wake-up)
   */
  constructor(
    private readonly store: ExternalStore<S>,
    private readonly laterMs = 500,
  ) {}

  /** Starts the store and listens to it. */
  start(): void {
    this.unsubscribe ??= this.store.subscribe(this.onPublish);
    this.store.start();
  }

  /** Stops the store; no listener is called afterwards. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.store.stop();
    this.listeners.clear();
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** The store's latest snapshot, whether or not its publish has been passed on yet. */
  readonly getSnapshot = (): S => this.store.getSnapshot();

  private readonly onPublish = (): void => {
    let decision: GateDecision = 'now';
    try {
      decision = this.decide(this.store.getSnapshot());
    } catch {
      // A judge that fails must not hold updates back.
    }
    if (decision === 'now') return this.wake();
    if (this.timer === undefined)
      this.timer = setTimeout(this.wake, Math.max(0, this.lastWake + this.laterMs - performance.now()));
  };

  private readonly wake = (): void => {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastWake = performance.now();
    for (const listener of [...this.listeners]) listener();
  };
}
