/** Writing JSON answers; object encodings are cached per stored version for watches, which repeat them. */
import type { ServerResponse } from 'node:http';

const cache = new WeakMap<object, string>();

/** JSON of a stored object; stored versions are never mutated, so the text can be reused. */
export function encodeObject(o: object): string {
  let s = cache.get(o);
  if (s === undefined) {
    s = JSON.stringify(o);
    cache.set(o, s);
  }
  return s;
}

/**
 * JSON of a stored object, reusing a cached encoding but adding none: for the bulk paths (a list, a watch's initial
 * events) whose objects are mostly unchanged ones no watcher has needed, where keeping their text would hold ~7 KB a
 * pod for as long as the pod is unchanged (700 MB at 100,000 pods; a real API server encodes each list afresh too).
 */
export function encodeObjectOnce(o: object): string {
  return cache.get(o) ?? JSON.stringify(o);
}

/** Sends a JSON value. */
export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Objects encoded and written at once: about 3.4 MB of real-size pods. */
const LIST_BATCH = 500;

/**
 * Sends a List whose items are stored objects, without re-encoding what a watch already encoded. Written a batch
 * at a time, waiting for the socket to drain between batches, as initialEvents.ts writes a watch's (and as a real
 * API server's encoder blocks on a slow client): an unpaged list of 100,000 pods (680 MB) is no longer held whole
 * in the server's memory while the client reads it, and other requests are served between batches. The items are
 * the list's snapshot: stored versions are never changed, so writing them later still answers that version.
 */
export function sendList(
  res: ServerResponse,
  kind: string,
  apiVersion: string,
  metadata: object,
  items: readonly object[],
): void {
  const head = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`;
  sendItems(res, head, items, (batch) => batch.map(encodeObjectOnce).join(','));
}

/**
 * Sends `head`, then the items' JSON (`encode` gives a batch's, comma-separated) a batch at a time, waiting for
 * the socket to drain between batches, then `]}`: the head must end by opening the array of items.
 */
export function sendItems<T>(
  res: ServerResponse,
  head: string,
  items: readonly T[],
  encode: (batch: readonly T[]) => string,
): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  if (items.length <= LIST_BATCH) {
    res.end(head + encode(items) + ']}');
    return;
  }
  res.write(head);
  void writeItems(res, items, encode);
}

async function writeItems<T>(
  res: ServerResponse,
  items: readonly T[],
  encode: (batch: readonly T[]) => string,
): Promise<void> {
  for (let i = 0; i < items.length; i += LIST_BATCH) {
    if (res.destroyed) return;
    const batch = encode(items.slice(i, i + LIST_BATCH));
    res.write(i === 0 ? batch : ',' + batch);
    await (res.writableNeedDrain ? drained(res) : new Promise<void>((r) => setImmediate(r)));
  }
  if (!res.destroyed) res.end(']}');
}

/** Resolves when the response has drained or closed. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
