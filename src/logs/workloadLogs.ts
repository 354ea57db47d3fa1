/**
 * A workload's logs (`:logs deploy/web-app`, `:logs -l app=web`, `L` on a pod): the pods its selector picks,
 * followed live, each container of each pod a stream of one LogSession (so the buffer bound and its eviction
 * count, reconnects from sinceTime with the overlap dropped, restart markers, search, filter and save are the
 * single pod's, per stream), merged in time order. The pod set comes from a reflector with the selector (a list,
 * then a watch): a pod that appears later joins with a marker line and its streams start; a pod that goes leaves
 * with one, after its streams have read what it wrote (they end on their own when the pod is gone; a stream still
 * open a few seconds later is stopped). At most `maxStreams` streams are open (stern's and kubectl's
 * --max-log-requests, 50); pods beyond it are listed as not followed and taken up, in the order they came, when
 * followed ones leave.
 */
import { runningCandidates } from '../domain/containerChoice.js';
import type { Pod } from '../domain/wire.js';
import { MAX_LOG_STREAMS, podColor, shortPodName, type ResolvedLogTarget } from '../domain/workloadLogs.js';
import type { KubeConfigLike } from '../kube/plainKubeConfig.js';
import { Reflector, type ReflectorState } from '../kube/reflector/reflector.js';
import { wholeList } from '../kube/reflector/wholeList.js';
import { asPod } from '../kube/reflector/wireTypes.js';
import { LogSession, type LogSnapshot } from './logSession.js';
import type { WorkloadPod, WorkloadSnapshot } from './logSnapshot.js';
import type { SinceOption } from './sinceOption.js';

export interface WorkloadLogsOptions {
  target: ResolvedLogTarget;
  since?: SinceOption;
  maxBytes?: number;
  flushMs?: number;
  /** Streams open at most (50). */
  maxStreams?: number;
  /** How long a left pod's streams may still read before they are stopped (5 s). */
  leaveGraceMs?: number;
}

/** A pod of the workload, as the view reads it for a line's prefix. */
export interface PodEntry {
  /** `ns/name` when the selector spans namespaces, else the name: the streams' keys start with it. */
  id: string;
  /** As the snapshot lists it: the name, or `ns/name` over all namespaces. */
  label: string;
  name: string;
  namespace: string;
  short: string;
  color: number;
  containers: readonly string[];
  status: WorkloadPod['status'];
  /** It appeared after the first list (it started while the view was open): read from its first line. */
  joinedLive: boolean;
}

