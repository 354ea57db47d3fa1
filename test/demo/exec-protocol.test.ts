/**
 * The exec channel protocol, end to end over a real WebSocket: a bare `ws` server (standing in for the demo
 * API server, which routes `pods/exec` here), a raw `ws` client speaking v5, v4 and v1 as kubectl and
 * client-node do, and client-node's own `Exec`. Status bodies are compared with what kubelet/apiserver send
 * (see src/demo/exec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { Exec, KubeConfig } from '@kubernetes/client-node';
import type { V1Status } from '@kubernetes/client-node';
import { ExecSessions, selectExecSubprotocol, serveExec } from '../../src/demo/exec.js';
import type { HostLog } from './shell/fixtures.js';
import { fakeHost, waitUntil } from './shell/fixtures.js';

const V5 = 'v5.channel.k8s.io';
const V4 = 'v4.channel.k8s.io';

let server: WebSocketServer;
let port: number;
const sessions = new ExecSessions();
const hostLog: HostLog = { kills: [], gets: [] };

beforeAll(async () => {
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (offered) => selectExecSubprotocol(offered),
  });
  // The query carries the exec request; `shells` (a test knob) picks the image: "sh", "bash,sh" or "" (distroless).
  server.on('connection', (ws, req) => {
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const shells = (q.get('shells') ?? 'sh')
      .split(',')
      .filter((s): s is 'bash' | 'sh' => s === 'bash' || s === 'sh');
    serveExec(
      ws,
      ws.protocol,
      {
        command: q.getAll('command'),
        stdin: q.get('stdin') === 'true',
        stdout: q.get('stdout') === 'true',
        stderr: q.get('stderr') === 'true',
        tty: q.get('tty') === 'true',
      },
      fakeHost(hostLog),
      shells,
      sessions,
    );
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const c of server.clients) c.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Client {
  ws: WebSocket;
  protocol: string;
  /** Frames received, in order, as [channel, payload]. */
  frames: [number, Buffer][];
  stdout(): string;
  stderr(): string;
  /** The payload of the first channel-3 frame with content. */
  status(): Promise<string>;
  closed: Promise<number>;
  send(channel: number, payload: string | number[]): void;
  waitForStdout(text: string, from?: number): Promise<number>;
}

type Query = { command: string[]; stdin?: boolean; tty?: boolean; stderr?: boolean; shells?: string };

async function exec(query: Query, protocols: string[] = [V5]): Promise<Client> {
  const params = new URLSearchParams();
  for (const c of query.command) params.append('command', c);
  params.set('stdout', 'true');
  if (query.stderr ?? !query.tty) params.set('stderr', 'true');
  if (query.stdin) params.set('stdin', 'true');
  if (query.tty) params.set('tty', 'true');
  if (query.shells !== undefined) params.set('shells', query.shells);
  const ws = new WebSocket(
    `ws://127.0.0.1:${port}/api/v1/namespaces/default/pods/web-7d9f/exec?${params}`,
    protocols,
  );
  const frames: [number, Buffer][] = [];
  ws.on('message', (data: Buffer) => frames.push([data[0]!, data.subarray(1)]));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const text = (channel: number): string =>
    frames
      .filter(([c]) => c === channel)
      .map(([, p]) => p.toString('utf8'))
      .join('');
  const describe = (): string => `frames=${JSON.stringify(frames.map(([c, p]) => [c, p.toString('utf8')]))}`;
  return {
    ws,
    protocol: ws.protocol,
    frames,
    stdout: () => text(1),
    stderr: () => text(2),
    async status() {
      await waitUntil(
        () => frames.some(([c, p]) => c === 3 && p.length > 0),
        () => `no status; ${describe()}`,
      );
      return frames.find(([c, p]) => c === 3 && p.length > 0)![1].toString('utf8');
    },
    closed,
    send(channel, payload) {
      const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
      ws.send(Buffer.concat([Buffer.from([channel]), body]));
    },
    async waitForStdout(t, from = 0) {
      await waitUntil(
        () => text(1).indexOf(t, from) >= 0,
        () => `for ${JSON.stringify(t)}; ${describe()}`,
      );
      return text(1).indexOf(t, from) + t.length;
    },
  };
}

const SUCCESS = '{"metadata":{},"status":"Success"}';

function nonZero(code: number, cause: string): string {
  return JSON.stringify({
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${cause}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  });
}

