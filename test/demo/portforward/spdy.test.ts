/**
 * SPDY/3.1 port-forward: the framer (against the SPDY/3 spec's dictionary and spdy-transport's test vector) and
 * the session, driven by a kubectl-like client over a WebSocket tunnel and over a raw socket. Server behaviour
 * follows the kubelet's pkg/kubelet/cri/streaming/portforward/httpstream.go.
 */
import { once } from 'node:events';
import { createServer, connect as netConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import { constants, inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { openAppConnection, type MemorySocket } from '../../../src/demo/apps/index.js';
import type { AppKind } from '../../../src/demo/images.js';
import {
  connectionRefusedMessage,
  podSandbox,
  PortForwardRegistry,
  serveSpdyPortForward,
  type ForwardSession,
} from '../../../src/demo/portforward/index.js';
import { SPDY3_DICTIONARY } from '../../../src/demo/portforward/spdyDictionary.js';
import {
  decodeHeaderBlock,
  encodeHeaderBlock,
  FrameParser,
  HeaderInflater,
  StoredHeaderDeflater,
} from '../../../src/demo/portforward/spdyFrames.js';
import { POD } from './harness.js';
import { SpdyTestClient } from './spdyClient.js';
import { waitFor as waitForCondition } from '../../support/waitFor.js';

function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (const c of buf) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

describe('SPDY framing', () => {
  it('has the SPDY/3 dictionary byte for byte (1423 bytes, Adler-32 e3c6a7c2)', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(adler32(SPDY3_DICTIONARY).toString(16)).toBe('e3c6a7c2');
  });

  it("reads spdy-transport's SYN_STREAM test vector, split at every byte", async () => {
    const hex =
      '800300010000002c0000000100000000000078' +
      'f9e3c6a7c202e50e507ab442a45a77d7105006' +
      'b32a4804974d8cfa00000000ffff';
    const bytes = Buffer.from(hex, 'hex');
    const parser = new FrameParser();
    const frames = [];
    for (let i = 0; i < bytes.length; i++) frames.push(...parser.push(bytes.subarray(i, i + 1)));
    expect(frames).toHaveLength(1);
    const frame = frames[0]!;
    expect(frame).toMatchObject({ kind: 'control', version: 3, type: 1, flags: 0 });
    const headers = decodeHeaderBlock(await new HeaderInflater().inflate(frame.payload.subarray(10)));
    expect(headers.get(':method')).toEqual(['GET']);
    expect(headers.get(':path')).toEqual(['/']);
  });

  it('writes header blocks as one zlib stream any inflater reads, block after block', () => {
    const deflater = new StoredHeaderDeflater();
    const first = deflater.compress(encodeHeaderBlock(new Map()));
    const second = deflater.compress(encodeHeaderBlock(new Map([['port', ['80', '81']]])));
    // Each block ends with the sync-flush marker, without which Go's inflater cannot hand the block out.
    for (const block of [first, second])
      expect(block.subarray(-5)).toEqual(Buffer.from([0, 0, 0, 0xff, 0xff]));
    expect(first.subarray(0, 2)).toEqual(Buffer.from([0x78, 0x01]));
    const all = inflateSync(Buffer.concat([first, second]), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(decodeHeaderBlock(all.subarray(0, 4)).size).toBe(0);
    expect(decodeHeaderBlock(all.subarray(4)).get('port')).toEqual(['80', '81']);
  });
});

const LISTENS: Record<number, AppKind> = { 80: 'nginx', 3000: 'hello', 8080: 'kiada' };

interface SpdyHarness {
  registry: PortForwardRegistry;
  sessions: ForwardSession[];
  appSockets: MemorySocket[];
  closed: number;
  /** A client over a WebSocket tunnel (binary messages carry the SPDY byte stream). */
  wsClient: () => Promise<{ client: SpdyTestClient; ws: WebSocket }>;
  /** A client over a raw TCP socket, as after kubectl's `Upgrade: SPDY/3.1`. */
  socketClient: () => Promise<{ client: SpdyTestClient; socket: Socket }>;
  close: () => Promise<void>;
}

async function startSpdyHarness(): Promise<SpdyHarness> {
  const h = {
    registry: new PortForwardRegistry(),
    sessions: [] as ForwardSession[],
    appSockets: [] as MemorySocket[],
    closed: 0,
  };
  const connect = (port: number) => {
    const app = LISTENS[port];
    if (!app) return null;
    const s = openAppConnection(app, {
      namespace: POD.namespace,
      podName: POD.name,
      podIP: '10.244.2.4',
      hostname: POD.name,
      containerName: 'app',
      clientIP: '127.0.0.1',
      port,
    });
    h.appSockets.push(s);
    return s;
  };
  const options = { pod: POD, registry: h.registry, onClose: () => h.closed++ };
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(wss, 'listening');
  wss.on('connection', (ws) => h.sessions.push(serveSpdyPortForward(ws, connect, options)));
  const raw: Server = createServer((socket) =>
    h.sessions.push(serveSpdyPortForward(socket, connect, options)),
  );
  raw.listen(0, '127.0.0.1');
  await once(raw, 'listening');
  const clientsToClose: (() => void)[] = [];
  return Object.assign(h, {
    wsClient: async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, {
        perMessageDeflate: false,
      });
      const client = new SpdyTestClient((bytes) => ws.send(bytes));
      ws.on('message', (data: Buffer) => client.receive(data));
      ws.on('close', () => client.closed());
      await once(ws, 'open');
      clientsToClose.push(() => ws.terminate());
      return { client, ws };
    },
    socketClient: async () => {
      const socket = netConnect((raw.address() as AddressInfo).port, '127.0.0.1');
      const client = new SpdyTestClient((bytes) => socket.write(bytes));
      socket.on('data', (data: Buffer) => client.receive(data));
      socket.on('close', () => client.closed());
      await once(socket, 'connect');
      clientsToClose.push(() => socket.destroy());
      return { client, socket };
    },
    close: async () => {
      for (const c of clientsToClose) c();
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    },
  });
}

