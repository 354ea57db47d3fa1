/**
 * One list → watch loop for every store that follows a collection (client-go's Reflector, tools/cache/
 * reflector.go): a paged LIST (`listPages`; finished as one unpaged LIST when a later page's continue token has
 * expired, as client-go's pager does), then a WATCH with bookmarks from the list's resourceVersion
 * (`watchOnce`), resumed from the last version seen whenever it ends, relisted after 410 Gone, and backed off after
 * failures by the one retry policy (`retryPolicy`: exponential, at least what Retry-After asks). It stops for good
 * only on failures retrying cannot fix (`finalFailure`). A watch that the server keeps closing at once is a failure
 * too (`shortWatches`), so a bad server or proxy is never asked again in a tight loop.
 *
 * The store on top sees decoded objects (the list page by page, then each change) and the reflector's state; it
 * keeps whatever it likes of them. Generic over the object type: `decode` turns each raw object into the store's
 * type, at the API boundary.
 */
import { debug } from '../../debugLog.js';
import { describeFailure, KubeHttpError } from '../errors.js';
import { listPages } from '../listPages.js';
import type { PageRetry } from '../listPages.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { serverUrl } from '../request.js';
import { retryPlan, throttledMessage, waitToRetry } from '../retryPolicy.js';
import type { RetryPlan } from '../retryPolicy.js';
import { watchOnce } from '../watchOnce.js';
import type { WatchEnd, WatchParams } from '../watchOnce.js';
import { isFinalFailure } from './finalFailure.js';
import { isRecord, resourceVersionOf } from './resourceVersion.js';
import { ShortWatches } from './shortWatches.js';
import { Silence } from './silence.js';
import { refusesWatchList, watchList } from './watchList.js';
import type { ReflectorState, ReflectorStats } from './state.js';

export type { ReflectorState, ReflectorStats } from './state.js';

/** A change a watch reports. */
export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ReflectorOptions<T> {
  /** The collection, e.g. `/api/v1/pods` or `/api/v1/namespaces/NS/events`. */
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Items per list page (500, as kubectl). */
  pageSize?: number;
  /**
   * 0: ask for no watch timeout, leaving it to the server (kube-apiserver then ends each watch after its own
   * randomised --min-request-timeout). By default 5–10 minutes, as client-go: no single connection lives long
   * enough to go silently stale, and many clients don't come back together.
   */
  watchTimeoutSeconds?: number;
  /**
   * Turns one raw object (a list item, a watch event's object; always a JSON object) into the store's type. Throws
   * for an object it cannot accept: that object is left out (counted in `skipped`), the rest go on.
   */
  decode: (raw: unknown) => T;
  /** Words for a 403 the server didn't explain, e.g. `list events in namespace "default"`. */
  action?: string;
  /** Watch from here without listing first: the caller has just listed (a relist still happens after 410). */
  resourceVersion?: string;
  /** Report `quiet` when an open watch hears nothing for longer than the server's bookmark interval. */
  detectQuiet?: boolean;
  /**
   * List with the streaming watch-list (see `watchList.ts`) where the server serves it, and fall back to the paged
   * list + watch where it refuses it (remembered for this reflector: a server's feature gates don't change while
   * it runs). Off by default.
   */
  watchList?: boolean;
  /**
   * Cut metadata.managedFields out of each watch event's text before parsing it, for a store that never reads
   * them (see withoutManagedFields; list pages are parsed whole).
   */
  dropManagedFields?: boolean;
}

/** What a store on top of a reflector is told. Never called after the reflector's signal aborts. */
export interface ReflectorHandlers<T> {
  /**
   * A list begins (the first, or a relist): its pages follow, then `onListEnd`. Called again, without an
   * `onListEnd` between, when a paged list whose continue token expired goes on as one unpaged list: the pages
   * before it no longer count.
   */
  onListStart(): void;
  /** One page of the list, decoded, in the server's order. */
  onListPage(items: readonly T[]): void;
  /** The list is complete: whatever the store holds that no page of it had is gone from the cluster. */
  onListEnd(): void;
  /** A change on the watch, after the list. */
  onEvent(type: ChangeType, object: T): void;
  /** How well the store reflects the cluster (see `ReflectorState`). */
  onState(state: ReflectorState): void;
}