describe('exec over v5.channel.k8s.io', () => {
  it('prefers v5 when a client offers every version, as client-node does', async () => {
    const c = await exec({ command: ['true'] }, [
      V5,
      V4,
      'v3.channel.k8s.io',
      'v2.channel.k8s.io',
      'channel.k8s.io',
    ]);
    expect(c.protocol).toBe(V5);
    expect(await c.status()).toBe(SUCCESS);
  });

  it('runs an interactive shell: prompt, output, resizes, exit status', async () => {
    const c = await exec({ command: ['sh'], stdin: true, tty: true });
    // An empty stdout frame announces the stream, as the kubelet and the API server's translator do.
    expect(c.frames[0]).toEqual([1, Buffer.alloc(0)]);
    await c.waitForStdout('/ # ');
    c.send(0, 'hostname\r');
    let at = await c.waitForStdout('web-7d9f\r\n/ # ');
    c.send(0, 'stty size\r');
    at = await c.waitForStdout('0 0\r\n', at);
    c.send(4, '{"Width":100,"Height":30}'); // kubectl's casing
    c.send(0, 'stty size\r');
    at = await c.waitForStdout('30 100\r\n', at);
    c.send(4, '{"height":40,"width":120}'); // client-node's casing
    c.send(0, 'stty size\r');
    await c.waitForStdout('40 120\r\n', at);
    c.send(0, 'exit 3\r');
    expect(await c.status()).toBe(nonZero(3, 'command terminated with exit code 3'));
    expect(await c.closed).toBe(1000);
    expect(sessions.size).toBe(0);
  });

  it('runs a single command without a terminal: stdout, then Success', async () => {
    const c = await exec({ command: ['hostname'] });
    expect(await c.status()).toBe(SUCCESS);
    expect(c.stdout()).toBe('web-7d9f\n');
    expect(await c.closed).toBe(1000);
  });

  it('keeps stdout and stderr apart without a terminal', async () => {
    const c = await exec({ command: ['sh', '-c', 'echo out; echo err >&2; exit 2'] });
    expect(await c.status()).toBe(nonZero(2, 'command terminated with exit code 2'));
    expect(c.stdout()).toBe('out\n');
    expect(c.stderr()).toBe('err\n');
  });

  it('reads stdin until CLOSE [255, 0], as `echo hostname | kubectl exec -i … -- sh` sends it', async () => {
    const c = await exec({ command: ['sh'], stdin: true });
    c.send(0, 'hostname\necho $?\n');
    c.send(255, [0]);
    expect(await c.status()).toBe(SUCCESS);
    expect(c.stdout()).toBe('web-7d9f\n0\n');
  });

  it('cat echoes stdin, then ends with Success once stdin is closed', async () => {
    const c = await exec({ command: ['cat'], stdin: true });
    c.send(0, 'hello ');
    c.send(0, Buffer.from('wörld\n').toJSON().data.slice(0, 3)); // a UTF-8 character split across frames
    c.send(0, Buffer.from('wörld\n').toJSON().data.slice(3));
    await c.waitForStdout('hello wörld\n');
    c.send(255, [0]);
    expect(await c.status()).toBe(SUCCESS);
    expect(c.stdout()).toBe('hello wörld\n');
  });

  it('fails like containerd when bash is not in the image', async () => {
    const c = await exec({ command: ['bash'], stdin: true, tty: true, shells: 'sh' });
    const status = JSON.parse(await c.status()) as Record<string, unknown>;
    const runtime =
      'error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": ' +
      'OCI runtime exec failed: exec failed: unable to start container process: ' +
      'exec: "bash": executable file not found in \\$PATH: unknown';
    expect(status).toMatchObject({ metadata: {}, status: 'Failure', reason: 'InternalError', code: 500 });
    // Through the v5 translator the kubelet's internal error is wrapped once more (kubectl prints both prefixes).
    expect(status.message).toMatch(
      new RegExp(`^Internal error occurred: Internal error occurred: ${runtime}$`),
    );
    expect(status.details).toEqual({ causes: [{ message: (status.message as string).slice(25) }] });
    expect(c.stdout()).toBe('');
    expect(await c.closed).toBe(1000);
  });

  it('fails for any shell in a distroless image, and stats absolute paths', async () => {
    const sh = await exec({ command: ['sh'], stdin: true, tty: true, shells: '' });
    expect(JSON.parse(await sh.status())).toMatchObject({ reason: 'InternalError' });
    expect(await sh.status()).toContain('exec: \\"sh\\": executable file not found in $PATH: unknown');
    const bin = await exec({ command: ['/bin/bash'], shells: 'sh' });
    expect(await bin.status()).toContain(
      'exec: \\"/bin/bash\\": stat /bin/bash: no such file or directory: unknown',
    );
  });

  it('ends sessions of a container that dies: status 137, connection closed', async () => {
    const c = await exec({ command: ['sh'], stdin: true, tty: true });
    await c.waitForStdout('/ # ');
    c.send(0, 'kill 1\r');
    await c.waitForStdout('kill 1\r\n/ # ');
    expect(hostLog.kills).toContain(15);
    expect(sessions.list()).toMatchObject([
      { namespace: 'default', pod: 'web-7d9f', container: 'nginx', tty: true },
    ]);
    expect(sessions.endSessions({ namespace: 'default', pod: 'other' })).toBe(0);
    expect(sessions.endSessions({ namespace: 'default', pod: 'web-7d9f', container: 'nginx' })).toBe(1);
    expect(await c.status()).toBe(nonZero(137, 'command terminated with exit code 137'));
    expect(await c.closed).toBe(1000);
    expect(sessions.size).toBe(0);
  });

  it('forgets a session whose client hangs up', async () => {
    const c = await exec({ command: ['sleep', '30'] });
    await waitUntil(
      () => sessions.size === 1,
      () => `sessions=${sessions.size}`,
    );
    c.ws.close();
    await waitUntil(
      () => sessions.size === 0,
      () => `sessions=${sessions.size}`,
    );
  });
});

