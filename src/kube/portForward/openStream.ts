/**
 * Opens one port-forward stream: a WebSocket to `pods/NAME/portforward?ports=N` with the `v4.channel.k8s.io`
 * subprotocol (REFERENCE §5.6), authenticated and verified with the kubeconfig's TLS and credentials the way
 * every other request is. A refused upgrade becomes the API server's own message in one line.
 */
import type { IncomingMessage } from 'node:http';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { createHash, randomBytes } from 'node:crypto';
import { readStatus } from '../decode/status.js';
import { describeFailure, KubeHttpError } from '../errors.js';
import { retryOn401, streamOptions } from '../credentials.js';
import { apiUrl, serverUrl, transportFor } from '../request.js';
import { DirectConnection } from './directConnection.js';
import { StreamSocket } from './streamSocket.js';

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

/** A refused upgrade as a `KubeHttpError`, worded by its Status body when it has one. */
function refusal(res: IncomingMessage): Promise<KubeHttpError> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', () => resolve(new KubeHttpError(res.statusCode ?? 0, res.statusMessage ?? 'error')));
    res.on('end', () => {
      const status = res.statusCode ?? 0;
      try {
        const s = readStatus(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        if (s?.message !== undefined) {
          resolve(new KubeHttpError(status, s.message, s.reason));
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

/** The RFC 6455 key check: the server's Sec-WebSocket-Accept for our key. */
function acceptFor(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}

/** Why a 101 answer is not the WebSocket asked for, or undefined if it is. */
function badUpgrade(res: IncomingMessage, key: string): string | undefined {
  if ((res.headers.upgrade ?? '').toLowerCase() !== 'websocket')
    return 'the server did not upgrade to WebSocket';
  if (res.headers['sec-websocket-accept'] !== acceptFor(key)) return 'invalid Sec-WebSocket-Accept header';
  if (res.headers['sec-websocket-protocol'] !== PORT_FORWARD_PROTOCOL)
    return `the server did not agree to ${PORT_FORWARD_PROTOCOL}`;
  if (res.headers['sec-websocket-extensions']) return 'the server asked for a WebSocket extension';
  return undefined;
}

/**
 * Resolves with the open stream, or rejects with a {@link StreamOpenError}. The upgrade is made here (not by
 * `ws`) because the stream is read by {@link StreamSocket}.
 * @param kc the kubeconfig
 * @param target the pod and its port
 */
export async function openForwardStream(kc: KubeConfigLike, target: StreamTarget): Promise<StreamSocket> {
  try {
    // A 401 to a renewable credential (an exec plugin's) is retried once with a new one.
    return await retryOn401(kc, () => openOnce(kc, target));
  } catch (e) {
    const f = describeFailure(e, serverUrl(kc), `port-forward to pod "${target.pod}"`);
    throw new StreamOpenError(f.message, f.status);
  }
}

async function openOnce(kc: KubeConfigLike, target: StreamTarget): Promise<StreamSocket> {
  const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/portforward`;
  const url = apiUrl(kc, path, { ports: target.port });
  // A WebSocket owns its connection: not one from the keep-alive pool of the API requests. Made here, reading into
  // reused buffers, unless a proxy's agent makes it.
  const options = await streamOptions(kc, {});
  const direct = options.agent ? undefined : new DirectConnection(url, options);
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = transportFor(url).request(url, {
      ...options,
      ...(direct ? { createConnection: () => direct.handshake } : { agent: options.agent }),
      headers: {
        ...options.headers,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Protocol': PORT_FORWARD_PROTOCOL,
      },
    });
    let settled = false;
    const settle = (result: StreamSocket | Error): void => {
      clearTimeout(timer);
      if (settled) {
        if (result instanceof StreamSocket) result.terminate();
        return;
      }
      settled = true;
      if (result instanceof StreamSocket) resolve(result);
      else {
        direct?.socket.destroy();
        reject(result);
      }
    };
    const timer = setTimeout(() => {
      settle(new Error(`the server did not answer the upgrade in ${OPEN_TIMEOUT_MS / 1000} s`));
      req.destroy();
    }, OPEN_TIMEOUT_MS);
    req.on('upgrade', (res, socket, head) => {
      const bad = badUpgrade(res, key);
      if (bad) {
        socket.destroy();
        settle(new Error(bad));
      } else if (direct) {
        direct.upgraded();
        settle(new StreamSocket(direct.socket, head, direct));
      } else settle(new StreamSocket(socket, head));
    });
    req.on('response', (res) => void refusal(res).then(settle));
    req.on('error', (err) => settle(err));
    req.end();
  });
}
