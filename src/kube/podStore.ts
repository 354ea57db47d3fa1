/**
 * The live pod list, kept outside React: a paged LIST, then a WATCH from the list's resourceVersion, resumed
 * after clean ends, relisted after 410 Gone, retried with back-off after failures — publishing immutable snapshots
 * for `useSyncExternalStore` at most once per `flushMs`.
 *
 * Lists and watches are read as raw JSON and every pod is slimmed on arrival (see `slimPod`), so 10,000 pods cost
 * tens of megabytes, not hundreds. Snapshots share unchanged shards of the map (see `CowMap`), so publishing does
 * not copy 10,000 entries.
 */
import type { KubeConfigLike } from './plainKubeConfig.js';
import type { Pod } from '../domain/wire.js';
import { CowMap } from './cowMap.js';
import type { FrozenMap } from './cowMap.js';
import { describeFailure, KubeHttpError } from './errors.js';
import type { Failure } from './errors.js';
import { listPages } from './listPages.js';
import type { PageRetry } from './listPages.js';
import { podKey } from './podKey.js';
import type { PodSnapshot, SyncState } from './podSnapshot.js';
import { serverUrl } from './request.js';
import { retryPlan, throttledMessage, waitToRetry } from './retryPolicy.js';
import { slimPod } from './slimPod.js';
import { ThrottledPublisher } from './throttledPublisher.js';
import { watchOnce } from './watchOnce.js';
import type { WatchEnd } from './watchOnce.js';

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
}

/** A watch that ends this soon with no events counts against the server if it keeps happening. */
const QUICK_END_MS = 1000;
const QUICK_ENDS_TOLERATED = 2;

/**
 * How often kube-apiserver sends a bookmark to a watch that allows them: every minute (staging/src/k8s.io/
 * apiserver/pkg/storage/cacher/cacher.go, defaultBookmarkFrequency), and 2 s before the watch's deadline. Assumed
 * until two bookmarks on one watch show the server's own interval (the demo server's is 10 s).
 */
const SERVER_BOOKMARK_MS = 60_000;
/** Silence allowed beyond the bookmark interval before a watch is called quiet: half an interval, at least 2 s. */
function quietAfterMs(intervalMs: number): number {
  return intervalMs + Math.max(2000, intervalMs / 2);
}
/** How often a quiet watch's silence is measured (the header counts seconds). */
const QUIET_TICK_MS = 1000;

/** resourceVersions are opaque, but where both are integers (etcd's are) an older one can be told. */
function isOlder(rv: string | undefined, than: string | undefined): boolean {
  if (!rv || !than || !/^\d+$/.test(rv) || !/^\d+$/.test(than)) return false;
  return rv.length < than.length || (rv.length === than.length && rv < than);
}

