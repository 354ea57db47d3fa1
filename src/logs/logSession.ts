/**
 * A log view's data, outside React: one follower per container (one, or all of the pod's merged in time order
 * with a container prefix), a memory-bounded buffer of every line received, counters and state — published as
 * immutable snapshots at most every `flushMs` for `useSyncExternalStore`. Lines are never dropped to keep up with
 * the screen: the buffer takes every line at once and the view, which reads only the window it shows
 * (`lines(from, to)`), simply sees more of them at its next frame.
 */
import type { KubeConfigLike } from '../kube/plainKubeConfig.js';
import { ThrottledPublisher } from '../kube/throttledPublisher.js';
import { ContainerFollower, type FollowCounters, type FollowSink } from './containerFollower.js';
import type { FollowState } from './followState.js';
import { DEFAULT_MAX_BYTES, LineBuffer } from './lineBuffer.js';
import type { LogLine } from './logLine.js';
import type { ContainerState, LogSnapshot, WorkloadSnapshot } from './logSnapshot.js';
import { Merger, type LanePhase } from './merge.js';
import { saveLines, type SaveResult } from './saveLines.js';
import type { SinceOption } from './sinceOption.js';
import { timestampMs } from './timestamp.js';

export type { LogSnapshot } from './logSnapshot.js';

export interface LogSessionOptions {
  namespace: string;
  pod: string;
  /** The container to follow, or several (all of the pod's) to merge. */
  containers: readonly string[];
  /** Where the logs start (default `all`, as `kubectl logs -f`). */
  since?: SinceOption;
  /** Read the previous run of the container instead of following. */
  previous?: boolean;
  /** The memory bound of the buffer in bytes (default about 50 MB). */
  maxBytes?: number;
  /** The least time between two snapshots (100 ms). */
  flushMs?: number;
  /** How often the pod is polled while a container waits to start (1 s). */
  pollMs?: number;
  /**
   * Streams are added later with `addStream` (a workload's pods as they come): `containers` may be empty, and the
   * lines are always merged with a prefix. `pod` then names the workload (`deploy/web-app`) in the snapshot and
   * the saved file's name.
   */
  dynamic?: boolean;
  /** What the snapshot says of the workload (its pods, the cap), read at each snapshot. */
  workload?: () => WorkloadSnapshot;
}

/** One followed stream: a pod's container, named `key` in the buffer (the container, or `pod/container`). */
export interface StreamSpec {
  key: string;
  pod: string;
  container: string;
  /** The pod's namespace when it is not the session's (a selector over all namespaces). */
  namespace?: string;
  /** Where this stream starts, when not where the session's do (a pod that joined later: all of it). */
  since?: SinceOption;
}

/** Order of precedence when several containers' states are summarised in one. */
/** What the merge makes of a container's stream state. */
function lanePhase(state: FollowState): LanePhase {
  if (state.kind === 'connecting') return 'connecting';
  return state.kind === 'streaming' || state.kind === 'reconnecting' ? 'streaming' : 'idle';
}

const PRECEDENCE: FollowState['kind'][] = ['streaming', 'reconnecting', 'connecting', 'waiting', 'ended'];

/** The session state for several containers: streaming if any streams, else the next most active. */
export function sessionState(states: readonly ContainerState[]): FollowState {
  for (const kind of PRECEDENCE) {
    const found = states.find((s) => s.state.kind === kind);
    if (found) return found.state;
  }
  return { kind: 'connecting' };
}

/** Lines are flowing when one arrived this recently; only then is a lag reported. */
const FLOWING_MS = 1000;

export class LogSession {
  readonly buffer: LineBuffer;
  /** The streams in the order they were added, each with its follower. */
  private readonly followers = new Map<string, ContainerFollower>();
  private readonly streams: StreamSpec[] = [];
  private readonly sink: FollowSink;
  private readonly states = new Map<string, FollowState>();
  private readonly publisher: ThrottledPublisher<LogSnapshot>;
  private readonly merger: Merger | undefined;
  private readonly since: SinceOption;
  private timer: NodeJS.Timeout | undefined;
  private version = 0;
  /** Per container: the newest line's time and when a line last arrived (performance.now()). */
  private readonly newest = new Map<string, { time: string; arrival: number }>();
  private started = false;
  private closed = false;

