/**
 * One WATCH request with client-node's `Watch` (raw parsed JSON, no model classes), as a promise of how it ended.
 * The endings that matter differ in what to do next: a stream that was open and then ended (the server's timeout,
 * client-node 2.0.1's 30 s idle `TimeoutError`, a dropped connection) resumes from the last resourceVersion; a
 * 410 relists; a request that never got going backs off.
 */
import { Watch } from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpError } from './errors.js';

export type WatchEnd =
  /** The stream was open and ended: resume from the last resourceVersion seen. */
  | { kind: 'closed'; events: number }
  /** The resourceVersion is too old (410 as an ERROR event or as the HTTP status): list again. */
  | { kind: 'gone'; events: number }
  /** The request failed (could not connect, non-200, ERROR event): back off. */
  | { kind: 'failed'; error: unknown }
  /** The caller's signal aborted it. */
  | { kind: 'aborted' };

export interface WatchHandlers {
  /** The server accepted the watch (HTTP 200). */
  onOpen(): void;
  /** ADDED, MODIFIED, DELETED or BOOKMARK with its raw object. */
  onEvent(type: string, object: unknown): void;
}

export type WatchParams = Record<string, string | number | boolean | undefined>;

interface StatusObject {
  code?: unknown;
  message?: unknown;
  reason?: unknown;
}

/** The ERROR event's Status, as an error the rest of the layer understands. */
function errorEventStatus(object: unknown): KubeHttpError {
  const s = (object ?? {}) as StatusObject;
  const code = typeof s.code === 'number' ? s.code : 500;
  const message = typeof s.message === 'string' ? s.message : 'watch error';
  return new KubeHttpError(code, message, typeof s.reason === 'string' ? s.reason : undefined);
}

function statusOf(err: unknown): number | undefined {
  const code = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Runs one watch until it ends. Never rejects.
 * @param kc the kubeconfig
 * @param path a collection path such as `/api/v1/pods`
 * @param params query parameters (resourceVersion, allowWatchBookmarks, labelSelector, timeoutSeconds…)
 * @param handlers called for the open and for each event, never after the promise settles
 * @param signal aborts the watch
 */
export function watchOnce(
  kc: KubeConfig,
  path: string,
  params: WatchParams,
  handlers: WatchHandlers,
  signal: AbortSignal,
): Promise<WatchEnd> {
  return new Promise((resolve) => {
    let settled = false;
    let opened = false;
    let events = 0;
    let controller: AbortController | undefined;

    const finish = (end: WatchEnd): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      controller?.abort();
      resolve(end);
    };
    const onAbort = (): void => finish({ kind: 'aborted' });
    if (signal.aborted) return finish({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });

    const open = (): void => {
      if (opened || settled) return;
      opened = true;
      handlers.onOpen();
    };

    const onEvent = (type: string, object: unknown): void => {
      if (settled) return;
      // Events can be parsed before watch()'s promise resolves: the first one proves the stream is open.
      open();
      if (type === 'ERROR') {
        const err = errorEventStatus(object);
        // The server closes the stream after a 410 ERROR; finishing now saves waiting for that.
        return finish(err.status === 410 ? { kind: 'gone', events } : { kind: 'failed', error: err });
      }
      events++;
      handlers.onEvent(type, object);
    };

    const onDone = (err: unknown): void => {
      if (settled) return;
      const status = statusOf(err);
      if (status === 410) return finish({ kind: 'gone', events });
      if (status !== undefined) return finish({ kind: 'failed', error: err });
      // done(null) only follows an open stream; an error after the open is the stream being cut (a drop, or
      // the 30 s idle timeout): either way the watch resumes where it was.
      if (err === null || err === undefined || opened) return finish({ kind: 'closed', events });
      finish({ kind: 'failed', error: err });
    };

    new Watch(kc).watch(path, params, onEvent, onDone).then(
      (ctl) => {
        controller = ctl;
        if (settled) ctl.abort();
        else open();
      },
      // Credentials are applied before the request: a failing exec plugin rejects here, done is never called.
      (err: unknown) => finish({ kind: 'failed', error: err }),
    );
  });
}
