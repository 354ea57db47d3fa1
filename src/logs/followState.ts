/** The state of a log stream, as a status line shows it. */

export type FollowState =
  | { kind: 'connecting' }
  | { kind: 'streaming' }
  /** The container has not started: the view shows the pod's events instead (`reason`: ContainerCreating…). */
  | { kind: 'waiting'; reason: string }
  | { kind: 'reconnecting'; attempt: number; retryInMs: number; error: string }
  /** Nothing more will come: the container finished, the pod went, previous logs were read, or a final error. */
  | { kind: 'ended'; reason: string };

/** "waiting: ContainerCreating", "reconnecting (attempt 2): connection reset", "ended: …". */
export function describeFollowState(state: FollowState): string {
  switch (state.kind) {
    case 'connecting':
    case 'streaming':
      return state.kind;
    case 'waiting':
      return `waiting: ${state.reason}`;
    case 'reconnecting':
      return `reconnecting (attempt ${state.attempt}, next in ${Math.ceil(state.retryInMs / 1000)}s): ${state.error}`;
    case 'ended':
      return `ended: ${state.reason}`;
    default: {
      const never: never = state;
      return String(never);
    }
  }
}
