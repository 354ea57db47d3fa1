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

/**
 * One stream's lines waiting to be released, as parallel columns from `head` on: no object per line, since a line
 * held while a slower stream catches up lives long enough to be promoted, and a firehose holds many.
 */
interface Lane {
  name: string;
  /** Its place among the lanes: of two lines with the same time, the earlier lane's goes first. */
  index: number;
  times: string[];
  texts: string[];
  kinds: LineKind[];
  /** The first line not yet released. */
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
export type MergeSink = (container: string, time: string, text: string, kind: LineKind) => void;

/** Released lines kept at the head of a lane that never empties are cut off once there are this many. */
const COMPACT_AT = 4096;

export class Merger {
  private readonly lanes = new Map<string, Lane>();
  private pendingCount = 0;
  /** The lane the last line went to: a stream delivers a chunk of lines in a row, so this saves a lookup each. */
  private recent: Lane | undefined;

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
      index: this.lanes.size,
      times: [],
      texts: [],
      kinds: [],
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
    const lane = this.queue(container, time, text, kind);
    if (lane) lane.lastActivity = this.now();
  }

  /**
   * Queues a line of a chunk without reading the clock; `arrived` then marks the chunk's arrival once. The clock
   * read per line was a measurable share of a merged firehose's CPU time (bench:wlogs).
   */
  push(container: string, time: string, text: string): void {
    this.queue(container, time, text, 'line');
  }

  private queue(container: string, time: string, text: string, kind: LineKind): Lane | undefined {
    let lane = this.recent;
    if (lane === undefined || lane.name !== container) {
      lane = this.lanes.get(container);
      if (!lane) return undefined;
      this.recent = lane;
    }
    const t = time || lane.lastTime;
    if (t > lane.lastTime) lane.lastTime = t;
    lane.times.push(t);
    lane.texts.push(text);
    lane.kinds.push(kind);
    this.pendingCount++;
    return lane;
  }

  /** Data of `container` arrived now (the lines of a chunk were pushed). */
  arrived(container: string): void {
    const lane = this.lanes.get(container);
    if (lane) lane.lastActivity = this.now();
  }

  /** What a container's stream is doing now. */
  setPhase(container: string, phase: LanePhase): void {
    const lane = this.lanes.get(container);
    if (!lane || lane.phase === phase) return;
    lane.phase = phase;
    lane.lastActivity = this.now();
  }

  /**
   * Releases every line that no container can precede any more; `all` releases everything (at close).
   *
   * The lanes with lines wait in a min-heap by their first line's time, and the empty lanes that still hold the
   * others back reduce to one bound (the oldest newest-time among them): a line is released when its time is not
   * past that bound. The first lane then releases a run of lines — all that go before the next lane's first line
   * and are within the bound — before the heap is touched again, so a line costs one comparison of times and a
   * run O(log lanes): a workload's 50 streams made a linear scan per line a third of the CPU time of a merged
   * firehose, and a heap step per line a fifth (bench:wlogs).
   */
  flush(all = false): void {
    const now = this.now();
    const heap: Lane[] = [];
    /** The oldest `lastTime` of the empty lanes that may still deliver an older line ('' : anything). */
    let bound: string | undefined;
    const consider = (lane: Lane): void => {
      if (all || !this.holds(lane, now)) return;
      if (bound === undefined || lane.lastTime < bound) bound = lane.lastTime;
    };
    for (const lane of this.lanes.values()) {
      if (lane.head < lane.times.length) heapPush(heap, lane);
      else consider(lane);
    }
    while (heap.length > 0) {
      const best = heap[0]!;
      // The lane whose first line comes next after best's: a child of the root.
      const next =
        heap.length < 2 ? undefined : heap.length > 2 && before(heap[2]!, heap[1]!) ? heap[2] : heap[1];
      const nextTime = next === undefined ? undefined : next.times[next.head]!;
      const { times, texts, kinds } = best;
      const end = times.length;
      let h = best.head;
      while (h < end) {
        const t = times[h]!;
        if (bound !== undefined && (bound === '' || bound < t)) break;
        if (nextTime !== undefined && (t > nextTime || (t === nextTime && best.index > next!.index))) break;
        this.sink(best.name, t, texts[h]!, kinds[h]!);
        h++;
      }
      // Nothing released: best's first line is past the bound (it goes before next's by the heap's order).
      if (h === best.head) break;
      this.pendingCount -= h - best.head;
      best.head = h;
      if (h === end) {
        best.times = [];
        best.texts = [];
        best.kinds = [];
        best.head = 0;
        heapPop(heap);
        consider(best);
      } else {
        if (h >= COMPACT_AT && h * 2 >= end) compact(best);
        siftDown(heap, 0);
      }
    }
  }

  /** Whether a lane with no lines queued could still deliver a line older than its last one's successors. */
  private holds(lane: Lane, now: number): boolean {
    if (lane.phase === 'idle') return false;
    const firstRequest = lane.phase === 'connecting' && lane.lastTime === '';
    return now - lane.lastActivity < (firstRequest ? this.connectHoldMs : this.holdMs);
  }
}

/** Drops the released lines at a lane's head (a lane held behind a slower one never empties). */
function compact(lane: Lane): void {
  lane.times = lane.times.slice(lane.head);
  lane.texts = lane.texts.slice(lane.head);
  lane.kinds = lane.kinds.slice(lane.head);
  lane.head = 0;
}

/** Whether lane a's first line goes before lane b's. */
function before(a: Lane, b: Lane): boolean {
  const ta = a.times[a.head]!;
  const tb = b.times[b.head]!;
  return ta < tb || (ta === tb && a.index < b.index);
}

function heapPush(heap: Lane[], lane: Lane): void {
  let i = heap.push(lane) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function heapPop(heap: Lane[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  heap[0] = last;
  siftDown(heap, 0);
}

function siftDown(heap: Lane[], from: number): void {
  let i = from;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
    if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
}
