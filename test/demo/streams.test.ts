/**
 * The streaming subresources through client-node over real HTTPS and WebSocket: logs (plain, follow, previous),
 * exec (tty and not, exit codes, a resize), port-forward (bytes and HTTP round trips, two connections at once,
 * the end of the forward when the pod goes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { Exec, Log, PortForward } from '@kubernetes/client-node';
import type { V1Status } from '@kubernetes/client-node';
import { findSeqBreak } from '../../src/demo/logs/seq.js';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { collector } from '../support/collector.js';
import { waitFor } from '../support/waitFor.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster();
  await waitForPodPhase(t, 'default', 'hello', 'Running');
  await waitForPodPhase(t, 'default', 'bb', 'Running');
  await waitForPodPhase(t, 'default', 'kiada', 'Running');
});
afterAll(async () => {
  await t.demo.close();
});

describe('logs', () => {
  it('reads a container log, tail and timestamps', async () => {
    // A container that just started may not have written two lines yet: ask until it has.
    const lines = await waitFor(async () => {
      const out = collector();
      await new Log(t.kc).log('default', 'hello', 'hello', out.stream, { tailLines: 2, timestamps: true });
      await waitFor(() => out.ended(), 'the log to end');
      // Each line ends with a newline; a line may itself be empty (then only its timestamp and a space remain).
      const got = out.text().split('\n').slice(0, -1);
      return got.length >= 2 && got;
    }, 'two log lines');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
  });

  it('follows: new lines arrive, and the stream ends when the container stops', async () => {
    const out = collector();
    await new Log(t.kc).log('default', 'kiada', 'kiada', out.stream, { follow: true });
    const first = await waitFor(() => out.text().split('\n').length > 2 && out.text(), 'some lines');
    await waitFor(() => out.text().length > first.length, 'a line written after the follow started', 8000);
    expect(out.ended()).toBe(false);
    await t.core.deleteNamespacedPod({ name: 'kiada', namespace: 'default', gracePeriodSeconds: 0 });
    await waitFor(() => out.ended(), 'the follow to end with the container');
    expect(findSeqBreak(out.text().trimEnd().split('\n'))).toBeUndefined();
  });

  it('serves the previous run of a restarted container, and refuses when there is none', async () => {
    await waitFor(
      async () => {
        const p = await t.core.readNamespacedPod({ name: 'crasher', namespace: 'default' });
        return (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1;
      },
      'crasher to restart',
      10_000,
    );
    const prev = collector();
    await new Log(t.kc).log('default', 'crasher', 'crasher', prev.stream, { previous: true });
    await waitFor(() => prev.ended(), 'previous log');
    expect(prev.text()).toMatch(/panic|Traceback|Error|Exception/);
    const err = await new Log(t.kc)
      .log('default', 'hello', 'hello', collector().stream, { previous: true })
      .catch((e: unknown) => e);
    expect(String((err as Error).message)).toContain('400');
  });
});

interface ExecResult {
  out: string;
  status: V1Status;
}

async function execOnce(
  pod: string,
  container: string,
  command: string[],
  stdinText?: string,
  tty = false,
): Promise<ExecResult> {
  const out = collector();
  const stdin = stdinText === undefined ? null : new PassThrough();
  let status: V1Status | undefined;
  await new Exec(t.kc).exec(
    'default',
    pod,
    container,
    command,
    out.stream,
    out.stream,
    stdin,
    tty,
    (s) => (status = s),
  );
  if (stdin) stdin.end(stdinText);
  const s = await waitFor(() => status, `status of ${command.join(' ')}`);
  return { out: out.text(), status: s };
}

describe('exec', () => {
  it('runs a command without a tty and reports success', async () => {
    const r = await execOnce('hello', 'hello', ['hostname']);
    expect(r.out).toBe('hello\n');
    expect(r.status.status).toBe('Success');
  });

  it('passes stdin through', async () => {
    const r = await execOnce('bb', 'bb', ['cat'], 'line one\nline two\n');
    expect(r.out).toBe('line one\nline two\n');
  });

  it('reports a non-zero exit code', async () => {
    const r = await execOnce('bb', 'bb', ['sh', '-c', 'exit 7']);
    expect(r.status.status).toBe('Failure');
    expect(r.status.reason).toBe('NonZeroExitCode');
    expect(r.status.details?.causes?.[0]).toMatchObject({ reason: 'ExitCode', message: '7' });
  });

  it('fails like a real cluster when the image has no such shell', async () => {
    const r = await execOnce('bb', 'bb', ['bash']);
    expect(r.status.status).toBe('Failure');
    expect(r.status.message).toContain('executable file not found in $PATH');
  });

  it('runs an interactive tty shell: prompt, echo, size, resize, exit code', async () => {
    const out = collector();
    const term = Object.assign(out.stream, { rows: 30, columns: 100 });
    const stdin = new PassThrough();
    let status: V1Status | undefined;
    await new Exec(t.kc).exec('default', 'bb', 'bb', ['sh'], term, null, stdin, true, (s) => (status = s));
    await waitFor(() => out.text().includes('/ # '), 'the prompt');
    stdin.write('stty size\r');
    await waitFor(() => out.text().includes('30 100'), 'the initial size in stty');
    term.rows = 40;
    term.columns = 120;
    term.emit('resize');
    stdin.write('stty size\r');
    await waitFor(() => out.text().includes('40 120'), 'the new size after a resize');
    stdin.write('hostname\r');
    await waitFor(() => /\r\nbb\r\n/.test(out.text()), 'hostname');
    stdin.write('exit 4\r');
    const s = await waitFor(() => status, 'the exit status');
    expect(s.details?.causes?.[0]?.message).toBe('4');
  });
});

describe('port-forward', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    const pf = new PortForward(t.kc);
    server = createServer((sock) => {
      sockets.add(sock);
      void pf.portForward('default', 'hello', [3000], sock, null, sock).then((ws) => {
        const w = ws as unknown as { on?: (e: string, f: () => void) => void };
        // client-node leaves the local socket open when the WebSocket closes; end it as a real tool must.
        w.on?.('close', () => sock.end());
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });

  function request(raw: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const c = connect(port, '127.0.0.1', () => c.write(raw));
      let data = '';
      c.on('data', (d: Buffer) => (data += d.toString('latin1')));
      c.on('end', () => resolve(data));
      c.on('error', reject);
    });
  }

  it('answers an HTTP GET through the forward with the app', async () => {
    const answer = await request('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer.endsWith('Hello World\n')).toBe(true);
  });

  it('round-trips bytes, on two connections at once', async () => {
    const body = (n: number) => Buffer.alloc(256 * 1024, n).toString('latin1');
    const post = (b: string) =>
      request(
        `POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${b.length}\r\n\r\n${b}`,
      );
    const [a, b] = await Promise.all([post(body(1)), post(body(2))]);
    expect(a.endsWith(body(1))).toBe(true);
    expect(b.endsWith(body(2))).toBe(true);
  });

  it('ends the forward within a second when the pod is deleted', async () => {
    const c = connect(port, '127.0.0.1');
    let ended = false;
    c.on('close', () => (ended = true));
    c.on('error', () => undefined);
    c.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => c.once('data', r));
    const at = Date.now();
    await t.core.deleteNamespacedPod({ name: 'hello', namespace: 'default', gracePeriodSeconds: 0 });
    await waitFor(() => ended, 'the forwarded connection to close', 1000);
    expect(Date.now() - at).toBeLessThan(1000);
  });
});