  /**
   * @param kc the kubeconfig (its current context)
   * @param opts the pod, its container(s), since/previous, the memory bound
   */
  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: LogSessionOptions,
  ) {
    if (opts.containers.length === 0 && !opts.dynamic)
      throw new Error('a log session needs at least one container');
    this.since = opts.since ?? { kind: 'all' };
    this.buffer = new LineBuffer(opts.maxBytes ?? DEFAULT_MAX_BYTES);
    this.merger = this.merged
      ? new Merger(opts.containers, (container, time, text, kind) =>
          this.buffer.append(container, time, text, kind),
        )
      : undefined;
    this.sink = {
      // Per line only what must be: the clock is read once per chunk (in `flush`).
      line: (container, time, text) => {
        if (this.merger) this.merger.push(container, time, text);
        else this.buffer.append(container, time, text, 'line');
      },
      marker: (container, kind, text) => {
        if (this.merger) this.merger.add(container, '', text, kind);
        else this.buffer.append(container, '', text, kind);
      },
      flush: (container, newest) => {
        if (newest !== undefined) {
          const arrival = performance.now();
          const n = this.newest.get(container);
          if (!n) this.newest.set(container, { time: newest, arrival });
          else {
            if (newest > n.time) n.time = newest;
            n.arrival = arrival;
          }
          this.merger?.arrived(container);
        }
        this.merger?.flush();
        this.publisher.invalidate();
      },
      state: (container, state) => {
        this.states.set(container, state);
        this.merger?.setPhase(container, lanePhase(state));
        this.publisher.invalidate();
      },
    };
    for (const container of opts.containers) this.follow({ key: container, pod: opts.pod, container });
    this.publisher = new ThrottledPublisher(this.build(), () => this.build(), opts.flushMs ?? 100);
  }

  /** Whether lines of several streams are merged in time order with a prefix. */
  get merged(): boolean {
    return this.opts.dynamic === true || this.opts.containers.length > 1;
  }

  /** The streams followed so far, in the order they were added. */
  get streamList(): readonly StreamSpec[] {
    return this.streams;
  }

  /** A stream's follower counters (lines, duplicates, reconnects, restarts), if it is followed. */
  countersOf(key: string): FollowCounters | undefined {
    return this.followers.get(key)?.counters;
  }

  /**
   * Follows one more stream (a workload's pod that joined), started at once when the session has started.
   * Adding a key twice does nothing.
   */
  addStream(spec: StreamSpec): void {
    this.follow(spec);
    this.publisher.invalidate();
  }

  /** Publishes a new snapshot soon (something `opts.workload` describes changed). */
  invalidate(): void {
    if (!this.closed) this.publisher.invalidate();
  }

  private follow(spec: StreamSpec): void {
    if (this.closed || this.followers.has(spec.key)) return;
    const follower = new ContainerFollower(
      this.kc,
      {
        namespace: spec.namespace ?? this.opts.namespace,
        pod: spec.pod,
        container: spec.container,
        key: spec.key,
        since: spec.since ?? this.since,
        previous: this.opts.previous ?? false,
        ...(this.opts.pollMs !== undefined ? { pollMs: this.opts.pollMs } : {}),
      },
      this.sink,
    );
    this.streams.push(spec);
    this.followers.set(spec.key, follower);
    this.states.set(spec.key, { kind: 'connecting' });
    this.merger?.addLane(spec.key);
    if (this.started) void follower.start();
  }

  /** Wakes a stream that waits for its container (its pod just changed): see ContainerFollower.wake. */
  wakeStream(key: string): void {
    this.followers.get(key)?.wake();
  }

  /** Stops one stream (its pod left and its stream did not end on its own); its lines stay. */
  stopStream(key: string): void {
    const follower = this.followers.get(key);
    if (!follower) return;
    follower.stop();
    this.sink.state(key, { kind: 'ended', reason: 'stopped' });
  }

  /** A line of podscope's own (a pod joined or left), merged in time order on the stream `key`'s lane. */
  note(key: string, time: string, text: string): void {
    if (this.closed) return;
    if (this.merger && !this.followers.has(key)) {
      // A stream not followed (a pod beyond the cap): a lane that holds nothing back.
      this.merger.addLane(key);
      this.merger.setPhase(key, 'idle');
    }
    if (this.merger) this.merger.add(key, time, text, 'note');
    else this.buffer.append(key, time, text, 'note');
    this.publisher.invalidate();
  }

  /** For `useSyncExternalStore`: called after each new snapshot; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => this.publisher.subscribe(listener);

  /** For `useSyncExternalStore`: the current snapshot, the same object until something changes. */
  readonly getSnapshot = (): LogSnapshot => this.publisher.getSnapshot();

  /** Starts the streams. Idempotent. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (const f of this.followers.values()) void f.start();
    // Held merged lines are released and the lag is refreshed even when no data arrives.
    // The flush waits for setImmediate, after the event loop's poll phase: when the loop was stalled past the
    // hold, the data that arrived meanwhile is read (and holds its lane) before the held lines are judged.
    this.timer = setInterval(() => {
      setImmediate(() => {
        if (this.closed) return;
        this.merger?.flush();
        this.publisher.invalidate();
      });
    }, 250);
    this.timer.unref();
  }

  /** Stops the streams for good; no listener is called afterwards. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const f of this.followers.values()) f.stop();
    clearInterval(this.timer);
    this.merger?.flush(true);
    this.publisher.close();
  }

  /** The same as `close`, for the UI's `useExternalStore`. */
  stop(): void {
    this.close();
  }

  /** The retained lines with `from <= seq < to`: the window a view draws. */
  lines(from: number, to: number): LogLine[] {
    return this.buffer.slice(from, to);
  }

  /**
   * Writes every retained line to a file (see saveLines) and returns its path.
   * @param options timestamps on each line (as the view shows them), and the directory (default: cwd, else tmp)
   */
  save(options: { timestamps: boolean; dir?: string }): Promise<SaveResult> {
    const b = this.buffer;
    // Taken now, in one step: lines evicted while the file is written are still in it.
    const lines = b.slice(b.firstSeq, b.nextSeq);
    const merged = this.merged;
    const name = `${this.opts.namespace}_${this.opts.pod}${merged ? '' : `_${this.opts.containers[0]}`}${this.opts.previous ? '_previous' : ''}`;
    return saveLines(lines, b.evicted, {
      name,
      timestamps: options.timestamps,
      containerPrefix: merged,
      ...(options.dir !== undefined ? { dir: options.dir } : {}),
    });
  }

  /**
   * The lag of the streams still following: how far the newest line of the containers whose stream is open and
   * had lines in the last second is behind the clock. An ended stream (the container finished, previous logs
   * read) is not lagging, though its last lines arrive at once with old timestamps: it is left out.
   */
  private lag(states: readonly ContainerState[]): number {
    const now = performance.now();
    let newestMs = -Infinity;
    for (const { name, state } of states) {
      if (state.kind !== 'streaming') continue;
      const n = this.newest.get(name);
      if (!n || now - n.arrival >= FLOWING_MS || !n.time) continue;
      newestMs = Math.max(newestMs, timestampMs(n.time));
    }
    if (newestMs === -Infinity) return 0;
    return Math.max(0, Math.round((Date.now() - newestMs) / 100) / 10);
  }

  protected build(): LogSnapshot {
    const containerStates = this.streams.map(({ key: name }) => ({
      name,
      state: this.states.get(name) ?? ({ kind: 'connecting' } as const),
    }));
    let received = 0;
    let duplicates = 0;
    let reconnects = 0;
    let restarts = 0;
    for (const f of this.followers.values()) {
      received += f.counters.lines;
      duplicates += f.counters.duplicates;
      reconnects += f.counters.reconnects;
      restarts += f.counters.restarts;
    }
    const lagSeconds = this.lag(containerStates);
    return {
      version: ++this.version,
      namespace: this.opts.namespace,
      pod: this.opts.pod,
      containers: this.streams.map((s) => s.key),
      merged: this.merged,
      previous: this.opts.previous ?? false,
      since: this.since,
      state: sessionState(containerStates),
      containerStates,
      firstSeq: this.buffer.firstSeq,
      nextSeq: this.buffer.nextSeq,
      received,
      evicted: this.buffer.evicted,
      duplicates,
      reconnects,
      restarts,
      bytes: this.buffer.bytes,
      maxBytes: this.buffer.maxBytes,
      lagSeconds,
      ...(this.opts.workload ? { workload: this.opts.workload() } : {}),
    };
  }
}
