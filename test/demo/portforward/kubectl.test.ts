/**
 * Real kubectl against serveSpdyPortForward, through a minimal test-only API server (plain HTTP): the pod GET that
 * `kubectl port-forward` makes first, then its port-forward request, either as a WebSocket tunnelling SPDY
 * (kubectl 1.31+, subprotocol SPDY/3.1+portforward.k8s.io) or as a raw `Upgrade: SPDY/3.1` (the fallback, forced
 * with KUBECTL_PORT_FORWARD_WEBSOCKETS=false). Skipped when kubectl is not on PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openAppConnection } from '../../../src/demo/apps/index.js';
import {
  connectionRefusedMessage,
  podSandbox,
  PortForwardRegistry,
  serveSpdyPortForward,
  SPDY_PORTFORWARD_SUBPROTOCOL,
  spdyUpgradeResponseHead,
} from '../../../src/demo/portforward/index.js';
import { httpGet, POD } from './harness.js';
import { waitFor as waitForCondition } from '../../support/waitFor.js';
import { requireKubectl } from '../../support/kubectl.js';

const POD_JSON = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: POD.name, namespace: POD.namespace, uid: POD.uid },
  spec: { containers: [{ name: 'kiada', image: 'luksa/kiada:0.1', ports: [{ containerPort: 8080 }] }] },
  status: { phase: 'Running', podIP: '10.244.2.4' },
});

const RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    {
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'list'],
      shortNames: ['po'],
    },
    {
      name: 'pods/portforward',
      singularName: '',
      namespaced: true,
      kind: 'PodPortForwardOptions',
      verbs: ['create', 'get'],
    },
  ],
};

interface ApiHarness {
  port: number;
  registry: PortForwardRegistry;
  transports: string[];
  close: () => Promise<void>;
}

async function startApi(): Promise<ApiHarness> {
  const registry = new PortForwardRegistry();
  const transports: string[] = [];
  const connect = (port: number) =>
    port === 8080
      ? openAppConnection('kiada', {
          namespace: POD.namespace,
          podName: POD.name,
          podIP: '10.244.2.4',
          hostname: POD.name,
          containerName: 'kiada',
          clientIP: '127.0.0.1',
        })
      : null;
  const server: Server = createServer((req, res) => {
    const json = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api') json({ kind: 'APIVersions', versions: ['v1'] });
    else if (path === '/apis') json({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    else if (path === '/api/v1') json(RESOURCES);
    else if (path === `/api/v1/namespaces/${POD.namespace}/pods/${POD.name}`) json(POD_JSON);
    else {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          code: 404,
          reason: 'NotFound',
        }),
      );
    }
  });
  // ws rejects the token `SPDY/3.1+portforward.k8s.io` ('/' is not a token character): take the header off
  // before the upgrade and put the answer back in (REFERENCE §5.7).
  const tunnelled = new WeakSet<IncomingMessage>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  wss.on('headers', (headers, req) => {
    if (tunnelled.has(req)) headers.push(`Sec-WebSocket-Protocol: ${SPDY_PORTFORWARD_SUBPROTOCOL}`);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const upgrade = (req.headers.upgrade ?? '').toLowerCase();
    const options = { pod: POD, registry };
    if (upgrade === 'websocket') {
      const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      if (!offered.includes(SPDY_PORTFORWARD_SUBPROTOCOL)) {
        socket.destroy();
        return;
      }
      delete req.headers['sec-websocket-protocol'];
      tunnelled.add(req);
      wss.handleUpgrade(req, socket, head, (ws) => {
        transports.push('websocket');
        serveSpdyPortForward(ws, connect, options);
      });
    } else if (upgrade === 'spdy/3.1') {
      transports.push('spdy');
      socket.write(spdyUpgradeResponseHead());
      serveSpdyPortForward(socket, connect, { ...options, head });
    } else {
      socket.destroy();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    registry,
    transports,
    close: async () => {
      registry.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Kubectl {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startKubectl(dir: string, args: string[], env: Record<string, string> = {}): Kubectl {
  const child = spawn(
    'kubectl',
    ['--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The shared deadline poll (test/support/waitFor.ts), with these tests' argument order. */
async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  await waitForCondition(cond, what, ms, 10);
}

