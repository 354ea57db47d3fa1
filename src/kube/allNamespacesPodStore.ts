/**
 * The pods of all namespaces — or, for a user who may not list pods at the cluster scope, of every namespace
 * they may list. It starts one cluster-scope `PodStore`, passed through untouched, and asks meanwhile
 * (SelfSubjectAccessReview `list pods` at the cluster scope). When the review denies it, or the list answers 403,
 * it finds the namespaces the user may list (see `listableNamespaces`) and runs one
 * `PodStore` per namespace, merged into one snapshot with a `notice` saying so — not an empty screen, not a
 * retry loop (a 403 before the first list is final in `PodStore`).
 */
import type { Pod } from '../domain/wire.js';
import type { AccessStore } from './access.js';
import { CowMap } from './cowMap.js';
import { listableNamespaces } from './listableNamespaces.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import type { PodSnapshot, SyncState } from './podSnapshot.js';
import { PodStore } from './podStore.js';
import type { PodStoreOptions, PodStoreStats } from './podStore.js';
import { ThrottledPublisher } from './throttledPublisher.js';

/** A pod snapshot that may carry one line about the scope it shows. */
export interface ScopedPodSnapshot extends PodSnapshot {
  /** Why the rows are not what was asked for, e.g. only the namespaces the user may list. */
  notice?: string;
}

export interface AllNamespacesOptions extends Omit<PodStoreOptions, 'namespace'> {
  access: AccessStore;
  /** More namespaces worth trying (the favourites). */
  candidates?: readonly string[];
}

/** The line shown above the rows when the cluster scope is forbidden. */
export function restrictedNotice(namespaces: readonly string[], tried: readonly string[]): string {
  if (namespaces.length > 0)
    return `cannot list pods at the cluster scope (forbidden): showing the namespaces you may list: ${namespaces.join(', ')}`;
  return `cannot list pods at the cluster scope (forbidden), nor in ${tried.join(', ') || 'any namespace podscope knows of'}: pick a namespace with n or :ns NAME`;
}

const EMPTY: ScopedPodSnapshot = { pods: new Map(), version: 0, sync: { kind: 'connecting' }, stale: false };

/** How a 403 before the first list looks in a `PodStore` snapshot (see describeFailure's wording). */
function isForbidden(s: PodSnapshot): boolean {
  return s.sync.kind === 'error' && /\bforbidden\b/i.test(s.sync.message);
}

/** The worst of the namespaces' states: a failure or a list in progress outranks live. */
function mergeSync(states: readonly SyncState[]): SyncState {
  const reconnecting = states.find((s) => s.kind === 'reconnecting');
  if (reconnecting) return reconnecting;
  const listing = states.filter((s) => s.kind === 'listing');
  if (listing.length > 0) {
    const loaded = listing.reduce((n, s) => n + (s.kind === 'listing' ? s.loaded : 0), 0);
    return { kind: 'listing', loaded };
  }
  if (states.some((s) => s.kind === 'connecting')) return { kind: 'connecting' };
  const [first] = states;
  if (first && states.every((s) => s.kind === 'error')) return first;
  const quiet = states.filter((s) => s.kind === 'quiet');
  if (quiet.length > 0) return quiet.reduce((a, b) => (b.silentMs > a.silentMs ? b : a));
  return { kind: 'live' };
}

type Shardy = ReadonlyMap<string, Pod> & {
  shardMaps?: () => readonly (ReadonlyMap<string, Pod> | undefined)[];
};

/** Applies the change from `before` to `after` (one namespace's pods) to `into`. */
function applyDiff(into: CowMap<Pod>, before: Shardy, after: Shardy): void {
  const a = before.shardMaps?.();
  const b = after.shardMaps?.();
  const pairs: [ReadonlyMap<string, Pod> | undefined, ReadonlyMap<string, Pod> | undefined][] =
    a && b && a.length === b.length ? a.map((s, i) => [s, b[i]]) : [[before, after]];
  for (const [old, now] of pairs) {
    if (old === now) continue; // an unchanged shard keeps its identity (CowMap)
    if (old) for (const k of old.keys()) if (!now?.has(k)) into.delete(k);
    if (now) for (const [k, v] of now) if (old?.get(k) !== v) into.set(k, v);
  }
}

export class AllNamespacesPodStore {
  private mode: 'checking' | 'cluster' | 'namespaces' | 'stopped' = 'checking';
  private cluster: PodStore | undefined;
  private readonly stores = new Map<string, { store: PodStore; last: PodSnapshot; off: () => void }>();
  private readonly merged = new CowMap<Pod>();
  private readonly publisher: ThrottledPublisher<ScopedPodSnapshot>;
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private notice: string | undefined;
  private version = 0;
  private offCluster: (() => void) | undefined;

