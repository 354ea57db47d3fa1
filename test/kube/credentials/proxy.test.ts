/**
 * Proxies, as kubectl uses them: the cluster's proxy-url (http CONNECT, https, socks5) and HTTPS_PROXY/NO_PROXY
 * as Go's http.ProxyFromEnvironment reads them. The server is named `kubernetes.default.svc`, which only the proxy
 * can resolve, so a request that bypassed the proxy fails; each proxy counts its tunnels.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import {
  admin,
  demoPods,
  kubeconfigFor,
  kubectlPods,
  podscopePods,
  startDemo,
  tempDir,
  writeYaml,
} from './support.js';
import { startConnectProxy, startHttpsProxy, startSocksProxy, type TestProxy } from './proxies.js';

let demo: DemoServer;
let dir: string;
let name: string;
const proxies: TestProxy[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('proxy');
  demo.authenticator.addToken('proxy-token', admin('proxy-user'));
  name = `kubernetes.default.svc:${demo.port}`;
});
afterEach(async () => {
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
    if (saved[k] === undefined) Reflect.deleteProperty(process.env, k);
    else process.env[k] = saved[k];
  }
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(() => demo.close());

function kubeconfig(file: string, cluster: Record<string, unknown> = {}): string {
  return writeYaml(
    join(dir, file),
    kubeconfigFor(demo, {
      cluster: {
        server: `https://${name}`,
        'certificate-authority-data': Buffer.from(demo.caCert).toString('base64'),
        ...cluster,
      },
      user: { token: 'proxy-token' },
    }),
  );
}

async function proxy(start: () => Promise<TestProxy>): Promise<TestProxy> {
  const p = await start();
  proxies.push(p);
  return p;
}

describe('proxy-url', () => {
  it('without a proxy the name does not resolve: neither client gets through', async () => {
    const file = kubeconfig('direct.yaml');
    const out = await podscopePods(file);
    expect(out).toEqual({
      ok: false,
      message: `cannot reach the Kubernetes API server at https://${name}: no such host "kubernetes.default.svc"`,
    });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });

  it('http: tunnels with CONNECT', async () => {
    const p = await proxy(startConnectProxy);
    const file = kubeconfig('http-proxy.yaml', { 'proxy-url': p.url });
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.tunnels).toContain(name);
    const before = p.tunnels.length;
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
    expect(p.tunnels.length).toBeGreaterThan(before);
  });

  it('https: the proxy verified with the cluster CA, as Go verifies it', async () => {
    const p = await proxy(() => startHttpsProxy(demo.ca));
    const file = kubeconfig('https-proxy.yaml', { 'proxy-url': p.url });
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.tunnels).toContain(name);
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
  });

  it('socks5: the name resolved by the proxy', async () => {
    const p = await proxy(startSocksProxy);
    const file = kubeconfig('socks-proxy.yaml', { 'proxy-url': p.url });
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.tunnels).toContain(name);
    const before = p.tunnels.length;
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
    expect(p.tunnels.length).toBeGreaterThan(before);
  });

  it.each(['http', 'socks5'])(
    'a %s proxy that is down is named in one line; kubectl fails too',
    async (scheme) => {
      const file = kubeconfig(`down-${scheme}.yaml`, { 'proxy-url': `${scheme}://127.0.0.1:9` });
      expect(await podscopePods(file)).toEqual({
        ok: false,
        message: `cannot reach the API server through the proxy ${scheme}://127.0.0.1:9: connection refused`,
      });
      expect((await kubectlPods(file)).stderr).toContain('127.0.0.1:9');
    },
  );

  it('a scheme kubectl does not speak is one line', async () => {
    const file = kubeconfig('ftp-proxy.yaml', { 'proxy-url': 'ftp://127.0.0.1:21' });
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message:
        'cannot load the credentials: proxy URL scheme in the kubeconfig (proxy-url) must be http, https or socks5, not "ftp"',
    });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });
});

describe('HTTPS_PROXY and NO_PROXY', () => {
  it('HTTPS_PROXY is used for an https server', async () => {
    const p = await proxy(startConnectProxy);
    process.env['HTTPS_PROXY'] = p.url;
    const file = kubeconfig('env.yaml');
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.tunnels).toContain(name);
    expect((await kubectlPods(file, { HTTPS_PROXY: p.url })).pods).toEqual(demoPods(demo));
  });

  it('lower-case https_proxy too', async () => {
    const p = await proxy(startConnectProxy);
    delete process.env['HTTPS_PROXY'];
    process.env['https_proxy'] = p.url;
    expect(await podscopePods(kubeconfig('env-lower.yaml'))).toEqual({ ok: true, pods: demoPods(demo) });
  });

  it('NO_PROXY naming the domain (".svc", "default.svc") sends it direct: both fail to resolve it', async () => {
    const p = await proxy(startConnectProxy);
    const file = kubeconfig('no-proxy.yaml');
    for (const noProxy of ['.svc', 'default.svc', 'kubernetes.default.svc', '*']) {
      process.env['HTTPS_PROXY'] = p.url;
      process.env['NO_PROXY'] = noProxy;
      const out = await podscopePods(file);
      expect(out.ok, noProxy).toBe(false);
      expect((await kubectlPods(file, { HTTPS_PROXY: p.url, NO_PROXY: noProxy })).code, noProxy).not.toBe(0);
    }
    expect(p.tunnels).toEqual([]);
  });

  it('NO_PROXY for other hosts leaves it proxied', async () => {
    const p = await proxy(startConnectProxy);
    process.env['HTTPS_PROXY'] = p.url;
    process.env['NO_PROXY'] = 'example.com,10.0.0.0/8,.cluster.local';
    const file = kubeconfig('no-proxy-other.yaml');
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(
      (await kubectlPods(file, { HTTPS_PROXY: p.url, NO_PROXY: 'example.com,10.0.0.0/8,.cluster.local' }))
        .pods,
    ).toEqual(demoPods(demo));
  });

  it('a loopback server is never proxied (Go’s rule), even with HTTPS_PROXY set', async () => {
    process.env['HTTPS_PROXY'] = 'http://127.0.0.1:9';
    const file = kubeconfig('loopback.yaml', { server: demo.url });
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file, { HTTPS_PROXY: 'http://127.0.0.1:9' })).pods).toEqual(demoPods(demo));
  });

  it('proxy-url wins over HTTPS_PROXY', async () => {
    const p = await proxy(startSocksProxy);
    process.env['HTTPS_PROXY'] = 'http://127.0.0.1:9';
    const file = kubeconfig('both.yaml', { 'proxy-url': p.url });
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.tunnels).toContain(name);
  });
});
