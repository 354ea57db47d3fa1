/**
 * One unpaged LIST read as it arrives: its items handed on in batches while the rest of the body is still on the
 * wire (see `ListItemsSplitter`), then the list's metadata. What a whole list of 100,000 pods needs — its body is
 * longer than any string V8 can make, so `getJson` cannot read it (`RangeError: Invalid string length`) — and what
 * lets the pods be slimmed batch by batch instead of all held full at once.
 */
import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { requestOptions, retryOn401 } from './credentials.js';
import { decodeList } from './decode/list.js';
import type { DecodedList } from './decode/list.js';
import { ListItemsSplitter } from './listItemsSplitter.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { apiUrl, armTimeouts, parseError, readBody, transportFor } from './request.js';
import type { GetJsonOptions } from './request.js';

/** Items handed on at most this many at a time (what has arrived is handed on at once when it is fewer). */
const BATCH = 500;

/**
 * GETs the list at `path` and yields its items (raw, parsed) in batches, in the server's order; returns the list
 * without its items (its metadata: resourceVersion, continue) decoded. Throws as `getJson` does for an answer that
 * is not 2xx, a timeout or a socket error, and a `SyntaxError` for a body that is not JSON.
 * @param kc the kubeconfig
 * @param path a collection path such as `/api/v1/pods`
 * @param options the query (no limit: the whole list), signal and idle timeout
 */
export async function* streamList(
  kc: KubeConfigLike,
  path: string,
  options: GetJsonOptions,
): AsyncGenerator<unknown[], DecodedList<unknown>, undefined> {
  const res = await retryOn401(kc, () => openList(kc, path, options));
  const body: Readable = res.headers['content-encoding'] === 'gzip' ? res.pipe(createGunzip()) : res;
  if (body !== res) res.once('error', (e) => body.destroy(e));
  const splitter = new ListItemsSplitter();
  let batch: unknown[] = [];
  try {
    for await (const chunk of body) {
      if (!Buffer.isBuffer(chunk)) continue;
      for (const item of splitter.push(chunk)) batch.push(item);
      // Hand on what has arrived once the read has caught up with the socket, or once a batch is full.
      if (batch.length >= BATCH || (batch.length > 0 && body.readableLength === 0)) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    return decodeList(splitter.end(), 'a list', (raw: unknown) => raw, `GET ${path}`);
  } finally {
    // Left early (the caller stopped, or a failure): the rest of the body is not wanted.
    res.destroy();
  }
}

/** The answer to the GET, once its status says 2xx; a failure as `getJson` words it. */
async function openList(kc: KubeConfigLike, path: string, options: GetJsonOptions): Promise<IncomingMessage> {
  const url = apiUrl(kc, path, options.query);
  const opts = await requestOptions(kc, { Accept: 'application/json', 'Accept-Encoding': 'gzip' });
  opts.method = 'GET';
  options.signal?.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const req = transportFor(url).request(url, { ...opts, signal: options.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status <= 299) return resolve(res);
      readBody(res).then(
        (text) => reject(parseError(status, text, res.statusMessage, res.headers['retry-after'])),
        reject,
      );
    });
    armTimeouts(req, timeoutMs);
    req.on('error', reject);
    req.end();
  });
}
