/**
 * Opens the exec WebSocket for client-node's `Exec` (its `WebSocketInterface`), as client-node's own handler
 * does — same subprotocols — with the TLS, proxy and credentials every other request gets (credentials.ts, not
 * client-node's `applyToHTTPSOptions`), and keeps what that handler throws away: the body of a refused upgrade,
 * whose `Status` says why (403 with the user and verb, "container not found", …).
 */
import WebSocket from 'ws';
import type { ClientOptions } from 'ws';
import type { KubeConfig } from '@kubernetes/client-node';
import { readStatus } from '../decode/status.js';
import { retryOn401, streamOptions } from '../credentials.js';
import { KubeHttpError } from '../errors.js';

/** What client-node offers, newest first (v5 adds the stdin CLOSE signal). */
const SUBPROTOCOLS = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'v3.channel.k8s.io',
  'v2.channel.k8s.io',
  'channel.k8s.io',
];

type BinaryHandler = (stream: number, buff: Buffer) => boolean;

export class ExecConnector {
  /** Set when the server refused the upgrade, with its Status message. */
  refused: KubeHttpError | undefined;

  constructor(private readonly kc: KubeConfig) {}

  /**
   * `WebSocketInterface.connect`: resolves with the open socket; frames go to `binaryHandler`. A 401 to a
   * renewable credential (an exec plugin's) is retried once with a new one.
   */
  connect(
    path: string,
    _textHandler: ((text: string) => boolean) | null,
    binaryHandler: BinaryHandler | null,
  ): Promise<WebSocket> {
    return retryOn401(this.kc, () => {
      this.refused = undefined;
      return this.connectOnce(path, binaryHandler);
    });
  }

  private async connectOnce(path: string, binaryHandler: BinaryHandler | null): Promise<WebSocket> {
    const server = this.kc.getCurrentCluster()?.server;
    if (!server) throw new Error('the kubeconfig has no current cluster');
    const uri = server.replace(/^http/, 'ws') + path;
    const { agent, ...tls } = await streamOptions(this.kc, {});
    /* eslint-disable @typescript-eslint/no-unsafe-type-assertion -- node's https options and ws's ClientOptions
       declare the same TLS fields and agent with types of their own packages */
    const opts: ClientOptions = {
      ...(tls as ClientOptions),
      ...(agent ? { agent: agent as ClientOptions['agent'] } : {}),
      perMessageDeflate: false,
    };
    /* eslint-enable @typescript-eslint/no-unsafe-type-assertion */
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(uri, SUBPROTOCOLS, opts);
      let open = false;
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let message = res.statusMessage || `HTTP ${res.statusCode}`;
          try {
            const status = readStatus(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            if (status?.message) message = status.message;
          } catch {
            // Not a Status (a proxy's page): the reason phrase is all there is.
          }
          this.refused = new KubeHttpError(res.statusCode ?? 0, message);
          reject(this.refused);
          ws.terminate();
        });
      });
      ws.once('open', () => {
        open = true;
        resolve(ws);
      });
      ws.on('error', (e) => {
        if (!open) reject(e);
      });
      ws.on('message', (data, isBinary) => {
        if (!isBinary || !binaryHandler) return;
        const frame = Buffer.isBuffer(data)
          ? data
          : Array.isArray(data)
            ? Buffer.concat(data)
            : Buffer.from(data);
        if (frame.length === 0) return;
        if (!binaryHandler(frame.readUInt8(0), frame.subarray(1))) ws.close(1000);
      });
    });
  }
}
