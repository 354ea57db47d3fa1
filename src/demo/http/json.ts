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

/** Sends a List whose items are stored objects, without re-encoding them. */
export function sendList(
  res: ServerResponse,
  kind: string,
  apiVersion: string,
  metadata: object,
  items: object[],
): void {
  const head = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write(head);
  const batch: string[] = [];
  for (let i = 0; i < items.length; i++) {
    batch.push(encodeObjectOnce(items[i]!));
    if (batch.length === 500) {
      res.write((i + 1 > 500 ? ',' : '') + batch.join(','));
      batch.length = 0;
    }
  }
  res.write((batch.length && items.length > batch.length ? ',' : '') + batch.join(','));
  res.end(']}');
}
