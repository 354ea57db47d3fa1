/**
 * WATCH: a chunked stream of JSON lines. Starts from the current state (no resourceVersion, or "0"), or replays
 * history after a given version, or answers a 410 ERROR event and closes when that version is compacted away.
 * Objects that stop matching a selector leave as DELETED and arrive as ADDED, as upstream.
 */
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../domain/wire.js';
import type { Change, ObjectStore } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { apiVersionOf } from '../store/resourceTypes.js';
import type { ListOptions } from './listOptions.js';
import type { IncludeObject } from './tables.js';
import { encodeObject, encodeObjectOnce } from '../http/json.js';
import { InitialEvents } from './initialEvents.js';
import { toTable } from './tables.js';

export interface WatchFormat {
  table: boolean;
  include: IncludeObject;
}

interface OpenWatch {
  res: ServerResponse;
  close(): void;
}

/** A watcher that cannot keep up beyond this many buffered bytes is dropped, as the API server drops slow ones. */
const MAX_BUFFERED = 32 * 1024 * 1024;

export class WatchHub {
  private readonly open = new Set<OpenWatch>();

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number = Date.now,
    private readonly bookmarkIntervalMs = 10_000,
    /** false: serve as a kube-apiserver without the WatchList feature (see watchListGate.ts). */
    readonly watchListServed = true,
  ) {}

  /** Number of watches open now. */
  get size(): number {
    return this.open.size;
  }

  /** Serves one watch request. */
  serve(res: ServerResponse, type: ResourceType, opts: ListOptions, format: WatchFormat): void {
    const store = this.store;
    const requested = opts.resourceVersion === undefined ? undefined : Number(opts.resourceVersion);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    let firstTable = true;
    const line = (type_: Change['type'] | 'BOOKMARK', object: unknown): string =>
      JSON.stringify({ type: type_, object }) + '\n';
    const encode = (kind: Change['type'], o: KubeObject, once = false): string => {
      // A change's stored version is encoded once for every watcher (cached); the initial events, like a list,
      // reuse what is cached but add nothing to it (json.ts encodeObjectOnce).
      if (!format.table)
        return `{"type":"${kind}","object":${once ? encodeObjectOnce(o) : encodeObject(o)}}\n`;
      const table = toTable(
        type,
        [o],
        this.now(),
        format.include,
        { resourceVersion: o.metadata?.resourceVersion },
        firstTable,
      );
      firstTable = false;
      return line(kind, table);
    };

    let initial: InitialEvents | undefined;
    const matching = function* (objects: readonly KubeObject[]): Generator<string> {
      for (const o of objects) if (opts.match(o)) yield encode('ADDED', o, true);
    };
    if (opts.sendInitialEvents === true) {
      // A watch-list (cacher.Watch with sendInitialEvents): the state now as ADDED events, then — when bookmarks
      // are allowed — the bookmark marking their end (setInitialEventsEndBookmarkIfRequested), at the version
      // the watch cache was at when they were taken.
      const objects = store.list(type, type.namespaced ? opts.namespace : undefined);
      const end = opts.allowWatchBookmarks
        ? line('BOOKMARK', bookmarkObject(type, store.resourceVersion, initialEventsEnd(type)))
        : undefined;
      initial = new InitialEvents(
        res,
        (function* () {
          yield* matching(objects);
          if (end) yield end;
        })(),
      );
    } else if (requested === 0 && opts.sendInitialEvents === false) {
      // resourceVersion 0 without initial events: from now on (watchCache.getAllEventsSinceLocked).
    } else if (requested !== undefined && requested !== 0) {
      const replay = store.changesSince(type, requested);
      if (!replay) {
        const status = {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${requested} (${store.oldestWatchableRv})`,
          reason: 'Expired',
          code: 410,
        };
        res.end(line('ERROR' as Change['type'], status));
        return;
      }
      // Replayed as initial events are written (a batch at a time behind the drain): thousands of changes written
      // at once would make the watch look slow and be dropped (MAX_BUFFERED).
      const filter = (c: Change) => this.filter(c, opts);
      initial = new InitialEvents(
        res,
        (function* () {
          for (const c of replay) {
            const out = filter(c);
            if (out) yield encode(out[0], out[1]);
          }
        })(),
      );
    } else {
      initial = new InitialEvents(
        res,
        matching(store.list(type, type.namespaced ? opts.namespace : undefined)),
      );
    }

    let bookmarkTimer: NodeJS.Timeout | undefined;
    let timeout: NodeJS.Timeout | undefined;
    const watch: OpenWatch = {
      res,
      close: () => {
        unsubscribe();
        clearInterval(bookmarkTimer);
        clearTimeout(timeout);
        this.open.delete(watch);
      },
    };
    const unsubscribe = store.subscribe((c) => {
      if (c.resource !== type) return;
      const out = this.filter(c, opts);
      if (!out) return;
      if (initial) initial.write(() => encode(out[0], out[1]));
      else res.write(encode(out[0], out[1]));
      if (res.writableLength > MAX_BUFFERED) {
        watch.close();
        res.destroy();
      }
    });
    this.open.add(watch);
    if (opts.allowWatchBookmarks) {
      bookmarkTimer = setInterval(() => {
        const bookmark = (): string => line('BOOKMARK', bookmarkObject(type, store.resourceVersion));
        if (initial) initial.write(bookmark);
        else res.write(bookmark());
      }, this.bookmarkIntervalMs);
      bookmarkTimer.unref();
    }
    if (opts.timeoutSeconds !== undefined && opts.timeoutSeconds > 0) {
      timeout = setTimeout(() => {
        watch.close();
        res.end();
      }, opts.timeoutSeconds * 1000);
      timeout.unref();
    }
    res.on('close', () => watch.close());
    void initial?.run().then(() => (initial = undefined));
  }

  /** Ends every open watch abruptly, as a dropped connection would; returns how many. */
  dropAll(): number {
    const n = this.open.size;
    for (const w of [...this.open]) {
      w.close();
      w.res.destroy();
    }
    return n;
  }

  /** What a change looks like to a watcher with these options, if anything. */
  private filter(c: Change, opts: ListOptions): [Change['type'], KubeObject] | undefined {
    const now = opts.match(c.object);
    if (c.type !== 'MODIFIED') return now ? [c.type, c.object] : undefined;
    const before = c.previous ? opts.match(c.previous) : now;
    if (now && before) return ['MODIFIED', c.object];
    if (now) return ['ADDED', c.object];
    // Leaving the selection: the cache watcher sends the object as it was when it last matched, at the
    // version of the change (cacheWatcher.convertToWatchEvent).
    if (before && c.previous) {
      const last = { ...c.previous, metadata: { ...c.previous.metadata, resourceVersion: String(c.rv) } };
      return ['DELETED', last];
    }
    return undefined;
  }
}

/** The annotations of the bookmark that ends a watch-list's initial events (metav1.InitialEventsAnnotationKey). */
function initialEventsEnd(type: ResourceType): Record<string, string> {
  // The empty list the client should build its result into (InitialEventsListBlueprintAnnotationKey), as the
  // API server encodes it: a JSON list with null items, base64.
  const blueprint = JSON.stringify({
    kind: type.listKind,
    apiVersion: apiVersionOf(type),
    metadata: {},
    items: null,
  });
  return {
    'k8s.io/initial-events-end': 'true',
    'kubernetes.io/initial-events-list-blueprint': Buffer.from(`${blueprint}\n`).toString('base64'),
  };
}

/**
 * A BOOKMARK's object: an empty object of the watched kind carrying only a resourceVersion (and annotations for
 * the initial-events-end one), as a typed Go object encodes when empty (creationTimestamp null).
 */
function bookmarkObject(type: ResourceType, rv: number, annotations?: Record<string, string>): object {
  return {
    kind: type.kind,
    apiVersion: apiVersionOf(type),
    metadata: {
      resourceVersion: String(rv),
      creationTimestamp: null,
      ...(annotations ? { annotations } : {}),
    },
    ...(EMPTY_BODY[type.kind] ?? { spec: {}, status: {} }),
  };
}

/** What an empty object of a kind encodes beside its metadata (a Pod's spec has a non-omitempty containers). */
const EMPTY_BODY: Record<string, object> = {
  Pod: { spec: { containers: null }, status: {} },
};