  constructor(
    private readonly kc: KubeConfigLike,
    private readonly opts: AllNamespacesOptions,
  ) {
    this.publisher = new ThrottledPublisher<ScopedPodSnapshot>(EMPTY, () => this.build(), opts.flushMs ?? 50);
    this.publisher.subscribe(() => this.notify());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): ScopedPodSnapshot =>
    this.mode === 'cluster' && this.cluster ? this.cluster.getSnapshot() : this.publisher.getSnapshot();

  /** The namespaces watched one by one (empty unless the cluster scope is forbidden). */
  namespaces(): string[] {
    return [...this.stores.keys()];
  }

  /** Counters of every store this one ran. */
  stats(): PodStoreStats {
    const all = [...(this.cluster ? [this.cluster] : []), ...[...this.stores.values()].map((e) => e.store)];
    const sum: PodStoreStats = { lists: 0, watches: 0, events: 0, published: 0, streamed: 0 };
    for (const s of all) {
      const x = s.stats();
      sum.lists += x.lists;
      sum.watches += x.watches;
      sum.events += x.events;
      sum.published += x.published;
      sum.streamed += x.streamed;
    }
    return sum;
  }

  start(): void {
    if (this.mode !== 'checking' || this.cluster || this.abort.signal.aborted) return;
    // The cluster-scope list starts at once, beside the review rather than after it: one round trip less before
    // the first rows for the usual user who may list everything (issue 17: launch → first rows). A denial, from the
    // review or from the list itself (403), ends it and falls back.
    this.startCluster();
    void this.opts.access.ask({ verb: 'list', resource: 'pods' }).then((answer) => {
      if (this.mode === 'cluster' && answer.verdict === 'denied') void this.fallBack();
    });
  }

  stop(): void {
    if (this.mode === 'stopped') return;
    this.mode = 'stopped';
    this.abort.abort();
    this.offCluster?.();
    this.cluster?.stop();
    for (const e of this.stores.values()) {
      e.off();
      e.store.stop();
    }
    this.publisher.close();
    this.listeners.clear();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private storeOptions(namespace: string | undefined): PodStoreOptions {
    return {
      ...(namespace === undefined ? {} : { namespace }),
      ...(this.opts.labelSelector === undefined ? {} : { labelSelector: this.opts.labelSelector }),
      ...(this.opts.pageSize === undefined ? {} : { pageSize: this.opts.pageSize }),
      ...(this.opts.flushMs === undefined ? {} : { flushMs: this.opts.flushMs }),
    };
  }

  private startCluster(): void {
    const store = new PodStore(this.kc, this.storeOptions(undefined));
    this.cluster = store;
    this.mode = 'cluster';
    this.offCluster = store.subscribe(() => {
      if (this.mode !== 'cluster') return;
      // Allowed by the review (or it failed) but refused by the list: the rules changed, or an authorizer the
      // review does not consult (a webhook) said no. Fall back all the same.
      if (isForbidden(store.getSnapshot())) return void this.fallBack();
      this.notify();
    });
    store.start();
    this.notify();
  }

  private async fallBack(): Promise<void> {
    this.offCluster?.();
    this.cluster?.stop();
    this.cluster = undefined;
    this.mode = 'namespaces';
    this.publisher.invalidate();
    const found = await listableNamespaces(
      this.kc,
      this.opts.access,
      this.opts.candidates ?? [],
      this.abort.signal,
    );
    if (this.mode !== 'namespaces') return;
    this.notice = restrictedNotice(found.namespaces, found.candidates);
    for (const ns of found.namespaces) {
      const store = new PodStore(this.kc, this.storeOptions(ns));
      const entry: { store: PodStore; last: PodSnapshot; off: () => void } = {
        store,
        last: store.getSnapshot(),
        off: () => undefined,
      };
      entry.off = store.subscribe(() => {
        const next = store.getSnapshot();
        applyDiff(this.merged, entry.last.pods, next.pods);
        entry.last = next;
        this.publisher.invalidate();
      });
      this.stores.set(ns, entry);
      store.start();
    }
    this.publisher.invalidate();
  }

  private build(): ScopedPodSnapshot {
    const snaps = [...this.stores.entries()].map(([ns, e]) => ({ ns, s: e.last }));
    const failed = snaps.find((x) => x.s.error !== undefined);
    const sync: SyncState =
      this.notice === undefined
        ? { kind: 'connecting' }
        : snaps.length === 0
          ? { kind: 'error', message: this.notice }
          : mergeSync(snaps.map((x) => x.s.sync));
    return {
      pods: this.merged.freeze(),
      version: ++this.version,
      sync,
      stale: snaps.some((x) => x.s.stale),
      ...(failed ? { error: `${failed.ns}: ${failed.s.error}` } : {}),
      ...(this.notice === undefined ? {} : { notice: this.notice }),
    };
  }
}
