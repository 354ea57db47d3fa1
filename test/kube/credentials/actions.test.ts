/**
 * The same kubeconfig works for every action, not only the list: watch, logs, exec (a shell), port-forward and
 * delete, each through the one credentials path, for a credential of each kind that needs more than a header —
 * an exec plugin's token and its client certificate, a tokenFile, basic auth, and a token through a socks5 and an
 * http proxy — end to end over TLS against the demo.
 */
import { PassThrough } from 'node:stream';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import { signClientCertificate } from '../../../src/demo/tls.js';
import { toClientKubeConfig } from '../../../src/kube/clientKubeConfig.js';
import { loadKubeConfig } from '../../../src/kube/connect.js';
import type { PlainKubeConfig } from '../../../src/kube/plainKubeConfig.js';
import { PortForwardRegistry } from '../../../src/kube/portForward/index.js';
import { deletePods } from '../../../src/kube/shell/deletePods.js';
import { openShell } from '../../../src/kube/shell/openShell.js';
import { readBody, requestJson } from '../../../src/kube/request.js';
import { watchOnce } from '../../../src/kube/watchOnce.js';
import { openLogStream } from '../../../src/logs/logRequest.js';
import { waitFor } from '../../support/waitFor.js';
import { httpRequest, waitForState } from '../portForward/support.js';
import { startConnectProxy, startSocksProxy, type TestProxy } from './proxies.js';
import {
  admin,
  kubeconfigFor,
  PLUGINS,
  startDemo,
  tempDir,
  writeText,
  waitRunning,
  writeYaml,
} from './support.js';

let demo: DemoServer;
let dir: string;
const proxies: TestProxy[] = [];
const b64 = (s: string): string => Buffer.from(s).toString('base64');

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('actions');
  demo.authenticator.addToken('actions-token', admin('actions-user'));
  demo.authenticator.addBasicUser('actions-basic', 'pw', admin('actions-basic'));
  await waitRunning(demo, 'kiada', 'bb');
  const adminKc = demo.kubeConfig();
  victims = forms.map((_, i) => `victim-${i}`);
  for (const name of victims) {
    await requestJson(adminKc, 'POST', '/api/v1/namespaces/default/pods', {
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: { containers: [{ name: 'app', image: 'busybox' }] },
      },
    });
  }
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await demo.close();
});

const CA = (): Record<string, unknown> => ({
  server: demo.url,
  'certificate-authority-data': b64(demo.caCert),
});
const VIA_NAME = (): string => `https://kubernetes.default.svc:${demo.port}`;

type Form = [string, () => Promise<Record<string, unknown>>];

const forms: Form[] = [
  [
    'an exec plugin’s token',
    () =>
      Promise.resolve(
        kubeconfigFor(demo, {
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1beta1',
              command: join(PLUGINS, 'credential-plugin.mjs'),
              args: ['--token', 'actions-token', '--expires-in', '900'],
            },
          },
        }),
      ),
  ],
  [
    'an exec plugin’s client certificate',
    async () => {
      const pair = await signClientCertificate(demo.ca, 'actions-cert', ['system:masters']);
      const cert = writeText(join(dir, 'exec-cert', 'tls.crt'), pair.cert);
      const key = writeText(join(dir, 'exec-cert', 'tls.key'), pair.key);
      return kubeconfigFor(demo, {
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            interactiveMode: 'Never',
            command: join(PLUGINS, 'credential-plugin.mjs'),
            args: ['--cert', cert, '--key', key],
          },
        },
      });
    },
  ],
  [
    'a tokenFile',
    () => {
      writeText(join(dir, 'token-file', 'token'), 'actions-token');
      return Promise.resolve(kubeconfigFor(demo, { user: { tokenFile: 'token' } }));
    },
  ],
  [
    'basic auth',
    () => Promise.resolve(kubeconfigFor(demo, { user: { username: 'actions-basic', password: 'pw' } })),
  ],
  [
    'a token through a socks5 proxy-url',
    async () => {
      const p = await startSocksProxy();
      proxies.push(p);
      return kubeconfigFor(demo, {
        cluster: { ...CA(), server: VIA_NAME(), 'proxy-url': p.url },
        user: { token: 'actions-token' },
      });
    },
  ],
  [
    'a token through an http CONNECT proxy-url',
    async () => {
      const p = await startConnectProxy();
      proxies.push(p);
      return kubeconfigFor(demo, {
        cluster: { ...CA(), server: VIA_NAME(), 'proxy-url': p.url },
        user: { token: 'actions-token' },
      });
    },
  ],
];

/** Generated pods to delete, one per form, chosen before any is deleted. */
let victims: string[] = [];

describe.each(forms.map((f, i) => [...f, i] as const))('with %s', (label, make, index) => {
  let kc: PlainKubeConfig;

  beforeAll(async () => {
    const slug = label.replace(/\W+/g, '-');
    const file = writeYaml(join(dir, slug === 'a-tokenFile' ? 'token-file' : slug, 'config'), await make());
    kc = loadKubeConfig({ kubeconfig: file, env: {} }).kc;
  });

  it('watches pods', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const end = watchOnce(
      kc,
      '/api/v1/namespaces/default/pods',
      { resourceVersion: '0', timeoutSeconds: 5 },
      { onOpen: () => undefined, onEvent: (type) => events.push(type) },
      controller.signal,
    );
    await waitFor(() => events.length > 0, 'a watch event');
    controller.abort();
    expect(await end).toEqual({ kind: 'aborted' });
    expect(events[0]).toBe('ADDED');
  });

  it('reads logs', async () => {
    const res = await openLogStream(
      kc,
      'default',
      'kiada',
      { container: 'kiada', follow: false },
      new AbortController().signal,
    );
    expect(res.statusCode).toBe(200);
    expect(typeof (await readBody(res))).toBe('string');
  });

  it('opens a shell', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const size = Object.assign(new EventEmitter(), { rows: 24, columns: 80 });
    const end = await openShell({
      kc: await toClientKubeConfig(kc),
      namespace: 'default',
      pod: 'bb',
      container: 'bb',
      command: ['hostname'],
      stdin: new PassThrough(),
      stdout: out,
      size,
    });
    expect(end).toEqual({ kind: 'exit', code: 0 });
    expect(text).toContain('bb');
  });

  it('forwards a port', async () => {
    const registry = new PortForwardRegistry(kc, { flushMs: 10 });
    try {
      const f = await registry.start({ namespace: 'default', pod: 'kiada', remotePort: 8080 });
      await waitForState(registry, f.id, 'active');
      expect((await httpRequest(f.localPort, 'GET', '/')).status).toBe(200);
    } finally {
      await registry.close();
    }
  });

  it('deletes a pod', async () => {
    const name = victims[index]!;
    expect(await deletePods(kc, [{ namespace: 'default', name }], { force: true })).toEqual([
      { namespace: 'default', name, ok: true },
    ]);
  });
});
