/**
 * TLS forms of the kubeconfig, end to end against the demo (kubectl as referee): client certificate and key as
 * files (relative to the kubeconfig's folder) and as data; the CA as a file and as data; insecure-skip-tls-verify;
 * tls-server-name.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import { makeCertificateAuthority, signClientCertificate } from '../../../src/demo/tls.js';
import {
  demoPods,
  kubeconfigFor,
  kubectlPods,
  podscopePods,
  startDemo,
  tempDir,
  writeText,
  writeYaml,
} from './support.js';

let demo: DemoServer;
let dir: string;
const b64 = (s: string): string => Buffer.from(s).toString('base64');

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('tls');
});
afterAll(() => demo.close());

describe('client certificates', () => {
  it('client-certificate and client-key files, relative to the kubeconfig folder; CA file relative too', async () => {
    const pair = await signClientCertificate(demo.ca, 'cert-file-user', ['system:masters']);
    const home = join(dir, 'relative');
    writeText(join(home, 'pki', 'client.crt'), pair.cert);
    writeText(join(home, 'pki', 'client.key'), pair.key);
    writeText(join(home, 'pki', 'ca.crt'), demo.caCert);
    const file = writeYaml(
      join(home, 'config'),
      kubeconfigFor(demo, {
        cluster: { server: demo.url, 'certificate-authority': 'pki/ca.crt' },
        user: { 'client-certificate': 'pki/client.crt', 'client-key': 'pki/client.key' },
      }),
    );
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
  });

  it('client-certificate-data and client-key-data', async () => {
    const pair = await signClientCertificate(demo.ca, 'cert-data-user', ['system:masters']);
    const file = writeYaml(
      join(dir, 'data.yaml'),
      kubeconfigFor(demo, {
        user: { 'client-certificate-data': b64(pair.cert), 'client-key-data': b64(pair.key) },
      }),
    );
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
  });

  it('a certificate another CA signed is no credential: 401 from both', async () => {
    const other = await makeCertificateAuthority('someone-else');
    const pair = await signClientCertificate(other, 'intruder', ['system:masters']);
    const file = writeYaml(
      join(dir, 'foreign.yaml'),
      kubeconfigFor(demo, {
        user: { 'client-certificate-data': b64(pair.cert), 'client-key-data': b64(pair.key) },
      }),
    );
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message: `the server at ${demo.url} refused the credentials (401 Unauthorized)`,
    });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });

  it('a missing key file is one line naming it', async () => {
    const pair = await signClientCertificate(demo.ca, 'no-key-user');
    writeText(join(dir, 'nokey', 'client.crt'), pair.cert);
    const file = writeYaml(
      join(dir, 'nokey', 'config'),
      kubeconfigFor(demo, { user: { 'client-certificate': 'client.crt', 'client-key': 'client.key' } }),
    );
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message: `cannot load the credentials: cannot read client-key ${join(dir, 'nokey', 'client.key')}: no such file`,
    });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });
});

describe('verifying the server', () => {
  it('certificate-authority-data: the demo CA verifies the server', async () => {
    demo.authenticator.addToken('tls-token', {
      username: 'tls-user',
      groups: ['system:masters', 'system:authenticated'],
    });
    const file = writeYaml(join(dir, 'ca-data.yaml'), kubeconfigFor(demo, { user: { token: 'tls-token' } }));
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
  });

  it('no CA: the server is not trusted by either', async () => {
    const file = writeYaml(
      join(dir, 'no-ca.yaml'),
      kubeconfigFor(demo, { cluster: { server: demo.url }, user: { token: 'tls-token' } }),
    );
    const out = await podscopePods(file);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.message).toMatch(/^TLS with .* failed: .*certificate/);
    expect((await kubectlPods(file)).stderr).toContain('certificate');
  });

  it('insecure-skip-tls-verify: no CA needed', async () => {
    const file = writeYaml(
      join(dir, 'insecure.yaml'),
      kubeconfigFor(demo, {
        cluster: { server: demo.url, 'insecure-skip-tls-verify': true },
        user: { token: 'tls-token' },
      }),
    );
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
  });

  it('tls-server-name: the name checked against the certificate instead of the address', async () => {
    // The demo's certificate names 127.0.0.1, localhost and kubernetes.default.svc.
    const good = writeYaml(
      join(dir, 'sni-good.yaml'),
      kubeconfigFor(demo, {
        cluster: {
          server: demo.url,
          'certificate-authority-data': b64(demo.caCert),
          'tls-server-name': 'kubernetes.default.svc',
        },
        user: { token: 'tls-token' },
      }),
    );
    expect(await podscopePods(good)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(good)).pods).toEqual(demoPods(demo));
    const bad = writeYaml(
      join(dir, 'sni-bad.yaml'),
      kubeconfigFor(demo, {
        cluster: {
          server: demo.url,
          'certificate-authority-data': b64(demo.caCert),
          'tls-server-name': 'api.example.com',
        },
        user: { token: 'tls-token' },
      }),
    );
    const out = await podscopePods(bad);
    expect(!out.ok && out.message).toMatch(/^TLS with .* failed: .*api\.example\.com/);
    const k = await kubectlPods(bad);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain('api.example.com');
  });
});
