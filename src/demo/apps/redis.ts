/**
 * `redis:7` on 6379, speaking RESP as redis-server does to a client: inline commands (`PING\r\n`, what `nc` or
 * `telnet` send) and multibulk ones (`*1\r\n$4\r\nPING\r\n`, what redis-cli and client libraries send), answered
 * in order. It knows PING, ECHO, QUIT, GET, SET and DEL (a key space per pod, gone with the pod, as a StatefulSet
 * pod without a volume loses its data); any other command gets redis's unknown-command error. Followed:
 * redis 7's src/networking.c (processInlineBuffer: empty lines ignored, a bare `\n` ends a line too;
 * processMultibulkBuffer) and src/server.c processCommand (the unknown-command and arity errors, worded as there),
 * and its `post`/`host:` commands (securityWarningCommand), which drop an HTTP client's connection without answer.
 */
import type { Duplex } from 'node:stream';
import type { AppContext } from './context.js';

/** A command's arity as redis's command table gives it: n exactly, or at least -n when negative. */
const ARITY: Readonly<Record<string, number>> = { ping: -1, echo: 2, quit: -1, get: 2, set: -3, del: -2 };

/** Each pod's keys, by `namespace/pod`; forgotten when its container stops or the pod goes. */
const keySpaces = new Map<string, Map<string, Buffer>>();

/** A RESP reply. */
const simple = (s: string): Buffer => Buffer.from(`+${s}\r\n`);
const error = (s: string): Buffer => Buffer.from(`-${s.replace(/[\r\n]/g, ' ')}\r\n`);
const bulk = (b: Buffer | undefined): Buffer =>
  b ? Buffer.concat([Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n')]) : Buffer.from('$-1\r\n');
const integer = (n: number): Buffer => Buffer.from(`:${n}\r\n`);

/** What a command does: the reply, and whether the connection closes after it (QUIT, the HTTP guard). */
interface Outcome {
  reply?: Buffer;
  close?: boolean;
}

/** redis's error for a command it does not have: `unknown command 'FOO', with args beginning with: 'a' 'b' `. */
function unknownCommand(argv: readonly Buffer[]): Buffer {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++)
    args += `'${argv[i]!.toString('latin1').slice(0, 128 - args.length)}' `;
  return error(`ERR unknown command '${argv[0]!.toString('latin1')}', with args beginning with: ${args}`);
}

function run(argv: readonly Buffer[], keys: Map<string, Buffer>): Outcome {
  const name = argv[0]!.toString('latin1').toLowerCase();
  // An HTTP request's `POST /…` or `Host:` line: redis logs "Possible SECURITY ATTACK" and drops the client.
  if (name === 'post' || name === 'host:') return { close: true };
  const arity = ARITY[name];
  if (arity === undefined) return { reply: unknownCommand(argv) };
  if (arity > 0 ? argv.length !== arity : argv.length < -arity)
    return { reply: error(`ERR wrong number of arguments for '${name}' command`) };
  switch (name) {
    case 'ping':
      if (argv.length > 2) return { reply: error(`ERR wrong number of arguments for 'ping' command`) };
      return { reply: argv[1] ? bulk(argv[1]) : simple('PONG') };
    case 'echo':
      return { reply: bulk(argv[1]) };
    case 'quit':
      return { reply: simple('OK'), close: true };
    case 'get':
      return { reply: bulk(keys.get(argv[1]!.toString('latin1'))) };
    case 'set':
      // Options (EX, NX…) are not served: a plain SET only.
      if (argv.length !== 3) return { reply: error('ERR syntax error') };
      keys.set(argv[1]!.toString('latin1'), argv[2]!);
      return { reply: simple('OK') };
    default: {
      let n = 0;
      for (const k of argv.slice(1)) if (keys.delete(k.toString('latin1'))) n++;
      return { reply: integer(n) };
    }
  }
}

/** The arguments of an inline command line, split on blanks as sdssplitargs does for unquoted words. */
function inlineArgs(line: Buffer): Buffer[] {
  return line
    .toString('latin1')
    .split(/[ \t]+/)
    .filter((w) => w !== '')
    .map((w) => Buffer.from(w, 'latin1'));
}

/**
 * Parses one command from the front of `buf`: its arguments and the bytes it took; `undefined` when more bytes
 * are needed; a protocol error (redis answers it and closes the connection) when the multibulk header is bad.
 */
function parseCommand(buf: Buffer): { argv: Buffer[]; used: number } | { protocolError: string } | undefined {
  if (buf[0] !== 0x2a /* '*' */) {
    const nl = buf.indexOf(0x0a);
    if (nl === -1) return undefined;
    const end = nl > 0 && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    return { argv: inlineArgs(buf.subarray(0, end)), used: nl + 1 };
  }
  let at = buf.indexOf('\r\n');
  if (at === -1) return undefined;
  const count = Number(buf.subarray(1, at).toString('latin1'));
  if (!Number.isInteger(count) || count > 1024 * 1024) return { protocolError: 'invalid multibulk length' };
  let pos = at + 2;
  const argv: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    if (pos >= buf.length) return undefined;
    if (buf[pos] !== 0x24 /* '$' */)
      return { protocolError: `expected '$', got '${String.fromCharCode(buf[pos]!)}'` };
    at = buf.indexOf('\r\n', pos);
    if (at === -1) return undefined;
    const len = Number(buf.subarray(pos + 1, at).toString('latin1'));
    if (!Number.isInteger(len) || len < 0 || len > 512 * 1024 * 1024)
      return { protocolError: 'invalid bulk length' };
    if (buf.length < at + 2 + len + 2) return undefined;
    argv.push(Buffer.from(buf.subarray(at + 2, at + 2 + len)));
    pos = at + 2 + len + 2;
  }
  return { argv, used: pos };
}

/** Serves one client connection of the pod `ctx` describes until either side closes it. */
export function serveRedis(socket: Duplex, ctx: AppContext): void {
  const key = `${ctx.namespace}/${ctx.podName}`;
  let keys = keySpaces.get(key);
  if (!keys) {
    keys = new Map();
    keySpaces.set(key, keys);
  }
  const space = keys;
  let pending: Buffer = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const parsed = parseCommand(pending);
      if (!parsed) return;
      if ('protocolError' in parsed) {
        socket.end(error(`ERR Protocol error: ${parsed.protocolError}`));
        return;
      }
      pending = pending.subarray(parsed.used);
      if (parsed.argv.length === 0) continue;
      const outcome = run(parsed.argv, space);
      if (outcome.close) {
        socket.end(outcome.reply);
        return;
      }
      if (outcome.reply) socket.write(outcome.reply);
    }
  });
}

/** Forgets a pod's keys (its container stopped: redis without a volume starts empty). */
export function forgetRedisKeys(namespace: string, podName: string): void {
  keySpaces.delete(`${namespace}/${podName}`);
}
