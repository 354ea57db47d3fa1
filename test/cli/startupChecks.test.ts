/**
 * What a new user meets before the dashboard opens (issue 13): a flag given with no value, a namespace that does
 * not exist, a server that never answers, a plain http:// server, a certificate the kubeconfig does not trust, and
 * `--help`. Each is one line on stderr (plus the usage line for bad input) and a non-zero exit, run without a
 * terminal as a script would; where the connection is fine, "needs a terminal" shows the check let it through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster } from '../../src/demo/server.js';
import { makeCertificateAuthority, signServerCertificate } from '../../src/demo/tls.js';
import type { DemoServer } from '../../src/demo/server.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');
const NEEDS_TERMINAL = /^podscope: the dashboard needs a terminal/;

interface Run {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
}

function run(args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, KUBECONFIG: '/nonexistent-podscope-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout, ms: Date.now() - started }));
  });
}

/** The first line of stderr, after checking there is no stack trace. */
function firstLine(r: Run): string {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r.stderr.split('\n')[0]!;
}

const dir = mkdtempSync(join(tmpdir(), 'podscope-startup-'));
let demo: DemoServer;
let kubeconfig: string;

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 42 });
  kubeconfig = join(dir, 'demo.yaml');
  writeFileSync(kubeconfig, demo.kubeconfig());
});
afterAll(async () => {
  await demo?.close();
});

describe('a flag with no value', () => {
  for (const [args, said] of [
    [['--context'], '--context needs a context name'],
    [['--kubeconfig'], '--kubeconfig needs a file name'],
    [['--context', '--readonly'], '--context needs a context name'],
    [['--kubeconfig', '-n', 'default'], '--kubeconfig needs a file name'],
    [['--debug'], '--debug needs a file name'],
    [['-n'], '-n needs a namespace name'],
  ] as const) {
    it(`refuses ${args.join(' ')} with the usage line, exit 2`, async () => {
      // KUBECONFIG points nowhere: were the flag ignored, the answer would be "no kubeconfig found" (exit 1).
      const r = await run([...args]);
      expect(firstLine(r)).toBe(`podscope: ${said}`);
      expect(r.stderr.split('\n')[1]).toMatch(/^usage: podscope /);
      expect(r.code).toBe(2);
    });
  }
});

describe('-n with a namespace that does not exist', () => {
  it('says so on stderr, names the namespaces there are, and exits 1', async () => {
    const r = await run(['--kubeconfig', kubeconfig, '-n', 'nosuchns']);
    expect(firstLine(r)).toMatch(
      /^podscope: namespace "nosuchns" does not exist \(namespaces: .*\bdefault\b/,
    );
    expect(r.code).toBe(1);
  });

  it('opens on a namespace that exists', async () => {
    expect(firstLine(await run(['--kubeconfig', kubeconfig, '-n', 'default']))).toMatch(NEEDS_TERMINAL);
  });

  it('does not block a user who may not get namespaces (403 means "cannot tell")', async () => {
    // The demo's viewer may list pods in default and frontend but not get namespaces (src/demo/auth/rbacDemoUsers.ts).
    for (const ns of ['frontend', 'nosuchns']) {
      const r = await run(['--kubeconfig', kubeconfig, '--context', 'podscope-demo-viewer', '-n', ns]);
      expect(firstLine(r), ns).not.toMatch(/does not exist/);
    }
  });

  it('checks with --demo too', async () => {
    const r = await run(['--demo', '-n', 'nosuchns']);
    expect(firstLine(r)).toMatch(/^podscope: namespace "nosuchns" does not exist/);
    expect(r.code).toBe(1);
  });
});

describe('a server that accepts connections and never answers', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => silent.close(() => r()));
  });

  it('is reported after the 10 s the message says', async () => {
    const port = (silent.address() as AddressInfo).port;
    const file = join(dir, 'silent.yaml');
    writeFileSync(
      file,
      demo.kubeconfig().replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${port}`),
    );
    const r = await run(['--kubeconfig', file]);
    expect(firstLine(r)).toBe(
      `podscope: the Kubernetes API server at https://127.0.0.1:${port} did not answer within 10 s`,
    );
    expect(r.code).toBe(1);
    // Ten seconds of waiting plus Node's start-up; before the fix it was 20 s.
    expect(r.ms).toBeGreaterThanOrEqual(10_000);
    expect(r.ms).toBeLessThan(13_000);
  }, 30_000);
});

describe('TLS and plain HTTP', () => {
  it('words an http:// server without insecure-skip-tls-verify as such, not as credentials', async () => {
    const file = join(dir, 'http.yaml');
    writeFileSync(file, demo.kubeconfig().replaceAll('server: https://', 'server: http://'));
    const line = firstLine(await run(['--kubeconfig', file]));
    expect(line).toBe(
      `podscope: the kubeconfig gives the server as ${demo.url.replace('https:', 'http:')}, plain HTTP without TLS: podscope uses that only for a cluster marked insecure-skip-tls-verify: true (use the https:// address, or set that in the kubeconfig)`,
    );
    expect(line).not.toMatch(/credential/i);
  });

  it('words a certificate the kubeconfig does not trust without the advice Node adds', async () => {
    // A server whose certificate is signed by a private CA and sent without it, and a kubeconfig that names no
    // certificate-authority: Node says "unable to verify the first certificate; if the root CA is installed
    // locally, try running Node.js with --use-system-ca", advice for Node's command line a podscope user can't take.
    const ca = await makeCertificateAuthority('private-ca');
    const leaf = await signServerCertificate(ca, ['localhost', '127.0.0.1']);
    const server = createHttpsServer({ key: leaf.key, cert: leaf.cert }, (_req, res) => res.end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const file = join(dir, 'noca.yaml');
      writeFileSync(
        file,
        [
          'apiVersion: v1',
          'kind: Config',
          `clusters: [{name: c, cluster: {server: "${url}"}}]`,
          'users: [{name: u, user: {token: t}}]',
          'contexts: [{name: x, context: {cluster: c, user: u}}]',
          'current-context: x',
        ].join('\n'),
      );
      const line = firstLine(await run(['--kubeconfig', file]));
      expect(line).toBe(
        `podscope: TLS with ${url} failed: unable to verify the first certificate (check the cluster's certificate-authority in the kubeconfig)`,
      );
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('--help', () => {
  it('prints the description once', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/terminal dashboard for Kubernetes pods/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/usage: podscope /);
  });

  it('podscope demo --help starts with what the demo command does, and only that', async () => {
    const r = await run(['demo', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimStart()).toMatch(/^Serve the podscope demo cluster/);
    expect(r.stdout).not.toMatch(/terminal dashboard/);
  });
});
