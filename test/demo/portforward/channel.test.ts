/**
 * Port-forward over the WebSocket channel protocol (v4.channel.k8s.io), driven by a raw client against a plain
 * `ws` harness. Behaviour follows the kubelet's pkg/kubelet/cri/streaming/portforward/websocket.go; the refused
 * text follows containerd 1.7's pkg/cri/server/sandbox_portforward_linux.go.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectionRefusedMessage, podSandbox } from '../../../src/demo/portforward/index.js';
import { ChannelClient, POD, startHarness, type Harness } from './harness.js';
import { waitFor as waitForCondition } from '../../support/waitFor.js';

const CLIENT_NODE_PROTOCOLS = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'v3.channel.k8s.io',
  'v2.channel.k8s.io',
  'channel.k8s.io',
];

const le16 = (port: number) => Buffer.from([port & 0xff, port >> 8]);

/** The bytes after the 2-byte port prefix of a data channel, as text. */
const payloadText = (c: ChannelClient, channel: number) => c.channel(channel).subarray(2).toString('latin1');

let h: Harness;
const clients: ChannelClient[] = [];

function client(ports: number[], protocols?: string[]): ChannelClient {
  const c = new ChannelClient(h.url(ports), protocols);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await h.close();
});

describe('servePortForward', () => {
  it("picks v4.channel.k8s.io from client-node's offer and writes each channel's port first", async () => {
    const c = client([8080], CLIENT_NODE_PROTOCOLS);
    await c.open();
    expect(c.ws.protocol).toBe('v4.channel.k8s.io');
    await c.until(() => c.frames.length >= 2, 2000, 'the port frames');
    expect(c.frames.slice(0, 2)).toEqual([
      { channel: 0, data: le16(8080) },
      { channel: 1, data: le16(8080) },
    ]);
  });

  it('forwards an HTTP GET and closes with 1000 once the app hangs up', async () => {
    const c = client([8080]);
    await c.open();
    c.send(0, 'GET / HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n');
    await c.until(() => c.closed(), 2000, 'the forward to close');
    expect(c.closeCode).toBe(1000);
    const answer = payloadText(c, 0);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain(
      'Kiada version 0.1. Request processed by "kiada". Client IP: ::ffff:127.0.0.1\n',
    );
    // Nothing on the error channel but its port prefix.
    expect(c.channel(1)).toEqual(le16(8080));
    await waitFor(() => h.closed === 1 && h.registry.size === 0, 2000, 'the session to end');
  });

  it('keeps a forwarded connection alive across requests, and drops it when the client leaves', async () => {
    const c = client([80]);
    await c.open();
    c.send(0, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await c.until(() => payloadText(c, 0).includes('</html>'), 2000, 'the first answer');
    c.send(0, 'GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await c.until(() => payloadText(c, 0).includes('404 Not Found</h1>'), 2000, 'the second answer');
    expect(c.closed()).toBe(false);
    expect(h.registry.sessions(POD.namespace, POD.name)).toHaveLength(1);
    c.ws.close();
    await waitFor(() => h.closed === 1, 2000, 'the server to see the close');
    expect(h.appSockets[0]!.destroyed).toBe(true);
    expect(h.registry.size).toBe(0);
  });

  it('serves two concurrent forwards independently', async () => {
    const a = client([80]);
    const b = client([8080]);
    await Promise.all([a.open(), b.open()]);
    b.send(0, 'GET / HTTP/1.1\r\nHost: localhost\r\n');
    a.send(0, 'GET / HTTP/1.1\r\nHost: localhost\r\n');
    b.send(0, 'Connection: close\r\n\r\n');
    a.send(0, 'Connection: close\r\n\r\n');
    await Promise.all([
      a.until(() => a.closed(), 2000, 'forward a'),
      b.until(() => b.closed(), 2000, 'forward b'),
    ]);
    expect(payloadText(a, 0)).toContain('Welcome to nginx!');
    expect(payloadText(a, 0)).not.toContain('Kiada');
    expect(payloadText(b, 0)).toContain('Kiada version 0.1.');
    expect(payloadText(b, 0)).not.toContain('nginx');
  });

  it('forwards several ports in one WebSocket on channels 2i and 2i+1', async () => {
    const c = client([80, 8080]);
    await c.open();
    await c.until(() => c.frames.length >= 4, 2000, 'the port frames');
    expect(c.frames.slice(0, 4)).toEqual([
      { channel: 0, data: le16(80) },
      { channel: 1, data: le16(80) },
      { channel: 2, data: le16(8080) },
      { channel: 3, data: le16(8080) },
    ]);
    c.send(2, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await c.until(() => payloadText(c, 2).includes('Kiada version'), 2000, 'the answer on channel 2');
    // Port 80 is still open, so the WebSocket is too.
    expect(c.closed()).toBe(false);
    c.send(0, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await c.until(() => c.closed(), 2000, 'the forward to close after both ports');
    expect(payloadText(c, 0)).toContain('Welcome to nginx!');
  });

  it("writes the runtime's connection-refused text when nothing listens, then closes", async () => {
    const c = client([9999]);
    await c.open();
    await c.until(() => c.closed(), 2000, 'the forward to close');
    expect(c.closeCode).toBe(1000);
    expect(c.channel(0)).toEqual(le16(9999));
    const text = c.channel(1).subarray(2).toString();
    expect(text).toBe(connectionRefusedMessage(9999, podSandbox(POD)));
    expect(text).toMatch(
      /^error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}": failed to connect to localhost:9999 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:9999: connect: connection refused IPv6 dial tcp6 \[::1\]:9999: connect: connection refused $/,
    );
    // The same pod always names the same sandbox.
    expect(text).toContain(podSandbox(POD).id);
  });

  it('keeps the other ports going when one is refused', async () => {
    const c = client([9999, 3000]);
    await c.open();
    await c.until(() => c.channel(1).length > 2, 2000, 'the error text');
    expect(c.closed()).toBe(false);
    c.send(2, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await c.until(() => c.closed(), 2000, 'the forward to close');
    expect(payloadText(c, 2)).toContain('Hello World\n');
  });

  it('speaks v4.base64.channel.k8s.io in text frames', async () => {
    const c = client([8080], ['v4.base64.channel.k8s.io']);
    await c.open();
    expect(c.ws.protocol).toBe('v4.base64.channel.k8s.io');
    c.send(0, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await c.until(() => c.closed(), 2000, 'the forward to close');
    expect(c.channel(0).subarray(0, 2)).toEqual(le16(8080));
    expect(payloadText(c, 0)).toContain('Kiada version 0.1.');
  });

  it('ignores frames on error channels, unknown channels and empty frames', async () => {
    const c = client([3000]);
    await c.open();
    c.send(1, 'GET /on-the-error-channel HTTP/1.1\r\n\r\n');
    c.send(7, 'junk');
    c.ws.send(Buffer.alloc(0));
    c.send(0, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await c.until(() => c.closed(), 2000, 'the forward to close');
    expect(payloadText(c, 0)).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*Hello World\n$/);
    expect(payloadText(c, 0).match(/HTTP\/1\.1/g)).toHaveLength(1);
  });

  it("ends a pod's forwards with the reason when the pod is deleted", async () => {
    const c = client([80]);
    await c.open();
    c.send(0, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await c.until(() => payloadText(c, 0).includes('</html>'), 2000, 'an answer');
    const started = Date.now();
    expect(h.registry.closePod(POD.namespace, POD.name, 'pod "kiada" deleted')).toBe(1);
    await c.until(() => c.closed(), 1000, 'the forward to end within a second');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(c.channel(1).subarray(2).toString()).toBe('pod "kiada" deleted');
    await waitFor(() => h.registry.size === 0, 1000, 'the registry to empty');
    expect(h.registry.closePod(POD.namespace, POD.name)).toBe(0);
  });

  it('cuts a client that does not answer the close', async () => {
    const c = client([80]);
    await c.open();
    await c.until(() => c.frames.length >= 2, 2000, 'the port frames');
    // A paused client reads nothing, so it never sees (or answers) the close frame.
    c.ws.pause();
    h.registry.closePod(POD.namespace, POD.name, 'gone');
    await waitFor(() => h.closed === 1, 2500, 'the server to cut the connection');
  });
});

/** Polls `cond` until it holds or the deadline passes. */
/** The shared deadline poll (test/support/waitFor.ts), with these tests' argument order. */
async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  await waitForCondition(cond, what, ms, 5);
}

/** Waits until `value()` has not changed for `quietMs`, within `ms`; returns the settled value. */
async function settle(value: () => number, quietMs: number, ms: number, what: string): Promise<number> {
  const deadline = Date.now() + ms;
  let last = value();
  let since = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const now = value();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} to settle`);
  }
}

describe('backpressure', () => {
  const HUNDRED_MB = 100 * 1024 * 1024;

  /** A raw client that checks the `/bytes`-style pattern of channel 0 as it arrives, without keeping it. */
  function patternReader(ws: WebSocket) {
    const state = { headerDone: false, header: '', bodyBytes: 0, bad: -1, closed: false, prefixSeen: false };
    ws.on('message', (raw: Buffer) => {
      if (raw[0] !== 0) return;
      let data = raw.subarray(1);
      if (!state.prefixSeen) {
        state.prefixSeen = true;
        data = data.subarray(2);
      }
      if (!state.headerDone) {
        state.header += data.toString('latin1');
        const end = state.header.indexOf('\r\n\r\n');
        if (end === -1) return;
        data = Buffer.from(state.header.slice(end + 4), 'latin1');
        state.header = state.header.slice(0, end);
        state.headerDone = true;
      }
      for (let i = 0; i < data.length; i++) {
        if (data[i] !== (state.bodyBytes + i) % 256 && state.bad === -1) state.bad = state.bodyBytes + i;
      }
      state.bodyBytes += data.length;
    });
    ws.on('close', () => (state.closed = true));
    return state;
  }

  it('streams 100 MB from the pod without buffering it, pausing the app while the client does not read', async () => {
    const ws = new WebSocket(h.url([80]), ['v4.channel.k8s.io'], { perMessageDeflate: false });
    const state = patternReader(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.pause();
    ws.send(
      Buffer.concat([
        Buffer.of(0),
        Buffer.from(`GET /bytes?n=${HUNDRED_MB} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
      ]),
    );
    await waitFor(() => h.appSockets.length === 1, 2000, 'the app connection');
    const app = h.appSockets[0]!;
    const server = h.serverSockets[0]!;
    // With the client not reading, the app stops once the kernel buffers and our bounded queue are full.
    const sentWhilePaused = await settle(() => app.bytesRead, 300, 10_000, 'the app output');
    expect(sentWhilePaused).toBeGreaterThan(0);
    expect(sentWhilePaused).toBeLessThan(20 * 1024 * 1024);
    expect(server.bufferedAmount).toBeLessThan(2 * 1024 * 1024);
    ws.resume();
    await waitFor(() => state.closed, 30_000, 'all 100 MB');
    expect(state.header).toContain(`Content-Length: ${HUNDRED_MB}`);
    expect(state.bodyBytes).toBe(HUNDRED_MB);
    expect(state.bad).toBe(-1);
  });

  it('echoes 100 MB uploaded through the forward, pausing the client while the echo is not read', async () => {
    const ws = new WebSocket(h.url([8080]), ['v4.channel.k8s.io'], { perMessageDeflate: false });
    const state = patternReader(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.pause();
    ws.send(
      Buffer.concat([
        Buffer.of(0),
        Buffer.from(
          `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: ${HUNDRED_MB}\r\nConnection: close\r\n\r\n`,
        ),
      ]),
    );
    // The uploader keeps at most 4 MB queued on its own side and sends more as frames leave.
    const CHUNK = 256 * 1024;
    const chunk = Buffer.alloc(CHUNK + 1);
    chunk[0] = 0;
    for (let i = 0; i < CHUNK; i++) chunk[i + 1] = i % 256;
    let uploaded = 0;
    const pump = (): void => {
      while (uploaded < HUNDRED_MB && ws.bufferedAmount < 4 * 1024 * 1024) {
        uploaded += CHUNK;
        ws.send(chunk, { binary: true }, () => setImmediate(pump));
      }
    };
    pump();
    await waitFor(() => h.appSockets.length === 1, 2000, 'the app connection');
    const app = h.appSockets[0]!;
    // Nobody reads the echo: the app stops reading, the forward stops reading the WebSocket, the uploader stalls.
    const intoApp = await settle(() => app.bytesWritten, 300, 10_000, 'the upload');
    expect(intoApp).toBeLessThan(20 * 1024 * 1024);
    expect(uploaded).toBeLessThan(40 * 1024 * 1024);
    ws.resume();
    await waitFor(() => state.closed, 30_000, 'the whole echo');
    expect(uploaded).toBe(HUNDRED_MB);
    expect(state.bodyBytes).toBe(HUNDRED_MB);
    expect(state.bad).toBe(-1);
  });
});
