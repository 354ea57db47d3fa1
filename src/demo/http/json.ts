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
    // Not kept: a list of 100,000 pods would keep 700 MB of text alive for as long as the pods are unchanged
    // (a real API server encodes each list afresh too); what a watch event already encoded is reused.
    const o = items[i]!;
    batch.push(cache.get(o) ?? JSON.stringify(o));
    if (batch.length === 500) {
      res.write((i + 1 > 500 ? ',' : '') + batch.join(','));
      batch.length = 0;
    }
  }
  res.write((batch.length && items.length > batch.length ? ',' : '') + batch.join(','));
  res.end(']}');
}
