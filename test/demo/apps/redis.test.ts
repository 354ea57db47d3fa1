/**
 * The demo's redis over its in-memory connection, byte for byte as redis-server 7 answers (src/networking.c's
 * inline and multibulk parsers, src/server.c's errors): commands split across writes or several in one write
 * (pipelining), the protocol errors that end the connection, and the key space a container restart empties.
 */
import { describe, expect, it } from 'vitest';
import { closeAppConnections, openAppConnection, type AppContext } from '../../../src/demo/apps/index.js';
import { waitFor } from '../../support/waitFor.js';

const ctx: AppContext = {
  namespace: 'default',
  podName: 'redis-0',
  podIP: '10.244.1.7',
  hostname: 'redis-0',
  containerName: 'redis',
  clientIP: '127.0.0.1',
  port: 6379,
};

/** Writes each chunk in turn and collects what comes back until `expected` bytes came or the connection ends. */
async function exchange(chunks: string[], expected: string): Promise<{ reply: string; ended: boolean }> {
  const socket = openAppConnection('redis', ctx);
  let reply = '';
  let ended = false;
  socket.on('data', (c: Buffer) => (reply += c.toString('latin1')));
  socket.on('end', () => (ended = true));
  for (const c of chunks) socket.write(c);
  await waitFor(
    () => reply.length >= expected.length || ended,
    `the reply ${JSON.stringify(expected)}`,
    2000,
  );
  socket.destroy();
  return { reply, ended };
}

describe('redis on its in-memory connection', () => {
  it('answers pipelined commands in order, and a command split across writes once whole', async () => {
    const want = '+PONG\r\n$3\r\nabc\r\n+PONG\r\n';
    expect((await exchange(['PING\r\nECHO abc\nPI', 'NG\r\n'], want)).reply).toBe(want);
    const bulk = '$5\r\nhello\r\n';
    expect((await exchange(['*2\r\n$4\r\nECHO\r\n$5\r\nhel', 'lo\r\n'], bulk)).reply).toBe(bulk);
  });

  it('ignores empty lines, and ends the connection on a protocol error with redis’s words', async () => {
    expect((await exchange(['\r\n\r\nPING\r\n'], '+PONG\r\n')).reply).toBe('+PONG\r\n');
    const bad = '-ERR Protocol error: invalid multibulk length\r\n';
    expect(await exchange(['*abc\r\n'], bad)).toEqual({ reply: bad, ended: true });
    const dollar = "-ERR Protocol error: expected '$', got 'x'\r\n";
    expect(await exchange(['*1\r\nx\r\n'], dollar)).toEqual({ reply: dollar, ended: true });
  });

  it('keeps keys per pod until its container stops', async () => {
    expect((await exchange(['SET k v\r\nGET k\r\n'], '+OK\r\n$1\r\nv\r\n')).reply).toBe('+OK\r\n$1\r\nv\r\n');
    expect((await exchange(['DEL k nope\r\n'], ':1\r\n')).reply).toBe(':1\r\n');
    await exchange(['SET k v\r\n'], '+OK\r\n');
    closeAppConnections(ctx.namespace, ctx.podName);
    expect((await exchange(['GET k\r\n'], '$-1\r\n')).reply).toBe('$-1\r\n');
  });
});
