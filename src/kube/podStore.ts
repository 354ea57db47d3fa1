/**
 * The live pod list, kept outside React: a `Reflector` over `/api/v1/pods` (or one namespace's) that lists in
 * pages, watches from the list's resourceVersion, resumes, relists after 410 Gone and backs off — and this store on
 * top, which keeps the pods and publishes immutable snapshots for `useSyncExternalStore` at most once per
 * `flushMs`.
 *
 * Every pod is slimmed on arrival (see `slimPod`), so 10,000 pods cost tens of megabytes, not hundreds. Snapshots
 * share unchanged shards of the map (see `CowMap`), so publishing does not copy 10,000 entries.
 */
import type { KubeConfigLike } from './plainKubeConfig.js';
import type { Pod } from '../domain/wire.js';
import { CowMap } from './cowMap.js';
import type { FrozenMap } from './cowMap.js';
import { podKey } from './podKey.js';
import type { PodSnapshot, SyncState } from './podSnapshot.js';
import { Reflector } from './reflector/reflector.js';
import type { ChangeType, ReflectorState } from './reflector/reflector.js';
import { isOlder } from './reflector/resourceVersion.js';
import { asPod } from './reflector/wireTypes.js';
import { slimPod } from './slimPod.js';
import { ThrottledPublisher } from './throttledPublisher.js';

export type { PodSnapshot, SyncState } from './podSnapshot.js';

export interface PodStoreOptions {
  /** One namespace, or undefined for all. */
  namespace?: string;
  /** A label selector the server applies to the list and the watch. */
  labelSelector?: string;
  /** Pods per list page (500, as kubectl). */
  pageSize?: number;
  /** The least time between two published snapshots (50 ms). */
  flushMs?: number;
  /**
   * 0: ask for no watch timeout, leaving it to the server (kube-apiserver then ends each watch after its own
   * randomised --min-request-timeout, 1–2× the flag; handlers.GetTimeoutForWatch). By default 5–10 minutes.
   */
  watchTimeoutSeconds?: number;
  /**
   * List with the streaming watch-list where the server serves it (kube-apiserver 1.32+, the demo), else in pages
   * (true by default). Measured at 10,000 and 30,000 pods against the demo (README, "Listing 100,000 pods").
   */
  watchList?: boolean;
}

/** Counters for tests and benchmarks. */
export interface PodStoreStats {
  /** Lists started (the first, and every relist). */
  lists: number;
  /** Watch requests made. */
  watches: number;
  /** Watch events received (bookmarks included). */
  events: number;
  /** Snapshots published. */
  published: number;
  /** Lists completed as a watch-list stream (the rest were paged). */
  streamed: number;
}

/**
 * The least time between snapshots while a list is coming in (after the first, which is published at once): each
 * snapshot makes the dashboard derive every row again, and at 10,000 pods the 50 ms of a live list made that
 * over a second of the list's 6 (issue 17's profile); the header's count still moves four times a second.
 */
const LISTING_FLUSH_MS = 250;

