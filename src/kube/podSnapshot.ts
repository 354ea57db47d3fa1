/** What a `PodStore` publishes: the pods it holds and how well they reflect the cluster. */
import type { Pod } from '../domain/wire.js';

/** Where the store is in list → watch, for the status bar. */
export type SyncState =
  /** Before the first answer. */
  | { kind: 'connecting' }
  /**
   * Paging through the list; `total` once the server has said how many (remainingItemCount). `relist`: listing
   * again after a cut (410 Gone), the previous rows kept meanwhile.
   */
  | { kind: 'listing'; loaded: number; total?: number; relist?: true }
  /** Listed, and a watch is open: rows follow the cluster. */
  | { kind: 'live' }
  /**
   * A watch is open but nothing came on it, not even a bookmark, for longer than the server's bookmark interval
   * (`silentMs`, whole seconds): the connection may be stalled, and the rows may be out of date.
   */
  | { kind: 'quiet'; silentMs: number }
  /** The last attempt failed; the next one starts in `retryInMs` (counted from when this state was published). */
  /** `throttled`: the server answered 429 (API priority and fairness); the wait honours its Retry-After. */
  | { kind: 'reconnecting'; attempt: number; error: string; retryInMs: number; throttled?: boolean }
  /** A failure that retrying will not fix (bad credentials, no permission to list): the store has stopped. */
  | { kind: 'error'; message: string };

/** An immutable picture of the store; a new object (and a higher `version`) whenever anything changed. */
export interface PodSnapshot {
  /** Slim pods (see `slimPod`) by "namespace/name". Iteration order is not meaningful. */
  pods: ReadonlyMap<string, Pod>;
  /** Increases with every snapshot published. */
  version: number;
  sync: SyncState;
  /**
   * The rows may show what the server no longer has: true from a failure (or a 410 relist) until the store is
   * live again. The rows are kept meanwhile, so the user still sees the last known state.
   */
  stale: boolean;
  /** The last failure, one line, while reconnecting or in error. */
  error?: string;
}
