/**
 * All containers of a pod in one view, in timestamp order. Each container's log is in order on its own, but the
 * streams arrive independently, so a line is held until no other container can still deliver an older one: a
 * container holds the others back while its newest line is older than the candidate and it has received data
 * (or started) within `holdMs` — a quiet container is taken to be caught up, and one that is waiting or ended
 * does not hold anything. A container still making its first request holds the others for up to `connectHoldMs`:
 * its whole history is older than what the others are already streaming, and on a busy machine or API server the
 * request can take far longer than `holdMs` (a CI run saw the first lines out of order that way). A line that
 * arrives later than that is appended where it arrives (never dropped).
 */

import type { LineKind } from './logLine.js';

export interface PendingLine {
  time: string;
  text: string;
  kind: LineKind;
}

interface Lane {
  name: string;
  queue: PendingLine[];
  head: number;
  /** The newest time received from this container. */
  lastTime: string;
  /** When data last arrived, or the lane's phase changed. */
  lastActivity: number;
  phase: LanePhase;
}

/**
 * What a container's stream is doing: making a request (`connecting`), able to deliver lines (`streaming`, which
 * includes reconnecting after a cut: it resumes after its last line), or not (`idle`: waiting or ended).
 */
export type LanePhase = 'connecting' | 'streaming' | 'idle';

/** Receives merged lines in order. */
export type MergeSink = (container: string, line: PendingLine) => void;

export class Merger {
  private readonly lanes = new Map<string, Lane>();
  private pendingCount = 0;

  constructor(
    containers: readonly string[],
    private readonly sink: MergeSink,
    private readonly holdMs = 300,
    private readonly connectHoldMs = 5000,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    for (const name of containers) this.addLane(name);
  }

  /**
   * A new stream to merge (a workload's pod that joined): it holds the others as a connecting lane does, so its
   * first lines take their place in time. Adding a lane that exists does nothing.
   */
  addLane(name: string): void {
    if (this.lanes.has(name)) return;
    this.lanes.set(name, {
      name,
      queue: [],
      head: 0,
      lastTime: '',
      lastActivity: this.now(),
      phase: 'connecting',
    });
  }

  /** Lines held back, waiting for the other containers. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Queues a line (a marker takes its container's last time, so it stays after that container's lines). */
  add(container: string, time: string, text: string, kind: LineKind = 'line'): void {
    const lane = this.lanes.get(container);
    if (!lane) return;
    const t = time || lane.lastTime;
    if (t > lane.lastTime) lane.lastTime = t;
    lane.lastActivity = this.now();
    lane.queue.push({ time: t, text, kind });
    this.pendingCount++;
  }

  /** What a container's stream is doing now. */
  setPhase(container: string, phase: LanePhase): void {
    const lane = this.lanes.get(container);
    if (!lane || lane.phase === phase) return;
    lane.phase = phase;
    lane.lastActivity = this.now();
  }

  /** Releases every line that no container can precede any more; `all` releases everything (at close). */
  flush(all = false): void {
    const now = this.now();
    const lanes = [...this.lanes.values()];
    for (;;) {
      let best: Lane | undefined;
      for (const lane of lanes) {
        if (
          lane.head < lane.queue.length &&
          (!best || lane.queue[lane.head]!.time < best.queue[best.head]!.time)
        ) {
          best = lane;
        }
      }
      if (!best) break;
      const line = best.queue[best.head]!;
      if (!all && lanes.some((l) => l !== best && this.mayPrecede(l, line.time, now))) break;
      best.head++;
      this.pendingCount--;
      this.sink(best.name, line);
      if (best.head === best.queue.length) {
        best.queue = [];
        best.head = 0;
      }
    }
  }

  /** Whether an empty lane could still deliver a line older than `time`. */
  private mayPrecede(lane: Lane, time: string, now: number): boolean {
    if (lane.head < lane.queue.length) return false; // its own head was compared already
    if (lane.phase === 'idle') return false;
    if (lane.lastTime !== '' && lane.lastTime >= time) return false;
    const firstRequest = lane.phase === 'connecting' && lane.lastTime === '';
    return now - lane.lastActivity < (firstRequest ? this.connectHoldMs : this.holdMs);
  }
}
