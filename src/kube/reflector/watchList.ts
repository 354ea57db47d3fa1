/**
 * The streaming list ("watch-list", KEP-3157): one WATCH with `sendInitialEvents=true` and
 * `resourceVersionMatch=NotOlderThan` that first sends the collection as it is now (one ADDED per object), then a
 * BOOKMARK annotated `k8s.io/initial-events-end: "true"` at the version those events make up, and then goes on as
 * an ordinary watch from there. Behaviour followed: client-go's Reflector.watchList and handleListWatch
 * (tools/cache/reflector.go, v0.32): the initial events make the list, the annotated bookmark completes it; a stream
 * that ends before that bookmark is retried with a clean state.
 *
 * Whether a server serves it is told by its answer: kube-apiserver without the WatchList feature (before 1.32, or
 * with the gate off) refuses the options with 422 (`sendInitialEvents is forbidden for watch unless the WatchList
 * feature gate is enabled`; before 1.27 `resourceVersionMatch is forbidden for watch`), and client-go then falls
 * back to LIST + WATCH (ListAndWatch: "falling back to the standard LIST/WATCH semantics"); see `refusesWatchList`.
 */
import { KubeHttpError } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { watchOnce } from '../watchOnce.js';
import type { WatchEnd, WatchOnceOptions, WatchParams } from '../watchOnce.js';
import { isRecord, resourceVersionOf } from './resourceVersion.js';

/** metav1.InitialEventsAnnotationKey. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** What the stream hands on, in order: the open, batches of the initial objects, their end, then changes. */
export interface WatchListSink {
  /** The server accepted the watch (HTTP 200). */
  onOpen(): void;
  /** Initial objects (raw), in the server's order, batched as they arrive (all of one read at once). */
  onInitial(objects: readonly unknown[]): void;
  /** The initial events are complete at `resourceVersion`: the list is whole, and the watch goes on from there. */
  onInitialEnd(resourceVersion: string | undefined): void;
  /** A change (or a plain bookmark) after the initial events, raw. */
  onEvent(type: string, object: unknown): void;
}

/** How the watch-list ended: the watch's end, and whether its initial events were complete before it. */
export interface WatchListEnd {
  end: WatchEnd;
  /** The initial-events-end bookmark came: the list is whole. */
  synced: boolean;
  /** The server accepted the request (HTTP 200). */
  opened: boolean;
}

/**
 * Whether a watch-list's failure says the server does not serve it (so list + watch is the way), rather than that
 * the request failed: an answer refusing the request (4xx), except those that retrying or relisting mend (429, 410).
 * client-go falls back on any error its watch-list does not retry (ListAndWatch); 401 and 403 fall back too, and the
 * paged list then reports them as it always has.
 * @param error the watch's failure
 */
export function refusesWatchList(error: unknown): boolean {
  return (
    error instanceof KubeHttpError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.status !== 410
  );
}

/** Whether a BOOKMARK's object is the one that ends the initial events. */
function endsInitialEvents(object: unknown): boolean {
  if (!isRecord(object)) return false;
  const meta = object['metadata'];
  if (!isRecord(meta)) return false;
  const annotations = meta['annotations'];
  return isRecord(annotations) && annotations[INITIAL_EVENTS_END] === 'true';
}

/**
 * Runs one watch-list until it ends. Never rejects.
 * @param kc the kubeconfig
 * @param path a collection path such as `/api/v1/pods`
 * @param params the selectors and timeoutSeconds (the watch-list's own options are added here)
 * @param sink called in order, never after the promise settles
 * @param signal aborts it
 * @param options how the events' text is read
 */
export async function watchList(
  kc: KubeConfigLike,
  path: string,
  params: WatchParams,
  sink: WatchListSink,
  signal: AbortSignal,
  options: WatchOnceOptions = {},
): Promise<WatchListEnd> {
  let synced = false;
  let opened = false;
  let batch: unknown[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  const flush = (): void => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (batch.length === 0 || signal.aborted) return;
    const objects = batch;
    batch = [];
    sink.onInitial(objects);
  };
  const end = await watchOnce(
    kc,
    path,
    {
      ...params,
      // client-go's watchList options: no resourceVersion (the newest state), bookmarks on.
      resourceVersion: undefined,
      sendInitialEvents: true,
      resourceVersionMatch: 'NotOlderThan',
      allowWatchBookmarks: true,
    },
    {
      onOpen: () => {
        opened = true;
        sink.onOpen();
      },
      onEvent: (type, object) => {
        if (synced) return sink.onEvent(type, object);
        if (type === 'ADDED') {
          batch.push(object);
          // Everything parsed from one read of the socket goes to the store as one batch, after that read.
          scheduled ??= setImmediate(flush);
          return;
        }
        flush();
        if (type === 'BOOKMARK' && endsInitialEvents(object)) {
          synced = true;
          sink.onInitialEnd(resourceVersionOf(object));
          return;
        }
        sink.onEvent(type, object);
      },
    },
    signal,
    options,
  );
  // A stream that ended before its initial events were complete is not a list: the caller lists again (client-go
  // retries with a clean temporary store); the objects not yet handed on are dropped.
  if (scheduled) clearImmediate(scheduled);
  return { end, synced, opened };
}
