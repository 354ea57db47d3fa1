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
  /** A workload's logs (many pods merged): its pods and the stream cap. */
  workload?: WorkloadSnapshot;
}

/** One pod of a workload's logs, as the view lists it. */
export interface WorkloadPod {
  name: string;
  /** The short name its lines are prefixed with (the name's distinctive end), and its colour (xterm-256). */
  short: string;
  color: number;
  /** `following`, `left` (deleted, or no longer selected), or `capped` (beyond the stream cap: not followed). */
  status: 'following' | 'left' | 'capped';
  /** Lines received from its containers. */
  lines: number;
  /** Of those, evicted from the buffer to stay within its memory bound (never dropped silently). */
  evicted: number;
  /** Its streams' reconnects (each resumed from sinceTime, the overlap dropped). */
  reconnects: number;
}

/** What a workload's logs follow. */
export interface WorkloadSnapshot {
  /** What was asked for: `deploy/web-app`, `-l app=web`. */
  target: string;
  /** The selector the pods are found by, as sent to the server. */
  selector: string;
  /** Pods, in the order they joined. */
  pods: readonly WorkloadPod[];
  /** The stream cap (stern's and kubectl's --max-log-requests default, 50) and how many streams are open. */
  maxStreams: number;
  streams: number;
  /** The pod list's state: '' while it is live, else why it is not (`listing…`, a failure). */
  podsState: string;
}
