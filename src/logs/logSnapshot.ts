/** What a log view renders from: one immutable snapshot of a LogSession, replaced on every change. */
import type { FollowState } from './followState.js';
import type { SinceOption } from './sinceOption.js';

export interface ContainerState {
  name: string;
  state: FollowState;
}

export interface LogSnapshot {
  /** Increases with every snapshot. */
  version: number;
  namespace: string;
  pod: string;
  /** One container, or several merged in time order (`merged`). */
  containers: readonly string[];
  merged: boolean;
  previous: boolean;
  since: SinceOption;
  /** The session's state: one container's, or for several the most telling of theirs (see `sessionState`). */
  state: FollowState;
  /** Each container's own state. */
  containerStates: readonly ContainerState[];
  /** Sequence number of the oldest retained line; `nextSeq - firstSeq` lines are retained. */
  firstSeq: number;
  /** Sequence number the next line will get. */
  nextSeq: number;
  /** Lines received from the containers (markers not counted). */
  received: number;
  /** Lines evicted to stay within the memory bound. */
  evicted: number;
  /** Lines a resumed stream repeated, dropped. */
  duplicates: number;
  /** Streams reopened after an interruption. */
  reconnects: number;
  /** Container restarts seen while following. */
  restarts: number;
  /** Bytes of the retained lines (UTF-8 text and time, and their index), and the bound. */
  bytes: number;
  maxBytes: number;
  /**
   * How far the newest line received is behind the wall clock, in seconds, while lines are flowing (0 when
   * caught up, or when nothing arrived in the last second). A view shows "lagging Ns" above a threshold.
   */
  lagSeconds: number;
}