function sameSync(a: SyncState, b: SyncState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A pod as the store keeps it: decoded at the boundary, then slimmed. */
function slimDecodedPod(raw: unknown): Pod {
  return slimPod(asPod(raw));
}

/** The live list of pods in a namespace (or all), for the dashboard. */
export class PodStore {
  private readonly pods = new CowMap<Pod>();
  private readonly publisher: ThrottledPublisher<PodSnapshot>;
  private readonly reflector: Reflector<Pod>;
  private frozen: FrozenMap<Pod>;
  private podsChanged = false;
  private sync: SyncState = { kind: 'connecting' };
  private stale = false;
  private error: string | undefined;
  private version = 0;
  /** The keys the list in progress has had so far: after its last page, the pods not among them are gone. */
  private listedKeys = new Set<string>();
  private state: 'new' | 'running' | 'stopped' = 'new';
  private abort: AbortController | undefined;
  private readonly flushMs: number;

  /**
   * @param kc the kubeconfig; its current context picks the cluster and user
   * @param opts namespace, label selector, page size, flush interval
   */
  constructor(kc: KubeConfigLike, opts: PodStoreOptions = {}) {
    const ns = opts.namespace;
    this.flushMs = opts.flushMs ?? 50;
    this.frozen = this.pods.freeze();
    const initial: PodSnapshot = { pods: this.frozen, version: 0, sync: this.sync, stale: false };
    this.publisher = new ThrottledPublisher(initial, () => this.buildSnapshot(), this.flushMs);
    this.reflector = new Reflector(
      kc,
      {
        path: ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/pods` : '/api/v1/pods',
        labelSelector: opts.labelSelector,
        pageSize: opts.pageSize ?? 500,
        watchTimeoutSeconds: opts.watchTimeoutSeconds,
        decode: slimDecodedPod,
        detectQuiet: true,
        watchList: opts.watchList ?? true,
        // slimPod drops them anyway: not parsing them halves the cost of a pod off the wire (issue 17).
        dropManagedFields: true,
      },
      {
        onListStart: () => this.listStarted(),
        onListPage: (pods) => this.listPage(pods),
        onListEnd: () => this.listEnded(),
        onEvent: (type, pod) => this.apply(type, pod),
        onState: (state) => this.show(state),
      },
    );
  }

  /** For `useSyncExternalStore`: called after each new snapshot; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => this.publisher.subscribe(listener);

  /** For `useSyncExternalStore`: the current snapshot, the same object until something changes. */
  readonly getSnapshot = (): PodSnapshot => this.publisher.getSnapshot();

  /** Starts listing and watching. Does nothing if already started or stopped. */
  start(): void {
    if (this.state !== 'new') return;
    this.state = 'running';
    const abort = new AbortController();
    this.abort = abort;
    void this.reflector.run(abort.signal);
  }

  /** Stops for good: aborts the requests in flight; no listener is called afterwards. Idempotent. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.abort?.abort();
    this.publisher.close();
  }

  /** Counters since construction. */
  stats(): PodStoreStats {
    const { lists, watches, events, streamed } = this.reflector.stats();
    return { lists, watches, events, published: this.publisher.published, streamed };
  }

  private buildSnapshot(): PodSnapshot {
    if (this.podsChanged) {
      this.frozen = this.pods.freeze();
      this.podsChanged = false;
    }
    return {
      pods: this.frozen,
      version: ++this.version,
      sync: this.sync,
      stale: this.stale,
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }

  private update(sync: SyncState, stale: boolean, error: string | undefined): void {
    if (sameSync(sync, this.sync) && stale === this.stale && error === this.error) return;
    this.sync = sync;
    this.stale = stale;
    this.error = error;
    this.publisher.invalidate();
  }

  /**
   * The reflector's state on the status line. While it waits to try again the rows stay, marked stale: a
   * throttled or unreachable server is not an empty one, and what it said last is still the best we know.
   */
  private show(state: ReflectorState): void {
    switch (state.kind) {
      case 'listing':
        return this.update(state, this.stale, this.error);
      case 'live':
        return this.update(state, false, undefined);
      case 'quiet':
        // The connection may be stalled: the rows may be out of date.
        return this.update(state, true, undefined);
      case 'reconnecting':
        return this.update(state, true, state.error);
      case 'failed':
        return this.update(
          { kind: 'error', message: state.failure.message },
          this.pods.size > 0,
          state.failure.message,
        );
    }
  }

  private listStarted(): void {
    this.listedKeys = new Set();
    // A relist keeps the rows it is replacing on screen, marked stale until they are confirmed.
    this.update({ kind: 'listing', loaded: 0 }, this.pods.size > 0 || this.stale, this.error);
  }

  private listPage(pods: readonly Pod[]): void {
    const first = this.listedKeys.size === 0;
    for (const pod of pods) {
      const key = podKey(pod);
      this.listedKeys.add(key);
      this.pods.set(key, pod);
    }
    this.podsChanged = true;
    this.publisher.invalidate();
    // The first rows go out at once (scheduled above); the rest of the list at the listing pace.
    if (first) this.publisher.setInterval(Math.max(this.flushMs, LISTING_FLUSH_MS));
  }

  private listEnded(): void {
    this.publisher.setInterval(this.flushMs);
    // Pods deleted while we were not watching are the ones the list no longer has.
    if (this.pods.size <= this.listedKeys.size) return;
    for (const key of this.pods.keys()) if (!this.listedKeys.has(key)) this.pods.delete(key);
    this.podsChanged = true;
    this.publisher.invalidate();
  }

  private apply(type: ChangeType, pod: Pod): void {
    const key = podKey(pod);
    const current = this.pods.get(key);
    // A paged list may hand out objects newer than its own resourceVersion; the watch then replays the older
    // changes, which must not overwrite the newer state.
    if (current !== undefined && isOlder(pod.metadata?.resourceVersion, current.metadata?.resourceVersion))
      return;
    if (type === 'DELETED') this.pods.delete(key);
    else this.pods.set(key, pod);
    this.podsChanged = true;
    this.publisher.invalidate();
  }
}