function sameSync(a: SyncState, b: SyncState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** The live list of pods in a namespace (or all), for the dashboard. */
export class PodStore {
  private readonly pods = new CowMap<Pod>();
  private readonly publisher: ThrottledPublisher<PodSnapshot>;
  private readonly path: string;
  private readonly server: string;
  private frozen: FrozenMap<Pod>;
  private podsChanged = false;
  private sync: SyncState = { kind: 'connecting' };
  private stale = false;
  private error: string | undefined;
  private version = 0;
  /** Where the next watch starts; undefined means list first. */
  private resourceVersion: string | undefined;
  /** Whether a list has ever completed: before it, 401 and 403 are final. */
  private listed = false;
  private failures = 0;
  private quickEnds = 0;
  private watchStartedAt = 0;
  /** When the open watch last delivered anything (an event or a bookmark), and its bookmarks' interval. */
  private lastHeard = 0;
  private lastBookmarkAt: number | undefined;
  private bookmarkIntervalMs = SERVER_BOOKMARK_MS;
  private quietTimer: NodeJS.Timeout | undefined;
  private state: 'new' | 'running' | 'stopped' = 'new';
  private abort: AbortController | undefined;
  private readonly counters = { lists: 0, watches: 0, events: 0 };

  /**
   * @param kc the kubeconfig; its current context picks the cluster and user
   * @param opts namespace, label selector, page size, flush interval
   */
  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: PodStoreOptions = {},
  ) {
    const ns = opts.namespace;
    this.path = ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/pods` : '/api/v1/pods';
    this.server = serverUrl(kc);
    this.frozen = this.pods.freeze();
    const initial: PodSnapshot = { pods: this.frozen, version: 0, sync: this.sync, stale: false };
    this.publisher = new ThrottledPublisher(initial, () => this.buildSnapshot(), opts.flushMs ?? 50);
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
    this.run(abort.signal).catch((e: unknown) => this.fail(describeFailure(e, this.server).message));
  }

  /** Stops for good: aborts the requests in flight; no listener is called afterwards. Idempotent. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearInterval(this.quietTimer);
    this.abort?.abort();
    this.publisher.close();
  }

  /** Counters since construction. */
  stats(): PodStoreStats {
    return { ...this.counters, published: this.publisher.published };
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

  private fail(message: string): void {
    this.update({ kind: 'error', message }, this.pods.size > 0, message);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let failure: unknown;
      try {
        const relisted = this.resourceVersion === undefined;
        if (relisted) await this.list(signal);
        const end = await this.watch(signal);
        if (end.kind === 'aborted') return;
        if (end.kind === 'gone') {
          // Our resourceVersion was compacted away: what happened since is unknown until a relist reconciles.
          this.resourceVersion = undefined;
          if (!relisted || end.events > 0) continue;
          // Gone even from a fresh list's version: relisting at once again would hammer the server (client-node
          // 1.x informers did, issue #1933).
          failure = new KubeHttpError(410, 'the server answers 410 Gone even right after a list');
        }
        if (end.kind === 'closed') {
          if (!this.keepsClosingQuickly(end)) continue;
          failure = new Error('the server keeps closing the watch');
        } else if (end.kind === 'failed') {
          failure = end.error;
        }
      } catch (e) {
        failure = e;
      }
      if (signal.aborted) return;
      const f = describeFailure(failure, this.server);
      if (this.isFinal(f)) return this.fail(f.message);
      // An expired continue token: the list starts over.
      if (f.kind === 'gone') this.resourceVersion = undefined;
      this.failures++;
      const plan = retryPlan(failure, this.failures);
      this.showRetry(this.failures, plan.delayMs, plan.throttled, f.message);
      if (!(await waitToRetry(plan.delayMs, signal))) return; // stopped while waiting
    }
  }

  /**
   * The wait before another attempt, on the status line. The rows stay, marked stale: a throttled server is busy,
   * not empty, and what it said last is still the best we know.
   */
  private showRetry(attempt: number, retryInMs: number, throttled: boolean, error: string): void {
    const message = throttled ? throttledMessage(retryInMs) : error;
    this.update(
      { kind: 'reconnecting', attempt, error: message, retryInMs, ...(throttled ? { throttled } : {}) },
      true,
      message,
    );
  }

  /** A list page asked for again (listPages retries it in place): the pages already in stay, still incomplete. */
  private readonly onPageRetry = (r: PageRetry): void => {
    const f = describeFailure(r.error, this.server);
    this.showRetry(r.attempt, r.delayMs, r.throttled, f.message);
  };

  /** Failures that retrying cannot fix. Later 401s may be an expired token that a credential plugin renews. */
  private isFinal(f: Failure): boolean {
    if (f.kind === 'bad-request') return true;
    return !this.listed && (f.kind === 'unauthorized' || f.kind === 'forbidden');
  }

  /** A server that accepts watches and closes them at once would otherwise be hammered with resumes. */
  private keepsClosingQuickly(end: Extract<WatchEnd, { kind: 'closed' }>): boolean {
    const quick = end.events === 0 && performance.now() - this.watchStartedAt < QUICK_END_MS;
    if (!quick) {
      // A watch that did its job proves the connection healthy: the next failure starts the back-off afresh.
      this.quickEnds = 0;
      this.failures = 0;
      return false;
    }
    return ++this.quickEnds > QUICK_ENDS_TOLERATED;
  }

  private async list(signal: AbortSignal): Promise<void> {
    this.counters.lists++;
    // A relist keeps the rows it is replacing on screen, marked stale until they are confirmed.
    const relist = this.pods.size > 0;
    const seen = new Set<string>();
    let loaded = 0;
    let rv = '';
    this.update({ kind: 'listing', loaded: 0 }, relist || this.stale, this.error);
    const pages = listPages(this.kc, this.path, {
      labelSelector: this.opts.labelSelector,
      limit: this.opts.pageSize ?? 500,
      signal,
      onRetry: this.onPageRetry,
    });
    for await (const page of pages) {
      for (const raw of page.items) {
        if (!isObject(raw)) continue;
        const pod = slimPod(raw as Pod);
        const key = podKey(pod);
        seen.add(key);
        this.pods.set(key, pod);
      }
      this.podsChanged = true;
      loaded += page.items.length;
      rv = page.resourceVersion;
      const total = page.remaining === undefined ? undefined : loaded + page.remaining;
      this.update(
        { kind: 'listing', loaded, ...(total === undefined ? {} : { total }) },
        this.stale,
        this.error,
      );
      this.publisher.invalidate();
    }
    // Pods deleted while we were not watching are the ones the list no longer has.
    if (this.pods.size > seen.size) {
      for (const key of this.pods.keys()) if (!seen.has(key)) this.pods.delete(key);
      this.podsChanged = true;
      this.publisher.invalidate();
    }
    this.resourceVersion = rv;
    this.listed = true;
  }

  private async watch(signal: AbortSignal): Promise<WatchEnd> {
    this.counters.watches++;
    this.watchStartedAt = performance.now();
    this.lastBookmarkAt = undefined;
    try {
      return await this.openWatch(signal);
    } finally {
      clearInterval(this.quietTimer);
      this.quietTimer = undefined;
    }
  }

  /** Something came on the open watch: it is live (again). */
  private heard(): void {
    this.lastHeard = performance.now();
    if (this.sync.kind === 'quiet') this.update({ kind: 'live' }, false, undefined);
  }

  /** Measures the open watch's silence; past the bookmark interval and some, the store says it is quiet. */
  private checkQuiet(): void {
    if (this.sync.kind !== 'live' && this.sync.kind !== 'quiet') return;
    const silentMs = performance.now() - this.lastHeard;
    if (silentMs <= quietAfterMs(this.bookmarkIntervalMs)) return;
    this.update({ kind: 'quiet', silentMs: Math.floor(silentMs / 1000) * 1000 }, true, undefined);
  }

  private openWatch(signal: AbortSignal): Promise<WatchEnd> {
    return watchOnce(
      this.kc,
      this.path,
      {
        resourceVersion: this.resourceVersion || undefined,
        allowWatchBookmarks: true,
        labelSelector: this.opts.labelSelector,
        // As client-go's reflector: the server ends the watch after 5–10 minutes and we resume, so no single
        // connection lives long enough to go silently stale.
        timeoutSeconds:
          this.opts.watchTimeoutSeconds === 0 ? undefined : 300 + Math.floor(Math.random() * 300),
      },
      {
        // The back-off is not reset here but when the watch has proved itself (see keepsClosingQuickly): a
        // server that accepts watches and drops them at once would otherwise be retried every 0.5 s forever.
        onOpen: () => {
          this.update({ kind: 'live' }, false, undefined);
          this.lastHeard = performance.now();
          clearInterval(this.quietTimer);
          this.quietTimer = setInterval(() => this.checkQuiet(), QUIET_TICK_MS);
          this.quietTimer.unref();
        },
        onEvent: (type, object) => {
          this.heard();
          this.apply(type, object);
        },
      },
      signal,
    );
  }

  /** The gap between two bookmarks of one watch is the server's interval (1 s to 5 min, to stay sane). */
  private learnBookmarkInterval(): void {
    const now = performance.now();
    if (this.lastBookmarkAt !== undefined) {
      this.bookmarkIntervalMs = Math.min(300_000, Math.max(1000, now - this.lastBookmarkAt));
    }
    this.lastBookmarkAt = now;
  }

  private apply(type: string, object: unknown): void {
    if (!isObject(object)) return;
    this.counters.events++;
    const raw = object as Pod;
    const rv = raw.metadata?.resourceVersion;
    if (type === 'BOOKMARK') {
      if (rv) this.resourceVersion = rv;
      this.learnBookmarkInterval();
      return;
    }
    const key = podKey(raw);
    const current = this.pods.get(key);
    // A paged list may hand out objects newer than its own resourceVersion; the watch then replays the older
    // changes, which must not overwrite the newer state.
    const outdated = current !== undefined && isOlder(rv, current.metadata?.resourceVersion);
    if (type === 'ADDED' || type === 'MODIFIED') {
      if (!outdated) this.pods.set(key, slimPod(raw));
    } else if (type === 'DELETED') {
      if (!outdated) this.pods.delete(key);
    } else {
      return;
    }
    if (rv) this.resourceVersion = rv;
    this.podsChanged = true;
    this.publisher.invalidate();
  }
}
