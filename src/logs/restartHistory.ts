/**
 * The restart history (issue 16): while podscope watches, each container restart seen in the pods list's store
 * (restartCount grew) is recorded with the kubelet's `lastState.terminated` (time, exit code, reason), and the
 * previous instance's last lines are fetched at once (`previous=true`), because the kubelet keeps only that one
 * instance: after the next restart they are gone. Kept for the session, bounded:
 *
 * - one fetch per restart, never more (a record per pod/container/restartCount; a fetch is started once);
 * - at most `concurrency` fetches at a time, at most `maxQueued` waiting (more restarts at once are recorded with
 *   "not read: N restarts waiting"); a fetch that comes after the container restarted again is not made;
 * - each instance's lines: `tailLines` lines and `limitBytes` bytes (the server cuts); all kept lines together at
 *   most `maxKeptBytes`, the oldest dropped first (their restart line stays); at most `maxRecords` records.
 *
 * The cost per pods-list flush: the changed pods only (mapChanges: the store's changed shards), each one's
 * restart counts read.
 */
import type { Pod } from '../domain/wire.js';
import type { RestartSeen } from '../domain/restarts.js';
import { restartCounts, restartsSince } from '../domain/restarts.js';
import { mapChanges } from '../domain/mapChanges.js';
import type { KubeConfigLike } from '../kube/plainKubeConfig.js';
import type { PreviousLines, PreviousLinesRequest } from './previousLines.js';
import { fetchPreviousLines } from './previousLines.js';

/** Where a restart's lines are. */
export type KeptLines =
  | { readonly kind: 'queued' }
  | { readonly kind: 'fetching' }
  | PreviousLines
  /** Not fetched, or let go to stay within the bounds: why. */
  | { readonly kind: 'dropped'; readonly why: string };

/** One restart seen, and its previous instance's lines. */
export interface RestartRecord extends RestartSeen {
  /** `namespace/pod/container#restartCount`: one per restart. */
  readonly id: string;
  readonly namespace: string;
  readonly pod: string;
  /** When podscope saw the restart (epoch ms). */
  readonly seenAt: number;
  readonly lines: KeptLines;
}

export interface RestartHistorySnapshot {
  readonly version: number;
  /** Oldest first. */
  readonly records: readonly RestartRecord[];
  /** Fetches made so far (one per restart at most). */
  readonly fetches: number;
}

export interface RestartHistoryOptions {
  tailLines?: number;
  limitBytes?: number;
  concurrency?: number;
  maxQueued?: number;
  maxKeptBytes?: number;
  maxRecords?: number;
  /** The fetch (tests count calls through it); by default `fetchPreviousLines`. */
  fetch?: (kc: KubeConfigLike, req: PreviousLinesRequest) => Promise<PreviousLines>;
  now?: () => number;
}

/** The defaults, stated in the README: 200 lines, 64 KiB an instance, 8 MiB in all, 4 fetches at a time. */
export const RESTART_HISTORY_DEFAULTS = {
  tailLines: 200,
  limitBytes: 64 * 1024,
  concurrency: 4,
  maxQueued: 100,
  maxKeptBytes: 8 * 1024 * 1024,
  maxRecords: 500,
} as const;

export class RestartHistory {
  private readonly opts: Required<Omit<RestartHistoryOptions, 'fetch' | 'now'>>;
  private readonly fetchLines: NonNullable<RestartHistoryOptions['fetch']>;
  private readonly now: () => number;
  private records: RestartRecord[] = [];
  private version = 0;
  private fetches = 0;
  private snapshot: RestartHistorySnapshot = { version: 0, records: [], fetches: 0 };
  private readonly listeners = new Set<() => void>();
  /** The pods last observed (by key), to skip unchanged ones by identity. */
  private lastPods: ReadonlyMap<string, Pod> = new Map();
  /** Restart counts by pod key, then container: the pods in the store now. */
  private readonly counts = new Map<string, ReadonlyMap<string, number>>();
  private readonly queue: string[] = [];
  private running = 0;
  private keptBytes = 0;
  private readonly abort = new AbortController();

