/**
 * What a port-forward shows, and when it says so — shared by both kinds of forward (forward.ts, follow/): its
 * state, the row the forwards list shows (built again only after something changed), the change notice (none
 * once stopped), and the health check's back-off: a failed check is shown failed with the time of the next one,
 * which runs after `backoffDelay(attempt)`.
 */
import type { ForwardInfo, ForwardState } from '../../domain/portForwardView.js';
import { backoffDelay } from '../backoff.js';

export class ForwardStatus {
  #state: ForwardState;
  #info: ForwardInfo | undefined;
  #stopped = false;
  #retryTimer: NodeJS.Timeout | undefined;

  /** @param onChange called after anything shown changes, until stopped */
  constructor(
    initial: ForwardState,
    private readonly onChange: () => void,
  ) {
    this.#state = initial;
  }

  get state(): ForwardState {
    return this.#state;
  }

  /** Whether the forward was stopped (nothing more is shown or retried). */
  get stopped(): boolean {
    return this.#stopped;
  }

  set(state: ForwardState): void {
    this.#state = state;
    this.changed();
  }

  /** Something shown changed (connections, bytes, the pod): the row is built again. */
  readonly changed = (): void => {
    this.#info = undefined;
    if (!this.#stopped) this.onChange();
  };

  /** The row, from `build` when something changed since the last one; the same object until then. */
  info(build: (state: ForwardState) => ForwardInfo): ForwardInfo {
    this.#info ??= build(this.#state);
    return this.#info;
  }

  /** The check failed (its `attempt`-th in a row): failed with `reason` until `retry` runs after the back-off. */
  retryLater(reason: string, attempt: number, retry: () => void): void {
    const retryAt = Date.now() + backoffDelay(attempt);
    this.set({ kind: 'failed', reason, retryAt });
    this.#retryTimer = setTimeout(retry, retryAt - Date.now());
  }

  /** Drops a pending retry. */
  cancelRetry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  stop(): void {
    this.#stopped = true;
    this.cancelRetry();
  }
}
