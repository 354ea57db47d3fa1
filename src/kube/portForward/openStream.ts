/**
 * Opens one port-forward stream: a WebSocket to `pods/NAME/portforward?ports=N` with the `v4.channel.k8s.io`
 * subprotocol (REFERENCE §5.6), authenticated and verified with the kubeconfig's TLS and credentials the way
 * every other request is. A refused upgrade becomes the API server's own message in one line.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import WebSocket from 'ws';
import { describeFailure, KubeHttpError } from '../errors.js';
import { requestOptions } from '../credentials.js';
import { apiUrl, serverUrl } from '../request.js';

/** The subprotocol spoken: data on channel 0, error text on channel 1, each opened by the port (uint16 LE). */
export const PORT_FORWARD_PROTOCOL = 'v4.channel.k8s.io';

/** What one stream goes to. */
export interface StreamTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
}

/** Gives up on an upgrade that gets no answer in this long. */
const OPEN_TIMEOUT_MS = 10_000;

function readStatus(res: IncomingMessage): Promise<KubeHttpError> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', () => resolve(new KubeHttpError(res.statusCode ?? 0, res.statusMessage ?? 'error')));
    res.on('end', () => {
      const status = res.statusCode ?? 0;
      try {
        const s = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          message?: unknown;
          reason?: unknown;
        };
        if (typeof s.message === 'string') {
          resolve(new KubeHttpError(status, s.message, typeof s.reason === 'string' ? s.reason : undefined));
          return;
        }
      } catch {
        // Not a Status: the reason phrase is all there is.
      }
      resolve(new KubeHttpError(status, res.statusMessage ?? 'error'));
    });
  });
}

/** A failed open, worded for the forward's state. */
export class StreamOpenError extends Error {
  constructor(
    message: string,
    /** The HTTP status of a refused upgrade (404: the pod is gone). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'StreamOpenError';
  }
}

/**
 * Resolves with the open WebSocket (a binary message arrives as its frames, a Buffer[]), or rejects with a {@link StreamOpenError}.
 * @param kc the kubeconfig
 * @param target the pod and its port
 */
export async function openForwardStream(kc: KubeConfigLike, target: StreamTarget): Promise<WebSocket> {
  const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/portforward`;
  const server = serverUrl(kc);
  const fail = (err: unknown): StreamOpenError => {
    const f = describeFailure(err, server, `port-forward to pod "${target.pod}"`);
    return new StreamOpenError(f.message, f.status);
  };
  let url: URL;
  let options: Awaited<ReturnType<typeof requestOptions>>;
  try {
    url = apiUrl(kc, path, { ports: target.port });
    url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
    // A WebSocket owns its connection: not one from the keep-alive pool of the API requests.
    const { agent: _pooled, ...own } = await requestOptions(kc, {});
    options = own;
  } catch (e) {
    throw fail(e);
  }
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [PORT_FORWARD_PROTOCOL], {
      ...options,
      perMessageDeflate: false,
      handshakeTimeout: OPEN_TIMEOUT_MS,
    });
    // A message's frames as they came, not joined into a new buffer: see channelFrames.ts.
    ws.binaryType = 'fragments';
    let settled = false;
    const settle = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (err === undefined) return resolve(ws);
      ws.terminate();
      reject(fail(err));
    };
    ws.once('open', () => settle());
    ws.once('unexpected-response', (_req, res) => void readStatus(res).then(settle));
    // Kept for the socket's life: terminating a failed handshake emits another 'error', which must not throw.
    ws.on('error', (err) => settle(err));
  });
}
