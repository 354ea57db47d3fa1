/**
 * One WATCH request over node:https (newline-delimited JSON events, parsed as plain objects), as a promise of how it
 * ended. The endings that matter differ in what to do next: a stream that was open and then ended (the server's
 * timeoutSeconds, a dropped connection, a silence longer than the server's own timeout) resumes from the last
 * resourceVersion; a 410 relists; a request that never got going backs off.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { credentialsRejected, requestOptions } from './credentials.js';
import { withoutManagedFields } from './decode/withoutManagedFields.js';
import { KubeHttpError } from './errors.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { apiUrl, parseError, readBody, transportFor } from './request.js';

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

/** How the events' text is read. */
export interface WatchOnceOptions {
  /** Cut each event's metadata.managedFields out of its text before parsing it (see withoutManagedFields). */
  dropManagedFields?: boolean;
}

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

const asIs = (line: string): string => line;

/** A watch that hears nothing (not even a bookmark) this much longer than the server's own timeout is dead. */
const SILENCE_GRACE_MS = 60_000;

/** Splits a stream into lines and hands each parsed JSON line on; lines that don't parse are skipped (as client-go). */
function eachJsonLine(
  res: IncomingMessage,
  onLine: (value: unknown) => void,
  prepare: (line: string) => string,
): void {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  res.on('data', (chunk: Buffer) => {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 1;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(prepare(line));
      } catch {
        continue;
      }
      onLine(value);
    }
    rest = text.slice(start);
  });
}

/**
 * Runs one watch until it ends. Never rejects.
 * @param kc the kubeconfig
 * @param path a collection path such as `/api/v1/pods`
 * @param params query parameters (resourceVersion, allowWatchBookmarks, labelSelector, timeoutSeconds…)
 * @param handlers called for the open and for each event, never after the promise settles
 * @param signal aborts the watch
 * @param options how the events' text is read
 */
export function watchOnce(
  kc: KubeConfigLike,
  path: string,
  params: WatchParams,
  handlers: WatchHandlers,
  signal: AbortSignal,
  options: WatchOnceOptions = {},
): Promise<WatchEnd> {
  const prepare = options.dropManagedFields ? withoutManagedFields : asIs;
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
      if (type === 'ERROR') {
        const err = errorEventStatus(object);
        // The server closes the stream after a 410 ERROR; finishing now saves waiting for that.
        return finish(err.status === 410 ? { kind: 'gone', events } : { kind: 'failed', error: err });
      }
      events++;
      handlers.onEvent(type, object);
    };

    let req: ClientRequest | undefined;
    let renewed = false;
    const onResponse = (res: IncomingMessage): void => {
      const status = res.statusCode ?? 0;
      // A 401 to a renewable credential (an exec plugin's): once more with a new one.
      if (status === 401 && !renewed && credentialsRejected(kc)) {
        renewed = true;
        res.resume();
        start().catch((err: unknown) => finish({ kind: 'failed', error: err }));
        return;
      }
      if (status !== 200) {
        readBody(res).then(
          (body) => {
            const err = parseError(status, body, res.statusMessage, res.headers['retry-after']);
            finish(status === 410 ? { kind: 'gone', events } : { kind: 'failed', error: err });
          },
          (err: unknown) => finish({ kind: 'failed', error: err }),
        );
        return;
      }
      open();
      eachJsonLine(
        res,
        (value) => {
          const e = (value ?? {}) as { type?: unknown; object?: unknown };
          if (typeof e.type === 'string') onEvent(e.type, e.object);
        },
        prepare,
      );
      // However it ends once open — the server's timeout, a drop, our silence timer — the watch resumes.
      res.on('end', () => finish({ kind: 'closed', events }));
      res.on('close', () => finish({ kind: 'closed', events }));
      res.on('error', () => finish({ kind: 'closed', events }));
    };

    const timeoutSeconds = Number(params.timeoutSeconds);
    const silenceMs = (Number.isFinite(timeoutSeconds) ? timeoutSeconds * 1000 : 600_000) + SILENCE_GRACE_MS;
    const start = async (): Promise<void> => {
      const url = apiUrl(kc, path, { ...params, watch: true });
      const opts = await requestOptions(kc, { Accept: 'application/json' });
      if (settled) return;
      controller = new AbortController();
      req = transportFor(url).request(url, { ...opts, signal: controller.signal }, onResponse);
      req.setTimeout(silenceMs, () => req?.destroy(new Error('the watch went silent')));
      req.on('error', (err: unknown) =>
        finish(opened ? { kind: 'closed', events } : { kind: 'failed', error: err }),
      );
      req.end();
    };
    // Credentials are applied before the request: a failing exec plugin rejects here.
    start().catch((err: unknown) => finish({ kind: 'failed', error: err }));
  });
}