describe('kubectl port-forward', () => {
  beforeAll(requireKubectl);
  let api: ApiHarness;
  let dir: string;
  const running: Kubectl[] = [];

  beforeEach(async () => {
    api = await startApi();
    dir = mkdtempSync(join(tmpdir(), 'podscope-pf-'));
    writeFileSync(
      join(dir, 'config'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: demo\n  cluster:\n    server: http://127.0.0.1:${api.port}`,
        'users:',
        '- name: demo\n  user:\n    token: demo-token',
        'contexts:',
        '- name: demo\n  context:\n    cluster: demo\n    user: demo\n    namespace: default',
        'current-context: demo',
        '',
      ].join('\n'),
    );
  });

  afterEach(async () => {
    for (const k of running.splice(0)) {
      if (k.child.exitCode === null) {
        k.child.kill('SIGTERM');
        await k.exited;
      }
    }
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function forward(
    remote: number,
    env?: Record<string, string>,
  ): Promise<{ k: Kubectl; local: number }> {
    const k = startKubectl(
      dir,
      ['port-forward', '--address', '127.0.0.1', `pod/${POD.name}`, `:${remote}`],
      env,
    );
    running.push(k);
    await waitFor(
      () => /Forwarding from 127\.0\.0\.1:\d+/.test(k.stdout()) || k.child.exitCode !== null,
      10_000,
      'kubectl to listen',
    );
    const m = /Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)/.exec(k.stdout());
    if (!m) throw new Error(`kubectl did not start forwarding: ${k.stderr()}`);
    return { k, local: Number(m[1]) };
  }

  for (const [name, env, transport] of [
    ['over the WebSocket tunnel', {}, 'websocket'],
    ['over raw SPDY', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }, 'spdy'],
  ] as const) {
    it(`forwards HTTP ${name}`, async () => {
      const { k, local } = await forward(8080, env);
      for (let i = 0; i < 2; i++) {
        const answer = await httpGet(local, '/');
        expect(answer).toEqual({
          status: 200,
          body: 'Kiada version 0.1. Request processed by "kiada". Client IP: ::ffff:127.0.0.1\n',
        });
      }
      const [a, b] = await Promise.all([httpGet(local, '/text'), httpGet(local, '/nope')]);
      expect(a.body).toContain('Kiada version 0.1.');
      expect(b).toEqual({ status: 404, body: '/nope not found' });
      expect(k.stdout()).toContain('Handling connection for');
      expect(api.transports).toEqual([transport]);
    });
  }

  it('carries 100 MB through kubectl', async () => {
    const { local } = await forward(8080);
    const N = 100 * 1024 * 1024;
    const size = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for 100 MB')), 30_000);
      get({ host: '127.0.0.1', port: local, path: `/bytes?n=${N}`, agent: false }, (res) => {
        let n = 0;
        res.on('data', (d: Buffer) => (n += d.length));
        res.on('end', () => {
          clearTimeout(timer);
          resolve(n);
        });
      }).on('error', reject);
    });
    expect(size).toBe(N);
  });

  it("prints the runtime's refused text and loses the connection", async () => {
    const { k, local } = await forward(9999);
    await expect(httpGet(local, '/')).rejects.toThrow();
    await waitFor(() => k.child.exitCode !== null, 10_000, 'kubectl to exit');
    // kubectl 1.32 logs it through klog: `E… portforward.go:424] "Unhandled Error" err="an error occurred…"`,
    // with the inner quotes escaped.
    expect(k.stderr().replaceAll('\\"', '"')).toContain(
      `an error occurred forwarding ${local} -> 9999: ${connectionRefusedMessage(9999, podSandbox(POD))}`,
    );
    expect(k.stderr()).toContain('lost connection to pod');
  });

  it('stops when the pod is deleted', async () => {
    const { k, local } = await forward(8080);
    expect((await httpGet(local, '/')).status).toBe(200);
    const started = Date.now();
    expect(api.registry.closePod(POD.namespace, POD.name, 'pod deleted')).toBe(1);
    await waitFor(() => k.child.exitCode !== null, 5000, 'kubectl to exit');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(k.stderr()).toContain('lost connection to pod');
  });
});
