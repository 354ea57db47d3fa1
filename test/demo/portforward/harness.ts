/**
 * Test harness for port-forward: a plain `ws` server on 127.0.0.1:0 that hands each connection to
 * servePortForward (the real demo server is HTTPS and lives elsewhere), and a raw channel-protocol client.
 */
import { once } from 'node:events';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { openAppConnection, type MemorySocket } from '../../../src/demo/apps/index.js';
import {
  pickPortForwardSubprotocol,
  PortForwardRegistry,
  servePortForward,
  type ForwardSession,
  type PodRef,
} from '../../../src/demo/portforward/index.js';
import type { AppKind } from '../../../src/demo/images.js';
import { Arrivals } from '../../support/arrivals.js';

export const POD: PodRef = {
  namespace: 'default',
  name: 'kiada',
  uid: '0c5f2a9e-3b7d-4e21-9a57-8d2f6c1b4e90',
};

/** Ports the harness pod listens on. */
const LISTENS: Record<number, AppKind> = { 80: 'nginx', 3000: 'hello', 8080: 'kiada' };

export interface Harness {
  url: (ports: number[]) => string;
  registry: PortForwardRegistry;
  /** Sessions and server-side WebSockets in the order connections arrived. */
  sessions: ForwardSession[];
  serverSockets: WebSocket[];
  /** Client ends of every app connection the forwards opened (their bytesRead = bytes the app sent). */
  appSockets: MemorySocket[];
  closed: number;
  close: () => Promise<void>;
}

export async function startHarness(highWaterMark?: number): Promise<Harness> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: false,
    handleProtocols: (offered) => pickPortForwardSubprotocol(offered),
  });
  await once(wss, 'listening');
  const { port } = wss.address() as AddressInfo;
  const h: Harness = {
    url: (ports) =>
      `ws://127.0.0.1:${port}/api/v1/namespaces/default/pods/kiada/portforward?ports=${ports.join(',')}`,
    registry: new PortForwardRegistry(),
    sessions: [],
    serverSockets: [],
    appSockets: [],
    closed: 0,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (ws, req) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const ports = query
      .getAll('ports')
      .flatMap((p) => p.split(','))
      .map(Number);
    h.serverSockets.push(ws);
    const session = servePortForward(
      ws,
      ws.protocol,
      ports,
      (p) => {
        const app = LISTENS[p];
        if (!app) return null;
        const socket = openAppConnection(app, {
          namespace: POD.namespace,
          podName: POD.name,
          podIP: '10.244.2.4',
          hostname: POD.name,
          containerName: 'app',
          clientIP: '127.0.0.1',
          port: p,
        });
        h.appSockets.push(socket);
        return socket;
      },
      {
        pod: POD,
        registry: h.registry,
        onClose: () => h.closed++,
        ...(highWaterMark !== undefined ? { highWaterMark } : {}),
      },
    );
    h.sessions.push(session);
  });
  return h;
}

/** A raw channel-protocol client: frames per channel, in arrival order. */
export class ChannelClient {
  readonly ws: WebSocket;
  readonly frames: { channel: number; data: Buffer }[] = [];
  closeCode: number | undefined;
  readonly #base64: boolean;
  readonly #arrivals = new Arrivals();

  constructor(url: string, protocols: string[] = ['v4.channel.k8s.io']) {
    this.ws = new WebSocket(url, protocols, { perMessageDeflate: false });
    this.#base64 = protocols[0]?.includes('base64') ?? false;
    this.ws.on('message', (raw: Buffer, isBinary) => {
      if (this.#base64) {
        expectText(isBinary);
        const text = raw.toString('latin1');
        this.frames.push({ channel: text.charCodeAt(0) - 48, data: Buffer.from(text.slice(1), 'base64') });
      } else {
        this.frames.push({ channel: raw[0]!, data: raw.subarray(1) });
      }
      this.#arrivals.notify();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      this.#arrivals.notify();
    });
  }

  /** Resolves when `cond` holds, checked on every frame and on close; rejects after `ms`. */
  until(cond: () => boolean, ms: number, what: string): Promise<void> {
    return this.#arrivals.until(cond, ms, what);
  }

  async open(ms = 2000): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the WebSocket to open')), ms);
      this.ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  send(channel: number, data: string | Buffer): void {
    const payload = typeof data === 'string' ? Buffer.from(data) : data;
    if (this.#base64) this.ws.send(String.fromCharCode(48 + channel) + payload.toString('base64'));
    else this.ws.send(Buffer.concat([Buffer.of(channel), payload]));
  }

  /** Everything received on a channel, port prefix included. */
  channel(channel: number): Buffer {
    return Buffer.concat(this.frames.filter((f) => f.channel === channel).map((f) => f.data));
  }

  closed(): boolean {
    return this.closeCode !== undefined;
  }
}

function expectText(isBinary: boolean): void {
  if (isBinary) throw new Error('base64 protocol frames must be text');
}

/** A GET to 127.0.0.1:`port` (a forwarded local port): status and body, or an error after 5 s. */
export function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the HTTP answer')), 5000);
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
