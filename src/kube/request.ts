/**
 * GET (or DELETE, PATCH…) a JSON document from the API server with the kubeconfig's TLS and credentials, over node:https, and hand
 * back plain parsed JSON. The typed client-node APIs would turn 10,000 pods into model classes with Date objects
 * only for the dashboard to throw most of it away; a list page parsed here goes straight to `slimPod`.
 */
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { requestOptions, retryOn401 } from './credentials.js';
import { readStatus } from './decode/status.js';
import type { StatusCause } from './decode/status.js';
import { CredentialsError, errorMessage, KubeHttpError, RequestTimeoutError } from './errors.js';
import type { KubeConfigLike } from './plainKubeConfig.js';
import { honoursRetryAfter, parseRetryAfter, RetryLaterError } from './retryAfter.js';

export interface GetJsonOptions {
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Gives up when the server is silent this long (connecting, or between chunks of the body). */
  timeoutMs?: number;
}

/** The URL of the current cluster's API server (what error messages name). */
export function serverUrl(kc: KubeConfigLike): string {
  return kc.getCurrentCluster()?.server ?? '(no cluster)';
}

/**
 * `path` below the current cluster's server URL, with the query parameters that are set.
 * @param kc the kubeconfig, with the current context selected
 */
export function apiUrl(kc: KubeConfigLike, path: string, query: GetJsonOptions['query']): URL {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new CredentialsError('the kubeconfig has no current cluster');
  // Concatenated, not resolved: a server URL may carry a path prefix (Rancher, proxies).
  const url = new URL(cluster.server + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/**
 * Which node module speaks the URL's protocol.
 * @param url an API URL
 */
export function transportFor(url: URL): typeof https | typeof http {
  return url.protocol === 'http:' ? http : https;
}

/**
 * The body as text, decoded chunk by chunk. A list page is megabytes: joining the chunks into one Buffer and
 * decoding that makes two large blocks outside the JS heap, which glibc's allocator keeps long after they are
 * freed (measured: 40 MiB of RSS at 10,000 pods); small chunk strings joined by V8 live and die in its heap.
 */
export function readBody(res: IncomingMessage): Promise<string> {
  const gzip = res.headers['content-encoding'] === 'gzip';
  const stream = gzip ? res.pipe(createGunzip()) : res;
  const decoder = new StringDecoder('utf8');
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (c: Buffer) => {
      try {
        text += decoder.write(c);
      } catch {
        // Longer than V8's longest string (about 512 MiB; an unpaged list of 100,000 pods is): it cannot be read
        // whole. Said as the request's failure, not thrown from a stream listener, which would end the process.
        stream.destroy();
        res.destroy();
        reject(new Error('the answer is too large to read whole (over 512 MiB)'));
      }
    });
    stream.on('end', () => resolve(text + decoder.end()));
    stream.on('error', reject);
    if (gzip) res.on('error', reject);
  });
}

/**
 * A non-2xx answer as a `KubeHttpError`, with the message of its `Status` body when it has one; a `RetryLaterError`
 * when a 429 or 5xx says when to come back (the `Retry-After` header, or the Status's `details.retryAfterSeconds`).
 * @param status the HTTP status
 * @param body the body's text
 * @param statusText the reason phrase
 * @param retryAfter the `Retry-After` header
 */
export function parseError(
  status: number,
  body: string,
  statusText: string | undefined,
  retryAfter?: string | string[],
): KubeHttpError {
  let message = statusText ?? http.STATUS_CODES[status] ?? 'error';
  let reason: string | undefined;
  let detailsAfter: number | undefined;
  let causes: StatusCause[] = [];
  try {
    const s = readStatus(JSON.parse(body));
    if (s?.kind === 'Status' && s.message !== undefined) {
      message = s.message;
      reason = s.reason;
      detailsAfter = s.retryAfterSeconds;
      causes = [...(s.causes ?? [])];
    }
  } catch {
    // Not a Status body (a proxy's HTML page, APF's plain-text 429): the reason phrase is all there is.
  }
  const after = honoursRetryAfter(status) ? (parseRetryAfter(retryAfter) ?? detailsAfter) : undefined;
  if (after !== undefined) return new RetryLaterError(status, message, reason, after);
  return new KubeHttpError(status, message, reason, causes);
}

/** A request with a JSON body: DELETE with `DeleteOptions`, PATCH with a patch of `contentType`. */
export interface SendJsonOptions extends GetJsonOptions {
  body?: unknown;
  /** `application/json` by default; a PATCH names its kind, e.g. `application/strategic-merge-patch+json`. */
  contentType?: string;
}

/**
 * GETs `path` (below the cluster's server URL) and returns the parsed JSON body.
 * Throws `KubeHttpError` for non-2xx answers (with the `Status` message), `RequestTimeoutError`,
 * `CredentialsError`, or the socket/TLS error (see `describeFailure`).
 * @param kc the kubeconfig, with its current context selecting cluster and user
 * @param path the API path, e.g. `/api/v1/pods`
 */
export function getJson(kc: KubeConfigLike, path: string, options: GetJsonOptions = {}): Promise<unknown> {
  return requestJson(kc, 'GET', path, options);
}

/** Like `getJson`, for any method, with an optional JSON body; a 401 to a renewable credential is retried once. */
export function requestJson(
  kc: KubeConfigLike,
  method: 'GET' | 'DELETE' | 'PATCH' | 'POST' | 'PUT',
  path: string,
  options: SendJsonOptions = {},
): Promise<unknown> {
  return retryOn401(kc, () => requestOnce(kc, method, path, options));
}

async function requestOnce(
  kc: KubeConfigLike,
  method: 'GET' | 'DELETE' | 'PATCH' | 'POST' | 'PUT',
  path: string,
  options: SendJsonOptions,
): Promise<unknown> {
  const url = apiUrl(kc, path, options.query);
  const opts = await requestOptions(kc, { Accept: 'application/json', 'Accept-Encoding': 'gzip' });
  opts.method = method;
  const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
  if (body) {
    opts.headers = {
      ...opts.headers,
      'Content-Type': options.contentType ?? 'application/json',
      'Content-Length': body.length,
    };
  }
  options.signal?.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const req = transportFor(url).request(url, { ...opts, signal: options.signal }, (res) => {
      readBody(res).then((resBody) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299)
          return reject(parseError(status, resBody, res.statusMessage, res.headers['retry-after']));
        try {
          resolve(JSON.parse(resBody));
        } catch (e) {
          reject(new Error(`the server sent invalid JSON for ${path}: ${errorMessage(e)}`));
        }
      }, reject);
    });
    armTimeouts(req, timeoutMs);
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A request's timeouts: until the answer starts, a wall-clock timer — the socket's idle timeout (req.setTimeout)
 * does not cover a TLS handshake the server never answers, and fired only after twice the time (measured: 20.2 s
 * for 10 s); after that, the idle timeout between chunks of the body. Either destroys the request with a
 * `RequestTimeoutError`.
 * @param req the request, before its end
 * @param timeoutMs both limits
 */
export function armTimeouts(req: ClientRequest, timeoutMs: number): void {
  const noAnswer = setTimeout(() => req.destroy(new RequestTimeoutError(timeoutMs)), timeoutMs);
  req.once('response', () => clearTimeout(noAnswer));
  req.once('close', () => clearTimeout(noAnswer));
  req.setTimeout(timeoutMs, () => req.destroy(new RequestTimeoutError(timeoutMs)));
}
