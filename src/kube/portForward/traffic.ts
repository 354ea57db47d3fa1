/** The bytes a forward has moved each way, counted as its pipes report them (shared by both kinds of forward). */
import type { TrafficCounter } from './pipeConnection.js';

export class Traffic implements TrafficCounter {
  /** Bytes received from the pod, over every connection so far. */
  fromPodBytes = 0;
  /** Bytes sent to the pod, over every connection so far. */
  toPodBytes = 0;

  /** @param changed called after every count (the forward republishes its info) */
  constructor(private readonly changed: () => void) {}

  readonly fromPod = (n: number): void => {
    this.fromPodBytes += n;
    this.changed();
  };

  readonly toPod = (n: number): void => {
    this.toPodBytes += n;
    this.changed();
  };
}
