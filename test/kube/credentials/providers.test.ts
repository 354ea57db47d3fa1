/**
 * Kubeconfigs shaped like the providers' (test/fixtures/kubeconfigs/: EKS, GKE, AKS, kind, minikube, k3s,
 * OpenShift), pointed at the demo: podscope lists the same pods as `kubectl get pods` with the same file, or both
 * fail and podscope says why in one line. The providers' plugins are the stand-ins in fixtures/kubeconfigs/bin,
 * found on PATH as the real ones are.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import { signClientCertificate } from '../../../src/demo/tls.js';
import { admin, demoPods, kubectlPods, podscopePods, startDemo, tempDir, writeText } from './support.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'kubeconfigs');
const BIN = join(FIXTURES, 'bin');
const CLOUD_TOKEN = 'k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtd2VzdC0yLmFtYXpvbmF3cy5jb20v';

let demo: DemoServer;
let dir: string;
const savedPath = process.env['PATH'];

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('providers');
  demo.authenticator.addToken(CLOUD_TOKEN, admin('cloud-user'));
  process.env['PODSCOPE_FAKE_CLOUD_TOKEN'] = CLOUD_TOKEN;
});
afterEach(() => {
  process.env['PATH'] = savedPath;
});
afterAll(async () => {
  delete process.env['PODSCOPE_FAKE_CLOUD_TOKEN'];
  await demo.close();
});

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** The fixture with its placeholders filled, written to its own folder; returns the file. */
function fixture(name: string, values: Record<string, string> = {}): string {
  const all: Record<string, string> = { SERVER: demo.url, CA_DATA: b64(demo.caCert), ...values };
  const text = readFileSync(join(FIXTURES, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    const v = all[k];
    if (v === undefined) throw new Error(`${name}: no value for {{${k}}}`);
    return v;
  });
  return writeText(join(dir, name.replace(/\.yaml$/, ''), 'config'), text);
}

/** PATH with the plugin stand-ins first, for podscope (this process) and kubectl. */
function withPlugins(): NodeJS.ProcessEnv {
  const path = `${BIN}${delimiter}${savedPath ?? ''}`;
  process.env['PATH'] = path;
  return { PATH: path, PODSCOPE_FAKE_CLOUD_TOKEN: CLOUD_TOKEN };
}

async function bothList(file: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
  const k = await kubectlPods(file, env);
  expect(k.stderr).toBe('');
  expect(k.pods).toEqual(demoPods(demo));
}

describe('exec plugins of the clouds', () => {
  it('EKS: aws eks get-token (v1beta1, AWS_PROFILE from the kubeconfig)', async () => {
    await bothList(fixture('eks.yaml'), withPlugins());
  });

  it('GKE: gke-gcloud-auth-plugin, with provideClusterInfo', async () => {
    await bothList(fixture('gke.yaml'), withPlugins());
  });

  it('GKE without the plugin installed: its installHint, in one line; kubectl fails too', async () => {
    // Another address for the same server: the credential of the test above is cached per exec config and cluster.
    const file = fixture('gke.yaml', { SERVER: `https://localhost:${demo.port}` });
    // A PATH with kubectl only (this machine may have the real plugin installed).
    const onlyKubectl = tempDir('path');
    symlinkSync(
      execFileSync('which', ['kubectl'], { encoding: 'utf8' }).trim(),
      join(onlyKubectl, 'kubectl'),
    );
    process.env['PATH'] = onlyKubectl;
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message:
        'credential plugin "gke-gcloud-auth-plugin" failed: not found: Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin',
    });
    const k = await kubectlPods(file, { PATH: onlyKubectl });
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain('Install gke-gcloud-auth-plugin for use with kubectl');
  });

  it('AKS: kubelogin get-token (env: null)', async () => {
    await bothList(fixture('aks.yaml'), withPlugins());
  });
});

describe('client certificates', () => {
  it('kind: CA and kubeadm’s admin certificate inline', async () => {
    const pair = await signClientCertificate(demo.ca, 'kubernetes-admin', ['system:masters']);
    await bothList(
      fixture('kind.yaml', { CLIENT_CERT_DATA: b64(pair.cert), CLIENT_KEY_DATA: b64(pair.key) }),
    );
  });

  it('minikube: CA and client certificate as files relative to the kubeconfig, with extensions', async () => {
    const file = fixture('minikube.yaml');
    const home = join(dir, 'minikube');
    const pair = await signClientCertificate(demo.ca, 'minikube-user', ['system:masters']);
    writeText(join(home, '.minikube', 'ca.crt'), demo.caCert);
    writeText(join(home, '.minikube', 'profiles', 'minikube', 'client.crt'), pair.cert);
    writeText(join(home, '.minikube', 'profiles', 'minikube', 'client.key'), pair.key);
    await bothList(file);
  });
});

describe('tokens and basic auth', () => {
  it('k3s: basic auth (default context) and a token (token context)', async () => {
    demo.authenticator.addBasicUser('admin', 'k3s-generated-password', admin('admin'));
    demo.authenticator.addToken('K10abcdef::server:123456', admin('k3s-token-user'));
    const file = fixture('k3s.yaml', {
      PASSWORD: 'k3s-generated-password',
      TOKEN: 'K10abcdef::server:123456',
    });
    await bothList(file);
    const text = readFileSync(file, 'utf8').replace('current-context: default', 'current-context: token');
    await bothList(writeText(join(dir, 'k3s-token', 'config'), text));
  });

  it('OpenShift: an oc login token', async () => {
    demo.authenticator.addToken('sha256~Q2xpZW50LWdvLXRva2VuLWZvci10ZXN0cw', admin('kubeadmin'));
    await bothList(fixture('openshift.yaml', { TOKEN: 'sha256~Q2xpZW50LWdvLXRva2VuLWZvci10ZXN0cw' }));
  });
});