/** The shared deadline poll (test/support/waitFor.ts), with these tests' argument order. */
async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  await waitForCondition(cond, what, ms, 5);
}

describe('serveSpdyPortForward', () => {
  let h: SpdyHarness;
  beforeEach(async () => {
    h = await startSpdyHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  for (const transport of ['WebSocket tunnel', 'raw socket'] as const) {
    it(`replies to both streams and forwards an HTTP GET (${transport})`, async () => {
      const { client } = transport === 'raw socket' ? await h.socketClient() : await h.wsClient();
      const { error, data } = await client.openForward(8080, 0);
      expect([error, data]).toEqual([1, 3]);
      await client.until(
        () => client.streams.get(1)!.replied && client.streams.get(3)!.replied,
        2000,
        'both SYN_REPLYs',
      );
      client.sendData(data, 'GET / HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n');
      await client.until(
        () => client.streams.get(data)!.fin && client.streams.get(error)!.fin,
        2000,
        'FIN on both streams',
      );
      expect(client.text(data)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(client.text(data)).toContain(
        'Kiada version 0.1. Request processed by "kiada". Client IP: ::ffff:127.0.0.1\n',
      );
      expect(client.text(error)).toBe('');
      // The session outlives the connection, as kubectl's does.
      expect(client.transportClosed).toBe(false);
      expect(h.sessions[0]!.ports).toEqual([8080]);
    });
  }

  it('serves concurrent connections on one session, paired by request id', async () => {
    const { client } = await h.wsClient();
    const a = await client.openForward(80, 0);
    const b = await client.openForward(3000, 1);
    expect([a.error, a.data, b.error, b.data]).toEqual([1, 3, 5, 7]);
    client.sendData(b.data, 'GET / HTTP/1.1\r\nHost: x\r\n');
    client.sendData(a.data, 'GET / HTTP/1.1\r\nHost: x\r\n');
    client.sendData(a.data, 'Connection: close\r\n\r\n');
    client.sendData(b.data, 'Connection: close\r\n\r\n');
    await client.until(
      () => client.streams.get(a.error)!.fin && client.streams.get(b.error)!.fin,
      2000,
      'both connections to finish',
    );
    expect(client.text(a.data)).toContain('Welcome to nginx!');
    expect(client.text(b.data)).toContain('Hello World\n');
    expect(client.text(b.data)).not.toContain('nginx');
  });

  it("writes the runtime's refused text on the error stream and closes both", async () => {
    const { client } = await h.wsClient();
    const { error, data } = await client.openForward(9999, 0);
    await client.until(() => client.streams.get(error)!.fin, 2000, 'the error stream to close');
    expect(client.text(error)).toBe(connectionRefusedMessage(9999, podSandbox(POD)));
    expect(client.streams.get(data)!.fin).toBe(true);
    expect(client.transportClosed).toBe(false);
  });

  it("half-closes towards the app on the client's FIN and finishes on the client's reset", async () => {
    const { client } = await h.wsClient();
    const { error, data } = await client.openForward(80, 0);
    // Keep-alive request, then kubectl's local connection closes: FIN on the data stream.
    client.sendData(data, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', true);
    await client.until(() => client.streams.get(error)!.fin, 2000, 'the pair to finish');
    expect(client.text(data)).toContain('Welcome to nginx!');
    const second = await client.openForward(80, 1);
    client.sendData(second.data, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await client.until(() => client.text(second.data).includes('</html>'), 2000, 'the second answer');
    client.reset(second.data);
    await client.until(() => client.streams.get(second.error)!.fin, 2000, 'the error stream FIN after reset');
    await waitFor(() => h.appSockets[1]!.destroyed, 1000, 'the app connection to close');
  });

  it('resets a stream without a valid port or stream type', async () => {
    const { client } = await h.wsClient();
    const bad = await client.openStream({ streamtype: 'data', requestid: '0' });
    const worse = await client.openStream({ streamtype: 'weird', port: '80', requestid: '1' });
    await client.until(
      () => client.streams.get(bad)!.reset !== undefined && client.streams.get(worse)!.reset !== undefined,
      2000,
      'the resets',
    );
    expect(client.streams.get(bad)!.reset).toBe(5);
    expect(client.streams.get(bad)!.replied).toBe(false);
    // The header stream stays in step: a good forward still works afterwards.
    const ok = await client.openForward(3000, 2);
    client.sendData(ok.data, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await client.until(() => client.streams.get(ok.error)!.fin, 2000, 'the good forward');
    expect(client.text(ok.data)).toContain('Hello World');
  });

  it('answers pings', async () => {
    const { client } = await h.wsClient();
    client.ping(1);
    client.ping(3);
    await client.until(() => client.pings.length === 2, 2000, 'the ping echoes');
    expect(client.pings).toEqual([1, 3]);
  });

  it("ends the pod's sessions with the reason when the pod is deleted", async () => {
    const { client } = await h.wsClient();
    const { error, data } = await client.openForward(80, 0);
    client.sendData(data, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await client.until(() => client.text(data).includes('</html>'), 2000, 'an answer');
    expect(h.registry.closePod(POD.namespace, POD.name, 'pod deleted')).toBe(1);
    await client.until(() => client.transportClosed, 1000, 'the tunnel to close within a second');
    expect(client.text(error)).toBe('pod deleted');
    expect(client.streams.get(error)!.fin).toBe(true);
    await waitFor(() => h.closed === 1 && h.registry.size === 0, 1000, 'the session to end');
  });

  it('forwards 100 MB and holds the app while the client does not read', async () => {
    const { client, ws } = await h.wsClient();
    const N = 100 * 1024 * 1024;
    let received = 0;
    let body = 0;
    let header = '';
    let bad = -1;
    client.onData = (_id, payload) => {
      received += payload.length;
      let data = payload;
      if (!header.includes('\r\n\r\n')) {
        header += payload.toString('latin1');
        const end = header.indexOf('\r\n\r\n');
        if (end === -1) return;
        data = Buffer.from(header.slice(end + 4), 'latin1');
        header = header.slice(0, end + 4);
      }
      for (let i = 0; i < data.length; i++) if (data[i] !== (body + i) % 256 && bad === -1) bad = body + i;
      body += data.length;
    };
    const { error, data } = await client.openForward(3000, 0);
    await client.until(() => client.streams.get(data)!.replied, 2000, 'the reply');
    ws.pause();
    client.sendData(data, `GET /bytes?n=${N} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    await waitFor(() => h.appSockets.length === 1, 2000, 'the app connection');
    const app = h.appSockets[0]!;
    let last = -1;
    let stableSince = Date.now();
    const deadline = Date.now() + 10_000;
    while (Date.now() - stableSince < 300) {
      if (Date.now() > deadline) throw new Error('the app never stopped sending');
      await new Promise((r) => setTimeout(r, 20));
      if (app.bytesRead !== last) {
        last = app.bytesRead;
        stableSince = Date.now();
      }
    }
    expect(last).toBeLessThan(20 * 1024 * 1024);
    ws.resume();
    await client.until(() => client.streams.get(error)!.fin, 30_000, 'all 100 MB');
    expect(header).toContain(`Content-Length: ${N}`);
    expect(body).toBe(N);
    expect(bad).toBe(-1);
    expect(received).toBeGreaterThan(N);
  });
});
