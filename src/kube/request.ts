/**
 * GET a JSON document from the API server with the kubeconfig's TLS and credentials, over node:https, and hand
 * back plain parsed JSON. The typed client-node APIs would turn 10,000 pods into model classes with Date objects
 * only for the dashboard to throw most of it away; a list page parsed here goes straight to `slimPod`.
 */
import http from 'node:http';
import https from 'node:https';
import { createGunzip } from 'node:zlib';
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { CredentialsError, KubeHttpError, RequestTimeoutError } from './errors.js';

export interface GetJsonOptions {
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Gives up when the server is silent this long (connecting, or between chunks of the body). */
  timeoutMs?: number;
}

/** The URL of the current cluster's API server (what error messages name). */
export function serverUrl(kc: KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? '(no cluster)';
}

/** The URL of `path` (with `query`) below the current cluster's server URL. */
export function buildUrl(kc: KubeConfig, path: string, query: GetJsonOptions['query']): URL {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new CredentialsError('the kubeconfig has no current cluster');
  // Concatenated, not resolved: a server URL may carry a path prefix (Rancher, proxies).
  const url = new URL(cluster.server + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/**
 * The kubeconfig's TLS material and credentials as request options (CA, client certificate, bearer token from a
 * plugin…): what every request to the API server carries, WebSocket upgrades included.
 * Throws `CredentialsError` when a credential plugin or a file it names fails.
 */
export async function requestOptions(kc: KubeConfig): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json', 'Accept-Encoding': 'gzip' },
  };
  try {
    // Runs exec credential plugins (client-node spawns them with piped stdio, so their stderr is captured, not
    // printed) and reads CA/cert files; both can fail before any request is made.
    await kc.applyToHTTPSOptions(opts);
  } catch (e) {
    const exec = kc.getCurrentUser()?.exec as { command?: unknown } | undefined;
    const plugin = typeof exec?.command === 'string' ? exec.command : undefined;
    throw new CredentialsError(e instanceof Error ? e.message : String(e), plugin);
  }
  return opts;
}

/** The whole body of a response, gunzipped when it is gzip-encoded. */
export function readBody(res: IncomingMessage): Promise<Buffer> {
  const gzip = res.headers['content-encoding'] === 'gzip';
  const stream = gzip ? res.pipe(createGunzip()) : res;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    if (gzip) res.on('error', reject);
  });
}

/** A non-2xx answer as a `KubeHttpError` with the `Status` body's message when there is one. */
export function parseError(status: number, body: Buffer, statusText: string | undefined): KubeHttpError {
  try {
    const s = JSON.parse(body.toString('utf8')) as { kind?: unknown; message?: unknown; reason?: unknown };
    if (s.kind === 'Status' && typeof s.message === 'string') {
      return new KubeHttpError(status, s.message, typeof s.reason === 'string' ? s.reason : undefined);
    }
  } catch {
    // Not a Status body (a proxy's HTML page, say): the reason phrase is all there is.
  }
  return new KubeHttpError(status, statusText ?? http.STATUS_CODES[status] ?? 'error');
}

/**
 * GETs `path` (below the cluster's server URL) and returns the parsed JSON body.
 * Throws `KubeHttpError` for non-2xx answers (with the `Status` message), `RequestTimeoutError`,
 * `CredentialsError`, or the socket/TLS error (see `describeFailure`).
 * @param kc the kubeconfig, with its current context selecting cluster and user
 * @param path the API path, e.g. `/api/v1/pods`
 */
export async function getJson(kc: KubeConfig, path: string, options: GetJsonOptions = {}): Promise<unknown> {
  const url = buildUrl(kc, path, options.query);
  const opts = await requestOptions(kc);
  options.signal?.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { ...opts, signal: options.signal }, (res) => {
      readBody(res).then((body) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) return reject(parseError(status, body, res.statusMessage));
        try {
          resolve(JSON.parse(body.toString('utf8')));
        } catch (e) {
          reject(new Error(`the server sent invalid JSON for ${path}: ${(e as Error).message}`));
        }
      }, reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new RequestTimeoutError(timeoutMs)));
    req.on('error', reject);
    req.end();
  });
}