/** Now, in the fixed RFC 3339 form the buffer's times have (nine fraction digits), for marker lines. */
function nowTime(): string {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export class WorkloadLogs {
  readonly session: LogSession;
  private readonly pods = new Map<string, PodEntry>();
  /** Stream key → its pod's id. */
  private readonly podOfKey = new Map<string, string>();
  private readonly maxStreams: number;
  private openStreams = 0;
  private listed = false;
  private podsState = 'listing pods…';
  private readonly abort = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: WorkloadLogsOptions,
  ) {
    this.maxStreams = opts.maxStreams ?? MAX_LOG_STREAMS;
    this.session = new LogSession(kc, {
      namespace: opts.target.namespace ?? '',
      pod: opts.target.label,
      containers: [],
      dynamic: true,
      ...(opts.since ? { since: opts.since } : {}),
      ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
      ...(opts.flushMs !== undefined ? { flushMs: opts.flushMs } : {}),
      workload: () => this.describe(),
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => this.session.subscribe(listener);
  readonly getSnapshot = (): LogSnapshot => this.session.getSnapshot();

  /** The pod a stream's key belongs to (its short name and colour for the prefix), if any. */
  podOf(key: string): PodEntry | undefined {
    const id = this.podOfKey.get(key);
    return id === undefined ? undefined : this.pods.get(id);
  }

  /** Lists and watches the pods and starts their streams. */
  start(): void {
    if (this.abort.signal.aborted) return;
    this.session.start();
    const ns = this.opts.target.namespace;
    const reflector = new Reflector<Pod>(
      this.kc,
      {
        path: ns === undefined ? '/api/v1/pods' : `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`,
        labelSelector: this.opts.target.selector,
        decode: asPod,
        action: `list pods${ns === undefined ? '' : ` in namespace "${ns}"`}`,
      },
      {
        ...wholeList((items) => this.onList(items)),
        onEvent: (type, pod) => (type === 'DELETED' ? this.leave(pod, 'deleted') : this.see(pod)),
        onState: (state) => this.onState(state),
      },
    );
    void reflector.run(this.abort.signal);
  }

  stop(): void {
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.session.close();
  }

  private onState(state: ReflectorState): void {
    this.podsState =
      state.kind === 'live' || state.kind === 'quiet'
        ? ''
        : state.kind === 'listing'
          ? 'listing pods…'
          : state.kind === 'failed'
            ? `the pod list stopped: ${state.failure.message}`
            : `the pod list is reconnecting: ${state.error}`;
    this.session.invalidate();
  }

  /** A complete list: pods not in it are gone (a relist after 410 Gone), new ones join. */
  private onList(items: readonly Pod[]): void {
    const seen = new Set<string>();
    for (const pod of items) seen.add(this.see(pod));
    for (const entry of this.pods.values())
      if (!seen.has(entry.id) && entry.status !== 'left') this.leaveEntry(entry, 'deleted');
    this.listed = true;
    this.session.invalidate();
  }

  private idOf(pod: Pod): { id: string; name: string; namespace: string } {
    const name = pod.metadata?.name ?? '';
    const namespace = pod.metadata?.namespace ?? this.opts.target.namespace ?? '';
    return { id: this.opts.target.namespace === undefined ? `${namespace}/${name}` : name, name, namespace };
  }

  /** A pod the selector picks: new ones join (with a marker after the first list). Returns its id. */
  private see(pod: Pod): string {
    const { id, name, namespace } = this.idOf(pod);
    const known = this.pods.get(id);
    if (known && known.status !== 'left') {
      // A change of a followed pod (a container started): its waiting streams look at it now.
      if (known.status === 'following')
        for (const c of known.containers) this.session.wakeStream(this.keyOf(known, c));
      return id;
    }
    const entry: PodEntry = {
      id,
      label: this.opts.target.namespace === undefined ? `${namespace}/${name}` : name,
      name,
      namespace,
      short: shortPodName(name, this.opts.target.workload),
      color: podColor(name),
      containers: runningCandidates(pod),
      status: 'capped',
      joinedLive: this.listed,
    };
    this.pods.set(id, entry);
    this.follow(entry);
    if (this.listed) {
      const key = this.keyOf(entry, entry.containers[0] ?? '');
      this.podOfKey.set(key, id);
      const capped = entry.status === 'capped' ? ` (not followed: ${this.maxStreams} streams are open)` : '';
      this.session.note(key, nowTime(), `── pod ${entry.label} joined${capped} ──`);
    }
    return id;
  }

  private keyOf(entry: PodEntry, container: string): string {
    return `${entry.id}/${container}`;
  }

  /** Opens the pod's streams when the cap allows all of them; otherwise it waits, listed as not followed. */
  private follow(entry: PodEntry): void {
    if (this.openStreams + entry.containers.length > this.maxStreams) return;
    entry.status = 'following';
    this.openStreams += entry.containers.length;
    for (const container of entry.containers) {
      const key = this.keyOf(entry, container);
      this.podOfKey.set(key, entry.id);
      this.session.addStream({
        key,
        pod: entry.name,
        container,
        namespace: entry.namespace,
        // A pod that joined while the view was open is read from its first line; one taken up from under the cap
        // starts where the others did (its history may be weeks long).
        ...(entry.joinedLive ? { since: { kind: 'all' } } : {}),
      });
    }
  }

  private leave(pod: Pod, why: string): void {
    const entry = this.pods.get(this.idOf(pod).id);
    if (entry && entry.status !== 'left') this.leaveEntry(entry, why);
  }

  private leaveEntry(entry: PodEntry, why: string): void {
    const followed = entry.status === 'following';
    entry.status = 'left';
    if (!followed) {
      this.pods.delete(entry.id);
      this.session.invalidate();
      return;
    }
    const key = this.keyOf(entry, entry.containers[0] ?? '');
    this.session.note(key, nowTime(), `── pod ${entry.label} left (${why}) ──`);
    this.openStreams -= entry.containers.length;
    // Its streams end on their own once the pod is gone (the follower reads the pod: 404); this is the net.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      for (const c of entry.containers) this.session.stopStream(this.keyOf(entry, c));
    }, this.opts.leaveGraceMs ?? 5000);
    timer.unref();
    this.timers.add(timer);
    // Pods waiting under the cap are taken up in the order they came.
    for (const waiting of this.pods.values()) if (waiting.status === 'capped') this.follow(waiting);
  }

  private describe(): WorkloadSnapshot {
    const pods: WorkloadPod[] = [];
    for (const entry of this.pods.values()) {
      let lines = 0;
      let evicted = 0;
      let reconnects = 0;
      for (const c of entry.containers) {
        const key = this.keyOf(entry, c);
        const counters = this.session.countersOf(key);
        lines += counters?.lines ?? 0;
        reconnects += counters?.reconnects ?? 0;
        evicted += this.session.buffer.evictedFrom(key);
      }
      const { label: name, short, color, status } = entry;
      pods.push({ name, short, color, status, lines, evicted, reconnects });
    }
    return {
      target: this.opts.target.label,
      selector: this.opts.target.selector,
      pods,
      maxStreams: this.maxStreams,
      streams: this.openStreams,
      podsState: this.podsState,
    };
  }
}
