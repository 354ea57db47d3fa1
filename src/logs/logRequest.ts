/**
 * Opening a pod log stream over node:https with the kubeconfig's TLS and credentials (the helpers of
 * src/kube/request.ts), instead of client-node's `Log`, whose followed stream crashes the process when it is
 * aborted (REFERENCE §1.2) and which drops the server's message for 4xx answers (§4). The caller reads the
 * response body; aborting `signal` destroys it cleanly.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeConfigLike } from '../kube/plainKubeConfig.js';
import { RequestTimeoutError } from '../kube/errors.js';
import { requestOptions, retryOn401 } from '../kube/credentials.js';
import { apiUrl, parseError, readBody } from '../kube/request.js';

/** The log request's query (`timestamps` is always sent: reconnects and merging need it). */
export interface LogQuery {
  container: string;
  follow: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339, whole seconds. */
  sinceTime?: string;
  /** The most bytes the server sends (the restart history's bound on one instance's lines). */
  limitBytes?: number;
}

/** How long to wait for the response headers; a followed body may then be silent for as long as it likes. */
const HEADERS_TIMEOUT_MS = 30_000;
/** TCP keep-alive on the socket, so a follow on a dead connection ends instead of waiting forever. */
const KEEPALIVE_MS = 30_000;

/** The path of a pod's log. */
export function logPath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
}

/**
 * Sends the log request and resolves with the 200 response, its body unread. Rejects with `KubeHttpError` for
 * other answers (with the server's Status message), `RequestTimeoutError`, `CredentialsError` or the socket error.
 */
export function openLogStream(
  kc: KubeConfigLike,
  namespace: string,
  pod: string,
  query: LogQuery,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  // A 401 to a renewable credential (an exec plugin's) is retried once with a new one.
  return retryOn401(kc, () => openOnce(kc, namespace, pod, query, signal));
}

async function openOnce(
  kc: KubeConfigLike,
  namespace: string,
  pod: string,
  query: LogQuery,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const url = apiUrl(kc, logPath(namespace, pod), { ...query, timestamps: true });
  const opts = await requestOptions(kc, { Accept: '*/*' });
  signal.throwIfAborted();
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { ...opts, signal }, (res) => {
      req.setTimeout(0);
      const status = res.statusCode ?? 0;
      if (status === 200) return resolve(res);
      readBody(res).then((body) => reject(parseError(status, body, res.statusMessage)), reject);
    });
    req.on('socket', (socket) => socket.setKeepAlive(true, KEEPALIVE_MS));
    req.setTimeout(HEADERS_TIMEOUT_MS, () => req.destroy(new RequestTimeoutError(HEADERS_TIMEOUT_MS)));
    req.on('error', reject);
    req.end();
  });
}