describe('exec over v4.channel.k8s.io', () => {
  it('reports the exit code with the kubelet wording', async () => {
    const c = await exec({ command: ['sh', '-c', 'exit 3'] }, [V4]);
    expect(c.protocol).toBe(V4);
    expect(await c.status()).toBe(nonZero(3, 'error executing command [sh -c exit 3], exit code 3'));
  });

  it('runs a terminal shell with resizes', async () => {
    const c = await exec({ command: ['/bin/bash'], stdin: true, tty: true, shells: 'bash,sh' }, [V4]);
    await c.waitForStdout('root@web-7d9f:/# ');
    c.send(4, '{"height":33,"width":111}');
    c.send(0, 'stty size\r');
    await c.waitForStdout('33 111\r\n');
    c.send(0, 'exit\r');
    expect(await c.status()).toBe(SUCCESS);
  });

  it('ignores a CLOSE frame (v5 only): a v4 client hangs up to end stdin', async () => {
    const c = await exec({ command: ['cat'], stdin: true }, [V4]);
    c.send(0, 'one\n');
    c.send(255, [0]);
    await c.waitForStdout('one\n');
    c.send(0, 'two\n');
    await c.waitForStdout('two\n');
    c.ws.close();
    expect(await c.closed).toBe(1005);
    await waitUntil(
      () => sessions.size === 0,
      () => `sessions=${sessions.size}`,
    );
  });

  it('wraps a missing executable in a single internal error', async () => {
    const c = await exec({ command: ['bash'], shells: 'sh' }, [V4]);
    const status = JSON.parse(await c.status()) as { message: string; details: unknown };
    expect(status.message).toMatch(
      /^Internal error occurred: error executing command in container: failed to exec/,
    );
    expect(status.details).toEqual({ causes: [{ message: status.message.slice(25) }] });
  });
});

describe('exec over channel.k8s.io (v1)', () => {
  it('sends only failures, as plain text', async () => {
    const ok = await exec({ command: ['true'] }, ['channel.k8s.io']);
    expect(await ok.closed).toBe(1000);
    expect(ok.frames.filter(([c, p]) => c === 3 && p.length > 0)).toEqual([]);
    const failed = await exec({ command: ['false'] }, ['channel.k8s.io']);
    expect(await failed.status()).toBe(
      'command terminated with non-zero exit code: error executing command [false], exit code 1',
    );
  });
});

describe("driven by client-node's Exec", () => {
  // client-node refuses plain http unless TLS checks are off; the harness is plain ws:// on loopback.
  function kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'demo', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'demo', token: 'token' }],
      contexts: [{ name: 'demo', cluster: 'demo', user: 'demo' }],
      currentContext: 'demo',
    });
    return kc;
  }

  it('pipes stdin, ends it with CLOSE and reports the exit status', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString('utf8')));
    const stdin = new PassThrough();
    const status = new Promise<V1Status>((resolve, reject) => {
      new Exec(kubeConfig())
        .exec(
          'default',
          'web-7d9f',
          'nginx',
          ['sh', '-c', 'cat; exit 4'],
          out,
          new PassThrough(),
          stdin,
          false,
          resolve,
        )
        .catch(reject);
    });
    stdin.end('hi\n');
    expect(await status).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 4',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '4' }] },
    });
    expect(text).toBe('hi\n');
  });

  it('sends the terminal size first and again on resize', async () => {
    // A "resizable" stdout (rows, columns, 'resize' events) makes Exec send sizes on channel 4.
    const out = Object.assign(new PassThrough(), { rows: 30, columns: 100 });
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString('utf8')));
    const stdin = new PassThrough();
    const status = new Promise<V1Status>((resolve, reject) => {
      new Exec(kubeConfig())
        .exec('default', 'web-7d9f', 'nginx', ['sh'], out, null, stdin, true, resolve)
        .catch(reject);
    });
    const waitFor = (t: string): Promise<void> =>
      waitUntil(
        () => text.includes(t),
        () => `for ${JSON.stringify(t)} in ${JSON.stringify(text)}`,
      );
    await waitFor('/ # ');
    stdin.write('stty size\r');
    await waitFor('30 100\r\n');
    out.rows = 40;
    out.columns = 120;
    out.emit('resize');
    stdin.write('stty size\r');
    await waitFor('40 120\r\n');
    stdin.write('exit 3\r');
    expect((await status).details?.causes).toEqual([{ reason: 'ExitCode', message: '3' }]);
    stdin.end();
  });
});