  constructor(
    private readonly kc: KubeConfigLike,
    options: RestartHistoryOptions = {},
  ) {
    const { fetch, now, ...rest } = options;
    this.opts = { ...RESTART_HISTORY_DEFAULTS, ...rest };
    this.fetchLines = fetch ?? fetchPreviousLines;
    this.now = now ?? Date.now;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): RestartHistorySnapshot => this.snapshot;

  /** The restarts of one pod, oldest first. */
  forPod(namespace: string, pod: string): RestartRecord[] {
    return this.snapshot.records.filter((r) => r.namespace === namespace && r.pod === pod);
  }

  /**
   * Looks at the pods list's latest pods: a container whose restartCount grew since the last look is a restart.
   * Pods seen for the first time only set the baseline (restarts before podscope watched are not "seen").
   */
  observe(pods: ReadonlyMap<string, Pod>): void {
    let added = false;
    mapChanges(
      this.lastPods,
      pods,
      (key, pod) => {
        const before = this.counts.get(key);
        if (before) for (const r of restartsSince(before, pod)) added = this.add(pod, r) || added;
        this.counts.set(key, restartCounts(pod));
      },
      (key) => this.counts.delete(key),
    );
    this.lastPods = pods;
    if (added) this.publish();
  }

  /** Stops fetching (a fetch under way is aborted); what is kept stays readable. */
  stop(): void {
    this.abort.abort();
    this.queue.length = 0;
  }

  private add(pod: Pod, r: RestartSeen): boolean {
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const id = `${namespace}/${name}/${r.container}#${r.restartCount}`;
    if (this.records.some((x) => x.id === id)) return false;
    const full = this.queue.length >= this.opts.maxQueued;
    const lines: KeptLines = full
      ? { kind: 'dropped', why: `not read: ${this.queue.length} restarts were waiting to be read` }
      : { kind: 'queued' };
    this.records.push({ ...r, id, namespace, pod: name, seenAt: this.now(), lines });
    if (this.records.length > this.opts.maxRecords) this.forget(this.records.length - this.opts.maxRecords);
    if (!full) {
      this.queue.push(id);
      this.pump();
    }
    return true;
  }

  private forget(n: number): void {
    for (const r of this.records.slice(0, n)) if (r.lines.kind === 'lines') this.keptBytes -= r.lines.bytes;
    this.records = this.records.slice(n);
  }

  private update(id: string, lines: KeptLines): void {
    this.records = this.records.map((r) => (r.id === id ? { ...r, lines } : r));
  }

  private pump(): void {
    while (this.running < this.opts.concurrency && this.queue.length > 0 && !this.abort.signal.aborted) {
      const id = this.queue.shift();
      const record = this.records.find((r) => r.id === id);
      if (!record) continue;
      const now = this.counts.get(`${record.namespace}/${record.pod}`)?.get(record.container);
      if (now !== undefined && now > record.restartCount) {
        this.update(record.id, { kind: 'dropped', why: 'not read: the container restarted again first' });
        continue;
      }
      this.running++;
      this.fetches++;
      this.update(record.id, { kind: 'fetching' });
      void this.fetchLines(this.kc, {
        namespace: record.namespace,
        pod: record.pod,
        container: record.container,
        tailLines: this.opts.tailLines,
        limitBytes: this.opts.limitBytes,
        signal: this.abort.signal,
      }).then((lines) => {
        this.running--;
        if (lines.kind === 'lines') {
          this.keptBytes += lines.bytes;
          this.trimKept();
        }
        this.update(record.id, lines);
        this.publish();
        this.pump();
      });
    }
    this.publish();
  }

  /** Drops the oldest kept lines until all of them fit in `maxKeptBytes`. */
  private trimKept(): void {
    for (const r of this.records) {
      if (this.keptBytes <= this.opts.maxKeptBytes) return;
      if (r.lines.kind !== 'lines') continue;
      this.keptBytes -= r.lines.bytes;
      this.update(r.id, {
        kind: 'dropped',
        why: `lines let go: the history keeps ${this.opts.maxKeptBytes} bytes`,
      });
    }
  }

  private publish(): void {
    this.version++;
    this.snapshot = { version: this.version, records: this.records, fetches: this.fetches };
    for (const l of [...this.listeners]) l();
  }
}
