/** What a `Reflector` reports about itself: where it is in list → watch, and what it has done so far. */
import type { Failure } from '../errors.js';

export type ReflectorState =
  /**
   * Paging through a list (the first, or a relist); `total` once the server has said how many. `relist`: the
   * store was listed before (a 410 Gone, a cut list stream): what it shows meanwhile is the last list's rows.
   */
  | { kind: 'listing'; loaded: number; total?: number; relist?: true }
  /** Listed, and a watch is open: the store follows the cluster. */
  | { kind: 'live' }
  /**
   * A watch is open but nothing came on it, not even a bookmark, for longer than the server's bookmark interval
   * (`silentMs`, whole seconds). Only with `detectQuiet`.
   */
  | { kind: 'quiet'; silentMs: number }
  /**
   * The last attempt failed (or a list page is being asked for again); the next starts in `retryInMs`.
   * `throttled`: the server answered 429 and the wait honours its Retry-After.
   */
  | { kind: 'reconnecting'; attempt: number; error: string; retryInMs: number; throttled?: boolean }
  /** A failure that retrying will not fix: the reflector has stopped. */
  | { kind: 'failed'; failure: Failure };

/**
 * The states a store that shows no list progress and no silence passes on (one pod's detail, its events):
 * live, reconnecting with why, or failed for good.
 */
export type ListWatchState = Extract<ReflectorState, { kind: 'live' | 'reconnecting' | 'failed' }>;

/**
 * The state such a store shows, or undefined for one it does not (`listing`, `quiet`), which leaves its
 * previous state standing.
 * @param state what the reflector reported
 */
export function listWatchState(state: ReflectorState): ListWatchState | undefined {
  return state.kind === 'listing' || state.kind === 'quiet' ? undefined : state;
}

/** Counters for tests and benchmarks. */
export interface ReflectorStats {
  /** Lists started (the first, and every relist). */
  lists: number;
  /** Watch requests made. */
  watches: number;
  /** Watch events received (bookmarks included). */
  events: number;
  /** Objects the decoder refused (left out of the store). */
  skipped: number;
  /** Lists completed as a watch-list stream (the rest were paged). */
  streamed: number;
  /** Paged lists finished as one unpaged list after a continue token expired (client-go's FullListIfExpired). */
  fullLists: number;
}