/** Why the loop pauses before the next attempt; absent when it goes straight on. */
type Pause = { failure: unknown } | undefined;

/** Follows one collection for one store. Create, then `run` it until its signal aborts. */
export class Reflector<T> {
  private readonly server: string;
  /** Where the next watch starts; undefined means list first. */
  private resourceVersion: string | undefined;
  /** Whether a list has ever completed: before it, 401 and 403 are final. */
  private listed: boolean;
  private failures = 0;
  private readonly shortWatches = new ShortWatches();
  private readonly silence: Silence | undefined;
  private state: ReflectorState['kind'] | 'new' = 'new';
  private signal: AbortSignal | undefined;
  private readonly counters: ReflectorStats = {
    lists: 0,
    watches: 0,
    events: 0,
    skipped: 0,
    streamed: 0,
    fullLists: 0,
  };
  /** The server refused a watch-list: list in pages from now on. */
  private watchListRefused = false;

  /**
   * @param kc the kubeconfig; its current context picks the cluster and user
   * @param opts the collection, its selectors and the decoder
   * @param handlers the store on top
   */
  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: ReflectorOptions<T>,
    private readonly handlers: ReflectorHandlers<T>,
  ) {
    this.server = serverUrl(kc);
    this.resourceVersion = opts.resourceVersion;
    this.listed = opts.resourceVersion !== undefined;
    if (opts.detectQuiet) this.silence = new Silence((silentMs) => this.report({ kind: 'quiet', silentMs }));
  }

  /** Counters since construction. */
  stats(): ReflectorStats {
    return { ...this.counters };
  }

  /**
   * Lists and watches until `signal` aborts or a final failure (reported as the `failed` state). Never rejects.
   * Run it once.
   */
  async run(signal: AbortSignal): Promise<void> {
    this.signal = signal;
    try {
      while (!signal.aborted) {
        const pause = await this.attempt(signal);
        if (signal.aborted) return;
        if (pause && !(await this.backOff(pause.failure, signal))) return;
      }
    } catch (e) {
      this.report({ kind: 'failed', failure: describeFailure(e, this.server, this.opts.action) });
    } finally {
      this.silence?.closed();
    }
  }

  /** One list (when needed) and one watch; what to do next. */
  private async attempt(signal: AbortSignal): Promise<Pause> {
    try {
      const fresh = this.resourceVersion === undefined;
      if (fresh && this.opts.watchList && !this.watchListRefused) {
        const streamed = await this.streamList(signal);
        if (streamed !== 'refused') return streamed;
      }
      if (fresh) await this.list(signal);
      const startedAt = performance.now();
      const end = await this.watch(signal);
      return this.afterWatch(end, fresh, performance.now() - startedAt);
    } catch (failure) {
      return { failure };
    }
  }

  /** How a watch ended decides the next step: resume, relist, or back off first. */
  private afterWatch(end: WatchEnd, fresh: boolean, lastedMs: number): Pause {
    switch (end.kind) {
      case 'aborted':
        return undefined;
      case 'failed':
        return { failure: end.error };
      case 'gone':
        // Our resourceVersion was compacted away: what happened since is unknown until a relist reconciles.
        this.resourceVersion = undefined;
        if (!fresh || end.events > 0) return undefined;
        // Gone even from a fresh list's version: relisting at once again would hammer the server (client-node
        // 1.x informers did, issue #1933).
        return { failure: new KubeHttpError(410, 'the server answers 410 Gone even right after a list') };
      case 'closed': {
        const verdict = this.shortWatches.closed(end.events, lastedMs);
        // A watch that did its job proves the connection healthy: the next failure starts the back-off afresh.
        // (Not on open: a server that accepts watches and drops them at once would be retried every 0.5 s.)
        if (verdict === 'proved') this.failures = 0;
        return verdict === 'failing'
          ? { failure: new Error('the server keeps closing the watch') }
          : undefined;
      }
    }
  }

  /** Reports the failure and waits; false when it was final or the wait was aborted. */
  private async backOff(failure: unknown, signal: AbortSignal): Promise<boolean> {
    const f = describeFailure(failure, this.server, this.opts.action);
    if (isFinalFailure(f, this.listed)) {
      this.report({ kind: 'failed', failure: f });
      return false;
    }
    // A 410 the list could not mend (its first page, or the unpaged list after an expired token): start over.
    if (f.kind === 'gone') this.resourceVersion = undefined;
    this.failures++;
    const plan = retryPlan(failure, this.failures);
    this.retrying(this.failures, plan, f.message);
    return waitToRetry(plan.delayMs, signal);
  }

  /** The wait before another attempt, said as the status line says it. */
  private retrying(attempt: number, plan: RetryPlan, error: string): void {
    const { delayMs, throttled } = plan;
    this.report({
      kind: 'reconnecting',
      attempt,
      error: throttled ? throttledMessage(delayMs) : error,
      retryInMs: delayMs,
      ...(throttled ? { throttled } : {}),
    });
  }

  /** A list page asked for again (listPages retries it in place): the pages already in stay, still incomplete. */
  private readonly onPageRetry = (r: PageRetry): void => {
    this.retrying(r.attempt, r, describeFailure(r.error, this.server, this.opts.action).message);
  };

  private async list(signal: AbortSignal): Promise<void> {
    this.counters.lists++;
    this.handlers.onListStart();
    this.report(this.listing(0));
    let loaded = 0;
    let rv = '';
    const pages = listPages(this.kc, this.opts.path, {
      labelSelector: this.opts.labelSelector,
      fieldSelector: this.opts.fieldSelector,
      limit: this.opts.pageSize ?? 500,
      signal,
      onRetry: this.onPageRetry,
      fullListIfExpired: () => {
        this.counters.fullLists++;
        debug(`reflector ${this.opts.path}: a continue token expired after ${loaded} items; listing whole`);
      },
    });
    for await (const page of pages) {
      if (signal.aborted) return;
      if (page.restart) {
        // The unpaged list replaces the pages before it: the store starts its count of listed keys again, so a pod
        // deleted since an earlier page is gone at the end; the rows on screen stay until then.
        this.handlers.onListStart();
        loaded = 0;
      }
      this.handlers.onListPage(this.decodeAll(page.items));
      loaded += page.items.length;
      rv = page.resourceVersion;
      const total = page.remaining === undefined ? undefined : loaded + page.remaining;
      this.report(this.listing(loaded, total));
    }
    if (signal.aborted) return;
    this.handlers.onListEnd();
    this.resourceVersion = rv;
    this.listed = true;
  }

  /**
   * The list as one watch-list stream, which then goes on as the watch; 'refused' when the server does not serve
   * it (the caller lists in pages instead, as client-go's ListAndWatch falls back).
   */
  private async streamList(signal: AbortSignal): Promise<Pause | 'refused'> {
    this.counters.lists++;
    this.counters.watches++;
    this.handlers.onListStart();
    this.report(this.listing(0));
    let loaded = 0;
    const startedAt = performance.now();
    const { end, synced, opened } = await watchList(
      this.kc,
      this.opts.path,
      this.watchParams(),
      {
        onOpen: () => this.silence?.opened(),
        onInitial: (objects) => {
          this.silence?.heard();
          this.handlers.onListPage(this.decodeAll(objects));
          loaded += objects.length;
          this.report(this.listing(loaded));
        },
        onInitialEnd: (rv) => {
          this.silence?.heard();
          this.handlers.onListEnd();
          this.counters.streamed++;
          this.resourceVersion = rv ?? '';
          this.listed = true;
          this.report({ kind: 'live' });
        },
        onEvent: (type, object) => this.onWatchEvent(type, object),
      },
      signal,
      { dropManagedFields: this.opts.dropManagedFields },
    ).finally(() => this.silence?.closed());
    if (synced) return this.afterWatch(end, true, performance.now() - startedAt);
    if (end.kind === 'aborted') return undefined;
    if (end.kind === 'failed' && !opened && refusesWatchList(end.error)) {
      this.watchListRefused = true;
      debug(
        `reflector ${this.opts.path}: no watch-list here (${describeFailure(end.error, this.server).message})`,
      );
      return 'refused';
    }
    if (end.kind === 'failed') return { failure: end.error };
    // Cut before its initial events were complete: list again after the back-off (the rows shown stay).
    return { failure: new Error('the list stream ended before the list was complete') };
  }

  /** The listing state: a relist when a list has completed before. */
  private listing(loaded: number, total?: number): ReflectorState {
    return {
      kind: 'listing',
      loaded,
      ...(total === undefined ? {} : { total }),
      ...(this.listed ? { relist: true as const } : {}),
    };
  }

  /** The watch's parameters other than where it starts. */
  private watchParams(): WatchParams {
    const timeout = this.opts.watchTimeoutSeconds;
    return {
      labelSelector: this.opts.labelSelector,
      fieldSelector: this.opts.fieldSelector,
      timeoutSeconds: timeout === 0 ? undefined : (timeout ?? 300 + Math.floor(Math.random() * 300)),
    };
  }

  private watch(signal: AbortSignal): Promise<WatchEnd> {
    this.counters.watches++;
    return watchOnce(
      this.kc,
      this.opts.path,
      {
        resourceVersion: this.resourceVersion || undefined,
        allowWatchBookmarks: true,
        ...this.watchParams(),
      },
      {
        onOpen: () => {
          this.report({ kind: 'live' });
          this.silence?.opened();
        },
        onEvent: (type, object) => this.onWatchEvent(type, object),
      },
      signal,
      { dropManagedFields: this.opts.dropManagedFields },
    ).finally(() => this.silence?.closed());
  }

  private onWatchEvent(type: string, object: unknown): void {
    // Anything on the watch, even a bookmark, shows it is not stalled.
    this.silence?.heard();
    if (this.state === 'quiet') this.report({ kind: 'live' });
    if (!isRecord(object)) return;
    this.counters.events++;
    const rv = resourceVersionOf(object);
    if (type === 'BOOKMARK') {
      if (rv) this.resourceVersion = rv;
      this.silence?.bookmark();
      return;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
    const decoded = this.decodeOne(object);
    if (decoded.ok) this.handlers.onEvent(type, decoded.value);
    if (rv) this.resourceVersion = rv;
  }

  private decodeOne(raw: unknown): { ok: true; value: T } | { ok: false } {
    // The decoder's error is the place to surface a malformed object (src/kube/decode); here it is counted.
    try {
      return { ok: true, value: this.opts.decode(raw) };
    } catch (e) {
      this.counters.skipped++;
      debug(`reflector ${this.opts.path}: left out an object: ${e instanceof Error ? e.message : String(e)}`);
      return { ok: false };
    }
  }

  private decodeAll(items: readonly unknown[]): T[] {
    const out: T[] = [];
    for (const raw of items) {
      if (!isRecord(raw)) continue;
      const decoded = this.decodeOne(raw);
      if (decoded.ok) out.push(decoded.value);
    }
    return out;
  }

  private report(state: ReflectorState): void {
    if (this.signal?.aborted) return;
    this.state = state.kind;
    this.handlers.onState(state);
  }
}
