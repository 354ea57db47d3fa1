/**
 * The port-forward stream's own WebSocket reading, against raw frames written by a test server on a real loopback
 * connection: messages split into frames and bytes anywhere (a kubelet sends one frame per message, the demo
 * cluster two, TLS splits them again), control frames between fragments, the closing handshake, and broken frames.
 */
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamSocket } from '../../../src/kube/portForward/streamSocket.js';
import { waitFor } from '../../support/waitFor.js';

/** An unmasked frame, as a server sends it. */
function frame(opcode: number, payload: Buffer | string, fin = true, masked = false): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const len = body.length;
  const head = len < 126 ? Buffer.from([0, len]) : Buffer.from([0, 126, len >> 8, len & 0xff]);
  head[0] = (fin ? 0x80 : 0) | opcode;
  if (masked) head[1]! |= 0x80;
  return Buffer.concat([head, masked ? Buffer.alloc(4) : Buffer.alloc(0), body]);
}

/** The frames a client sent, unmasked: opcode and payload. */
function clientFrames(bytes: Buffer): { opcode: number; payload: Buffer }[] {
  const out: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (at + 6 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let len = bytes[at + 1]! & 0x7f;
    let off = at + 2;
    if (len === 126) {
      len = bytes.readUInt16BE(off);
      off += 2;
    }
    expect(bytes[at + 1]! & 0x80, 'a client masks every frame').toBe(0x80);
    const mask = bytes.subarray(off, off + 4);
    const payload = Buffer.from(bytes.subarray(off + 4, off + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    out.push({ opcode, payload });
    at = off + 4 + len;
  }
  return out;
}

const PREFIXES = Buffer.concat([
  frame(2, Buffer.from([0, 0x90, 0x1f])),
  frame(2, Buffer.from([1, 0x90, 0x1f])),
]);

let server: Server | undefined;
afterEach(() => server?.close());

/** A connected pair: the test's server end, which records what the client sent, and the client's stream. */
async function pair(
  head = Buffer.alloc(0),
): Promise<{ srv: Socket; sent: () => Buffer; stream: StreamSocket }> {
  server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  const [srv] = await accepted;
  srv.setNoDelay(true);
  const chunks: Buffer[] = [];
  srv.on('data', (c: Buffer) => chunks.push(c));
  srv.on('error', () => undefined);
  return { srv, sent: () => Buffer.concat(chunks), stream: new StreamSocket(client, head) };
}

interface Seen {
  data: Buffer[];
  opened: boolean;
  closed?: { code: number; error: string | undefined };
}

function watch(stream: StreamSocket): Seen {
  const seen: Seen = { data: [], opened: false };
  stream.start({
    data: (c) => seen.data.push(Buffer.from(c)),
    opened: () => (seen.opened = true),
    close: (code, error) => (seen.closed = { code, error: error?.message }),
  });
  return seen;
}

describe('StreamSocket', () => {
  it('reads data however it is split into frames and writes, answering a ping between fragments', async () => {
    const big = Buffer.alloc(300, 'x');
    const wire = Buffer.concat([
      PREFIXES,
      // The demo's layout: the channel byte alone, then the data as a continuation frame.
      frame(2, Buffer.from([0]), false),
      frame(9, 'are you there'),
      frame(0, 'hello ', true),
      // A kubelet's layout: one frame, with a 16-bit length.
      frame(2, Buffer.concat([Buffer.from([0]), big])),
      frame(1, 'text is not part of the protocol'),
      frame(2, Buffer.from('\u0000!')),
    ]);
    // The first bytes come with the upgrade answer, the rest one byte per write.
    const { srv, sent, stream } = await pair(wire.subarray(0, 5));
    const seen = watch(stream);
    for (const byte of wire.subarray(5)) {
      srv.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => Buffer.concat(seen.data).length === 307 || undefined, 'all data', 5000);
    expect(Buffer.concat(seen.data).toString()).toBe(`hello ${big.toString()}!`);
    expect(seen.opened).toBe(true);
    await waitFor(() => clientFrames(sent()).length === 1 || undefined, 'the pong', 5000);
    expect(clientFrames(sent())[0]).toEqual({ opcode: 10, payload: Buffer.from('are you there') });
  });

  it('sends masked data frames and keeps the error channel’s text; a close is answered and reported', async () => {
    const { srv, sent, stream } = await pair();
    const seen = watch(stream);
    stream.send(Buffer.from('GET / HTTP/1.1\r\n'));
    srv.write(
      Buffer.concat([PREFIXES, frame(2, '\u0001connection refused'), frame(8, Buffer.from([0x03, 0xe8]))]),
    );
    await waitFor(() => clientFrames(sent()).length === 2 || undefined, 'data and the close answer', 5000);
    expect(clientFrames(sent())).toEqual([
      { opcode: 2, payload: Buffer.from('\u0000GET / HTTP/1.1\r\n') },
      { opcode: 8, payload: Buffer.from([0x03, 0xe8]) },
    ]);
    expect(stream.errorText).toBe('connection refused');
    srv.end();
    await waitFor(() => seen.closed, 'close', 5000);
    expect(seen.closed).toEqual({ code: 1000, error: undefined });
  });

  it('closes with 1002 on a frame a server must not send, and says why', async () => {
    const { srv, sent, stream } = await pair();
    const seen = watch(stream);
    srv.write(Buffer.concat([PREFIXES, frame(2, '\u0000a', true, true)]));
    await waitFor(() => clientFrames(sent()).length === 1 || undefined, 'the close frame', 5000);
    expect(clientFrames(sent())[0]).toEqual({ opcode: 8, payload: Buffer.from([0x03, 0xea]) });
    srv.end();
    await waitFor(() => seen.closed, 'close', 5000);
    expect(seen.closed).toEqual({
      code: 1006,
      error: 'invalid WebSocket frame from the server: a masked frame (a server must not mask)',
    });
    expect(seen.data).toEqual([]);
  });

  it('reports a connection cut without a close frame as 1006', async () => {
    const { srv, stream } = await pair();
    const seen = watch(stream);
    srv.write(PREFIXES);
    await waitFor(() => seen.opened || undefined, 'opened', 5000);
    srv.destroy();
    await waitFor(() => seen.closed, 'close', 5000);
    expect(seen.closed?.code).toBe(1006);
    expect(stream.isOpen).toBe(false);
  });
});
