/**
 * The credential forms the real kube-apiserver 1.32 accepts, end to end over TLS: client certificates signed by
 * its CA (--client-ca-file) as files relative to the kubeconfig and as data, its static tokens (--token-auth-file)
 * as `token`, `tokenFile` and from an exec plugin, a plugin's client certificate, a token through a socks5 proxy,
 * and tls-server-name. Basic auth is ignored by it (--basic-auth-file was removed in 1.19): the request is
 * anonymous and forbidden, for podscope and kubectl alike. kubectl with the same file is the referee every time.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signClientCertificate } from '../../src/demo/tls.js';
import {
  kubectlPods,
  PLUGINS,
  podscopePods,
  tempDir,
  writeText,
  writeYaml,
} from '../kube/credentials/support.js';
import { startSocksProxy } from '../kube/credentials/proxies.js';
import { createNamespace, createPod, realCluster, type RealCluster } from '../support/realCluster.js';
import { requireKubectl } from '../support/kubectl.js';

const NS = 'real-credentials';
let real: RealCluster;
let dir: string;
const b64 = (s: string): string => Buffer.from(s).toString('base64');

beforeAll(async () => {
  await requireKubectl();
  real = realCluster();
  dir = tempDir('real-credentials');
  await createNamespace(real, NS);
  await createPod(real, NS, 'credentials-probe');
});

function kubeconfig(
  name: string,
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = {},
): string {
  return writeYaml(join(dir, name, 'config'), {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'real',
        cluster: { server: real.server, 'certificate-authority-data': b64(real.caCert), ...cluster },
      },
    ],
    users: [{ name: 'tester', user }],
    contexts: [{ name: 'real', context: { cluster: 'real', user: 'tester', namespace: NS } }],
    'current-context': 'real',
  });
}

async function bothList(file: string): Promise<void> {
  expect(await podscopePods(file)).toEqual({ ok: true, pods: ['credentials-probe'] });
  const k = await kubectlPods(file);
  // kubectl passes a plugin's stderr through (the test plugin's noise line); nothing else.
  expect(k.stderr.replace(/^PLUGIN-STDERR-NOISE.*\n/gm, '')).toBe('');
  expect(k.pods).toEqual(['credentials-probe']);
}

function adminCert(user: string): ReturnType<typeof signClientCertificate> {
  return signClientCertificate({ cert: real.caCert, key: real.caKey }, user, ['system:masters']);
}

describe('the real kube-apiserver', () => {
  it('client-certificate and client-key files relative to the kubeconfig, CA file too', async () => {
    const pair = await adminCert('real-cert-file');
    writeText(join(dir, 'cert-files', 'pki', 'client.crt'), pair.cert);
    writeText(join(dir, 'cert-files', 'pki', 'client.key'), pair.key);
    writeText(join(dir, 'cert-files', 'pki', 'ca.crt'), real.caCert);
    await bothList(
      kubeconfig(
        'cert-files',
        { 'client-certificate': 'pki/client.crt', 'client-key': 'pki/client.key' },
        { 'certificate-authority-data': undefined, 'certificate-authority': 'pki/ca.crt' },
      ),
    );
  });

  it('client-certificate-data and client-key-data', async () => {
    const pair = await adminCert('real-cert-data');
    await bothList(
      kubeconfig('cert-data', {
        'client-certificate-data': b64(pair.cert),
        'client-key-data': b64(pair.key),
      }),
    );
  });

  it('token, and tokenFile relative to the kubeconfig', async () => {
    await bothList(kubeconfig('token', { token: real.token }));
    writeText(join(dir, 'token-file', 'token'), `${real.token}\n`);
    await bothList(kubeconfig('token-file', { tokenFile: 'token' }));
  });

  it('an exec plugin’s token (v1) and its client certificate (v1beta1)', async () => {
    const plugin = join(PLUGINS, 'credential-plugin.mjs');
    await bothList(
      kubeconfig('exec-token', {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          interactiveMode: 'Never',
          command: plugin,
          args: ['--token', real.token],
        },
      }),
    );
    const pair = await adminCert('real-exec-cert');
    const cert = writeText(join(dir, 'exec-cert', 'tls.crt'), pair.cert);
    const key = writeText(join(dir, 'exec-cert', 'tls.key'), pair.key);
    await bothList(
      kubeconfig('exec-cert', {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: plugin,
          args: ['--cert', cert, '--key', key],
        },
      }),
    );
  });

  it('tls-server-name naming the serving certificate’s kubernetes.default.svc', async () => {
    await bothList(kubeconfig('sni', { token: real.token }, { 'tls-server-name': 'kubernetes.default.svc' }));
  });

  it('a token through a socks5 proxy-url', async () => {
    const proxy = await startSocksProxy();
    try {
      await bothList(kubeconfig('socks', { token: real.token }, { 'proxy-url': proxy.url }));
      expect(proxy.tunnels.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('ignores basic auth (--basic-auth-file was removed in 1.19): the request is anonymous, and forbidden', async () => {
    // No authenticator takes a Basic header any more, so the union authenticator finds no credential and the
    // anonymous authenticator (--anonymous-auth, on by default) names the request system:anonymous; RBAC then
    // forbids the list. (A bad bearer token is a 401 instead: its authenticator fails, and union.NewFailOnError
    // never makes that anonymous.) Both clients fail; podscope shows the server's words in one line.
    const file = kubeconfig('basic', { username: 'admin', password: 'secret' });
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message:
        `pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "${NS}" ` +
        "(the server accepted none of the kubeconfig's credentials: you are system:anonymous)",
    });
    const k = await kubectlPods(file);
    expect(k.code).not.toBe(0);
    // kubectl stops earlier, at discovery, which RBAC gives only to authenticated users (system:discovery).
    expect(k.stderr).toContain('Error from server (Forbidden)');
  });

  it('refuses an unknown bearer token with 401, as the demo does', async () => {
    const file = kubeconfig('bad-token', { token: 'nobody-has-this-token' });
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message: `the server at ${real.server} refused the credentials (401 Unauthorized)`,
    });
    expect((await kubectlPods(file)).stderr).toContain('You must be logged in to the server');
  });
});
