/**
 * Bearer tokens and basic auth, end to end over TLS against the demo, with kubectl on the same kubeconfig as the
 * referee: `token`, `tokenFile` (kubectl's field, relative to the kubeconfig's folder, read again when it
 * rotates), `username`/`password`, and the combinations kubectl refuses.
 */
import { renameSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import { checkConnection, loadKubeConfig } from '../../../src/kube/connect.js';
import { getJson } from '../../../src/kube/request.js';
import {
  admin,
  demoPods,
  kubeconfigFor,
  kubectlPods,
  kubectlPodsWithEnv,
  podscopePods,
  startDemo,
  tempDir,
  writeText,
  writeYaml,
} from './support.js';

let demo: DemoServer;
/** What a request the server authenticates as nobody gets when listing pods. */
const ANONYMOUS_PODS =
  'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default" ' +
  "(the server accepted none of the kubeconfig's credentials: you are system:anonymous)";
let dir: string;

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('tokens');
});
afterAll(() => demo.close());

describe('token', () => {
  it('is sent as a bearer token: podscope and kubectl both list the pods', async () => {
    demo.authenticator.addToken('static-token-1', admin('static-user'));
    const file = writeYaml(
      join(dir, 'token.yaml'),
      kubeconfigFor(demo, { user: { token: 'static-token-1' } }),
    );
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
  });

  it('an unknown token is refused by both, podscope in one line', async () => {
    const file = writeYaml(
      join(dir, 'bad-token.yaml'),
      kubeconfigFor(demo, { user: { token: 'nobody-has-this' } }),
    );
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message: `the server at ${demo.url} refused the credentials (401 Unauthorized)`,
    });
    const k = await kubectlPods(file);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain('error: You must be logged in to the server');
  });
});

describe('tokenFile', () => {
  it('reads the file relative to the kubeconfig folder, as kubectl does (not the working directory)', async () => {
    demo.authenticator.addToken('file-token-1', admin('file-user'));
    const sub = join(dir, 'relative');
    writeText(join(sub, 'secrets', 'token'), 'file-token-1\n');
    const file = writeYaml(
      join(sub, 'config.yaml'),
      kubeconfigFor(demo, { user: { tokenFile: 'secrets/token' } }),
    );
    expect(process.cwd()).not.toBe(sub);
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
  });

  it('in a KUBECONFIG of several files, relative to the folder of the file that defines the user', async () => {
    demo.authenticator.addToken('merged-token', admin('merged-user'));
    const doc = kubeconfigFor(demo, { user: { tokenFile: 'token' } });
    // The first file has the cluster, the context and current-context; the second, in another folder, the user.
    const first = writeYaml(join(dir, 'merge-a', 'config'), { ...doc, users: [] });
    writeText(join(dir, 'merge-b', 'token'), 'merged-token');
    const second = writeYaml(join(dir, 'merge-b', 'config'), {
      apiVersion: 'v1',
      kind: 'Config',
      users: doc['users'],
    });
    const env = { KUBECONFIG: `${first}${delimiter}${second}`, HOME: '/nonexistent-home' };
    const loaded = loadKubeConfig({ env });
    await checkConnection(loaded.kc, loaded.namespace);
    expect((await kubectlPodsWithEnv(env)).pods).toEqual(demoPods(demo));
  });

  it('takes an absolute path too', async () => {
    const token = writeText(join(dir, 'abs-token'), 'file-token-1');
    const file = writeYaml(join(dir, 'abs.yaml'), kubeconfigFor(demo, { user: { tokenFile: token } }));
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
  });

  it('is read again when the file changes: a rotated token is used at once', async () => {
    demo.authenticator.addToken('rotating-1', admin('rotating-user'));
    const token = writeText(join(dir, 'rotating', 'token'), 'rotating-1');
    const file = writeYaml(
      join(dir, 'rotating', 'config.yaml'),
      kubeconfigFor(demo, { user: { tokenFile: 'token' } }),
    );
    const { kc } = loadKubeConfig({ kubeconfig: file, env: {} });
    await getJson(kc, '/api/v1/namespaces/default/pods');
    // The kubelet rotates a projected token by writing a new file and renaming it over the old one.
    demo.authenticator.removeToken('rotating-1');
    demo.authenticator.addToken('rotating-2', admin('rotating-user'));
    writeText(`${token}.new`, 'rotating-2');
    renameSync(`${token}.new`, token);
    await expect(getJson(kc, '/api/v1/namespaces/default/pods')).resolves.toBeTruthy();
  });

  it('a missing file is one line naming it', async () => {
    const file = writeYaml(
      join(dir, 'missing.yaml'),
      kubeconfigFor(demo, { user: { tokenFile: 'no-such-token' } }),
    );
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message: `cannot load the credentials: cannot read tokenFile ${join(dir, 'no-such-token')}: no such file`,
    });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });

  it('client-node’s `token-file` spelling is ignored, as kubectl ignores it', async () => {
    const file = writeYaml(
      join(dir, 'dashed.yaml'),
      kubeconfigFor(demo, { user: { 'token-file': join(dir, 'abs-token') } }),
    );
    const podscope = await podscopePods(file);
    const k = await kubectlPods(file);
    // No credentials at all: the anonymous user, refused the pods by both.
    expect(podscope).toEqual({ ok: false, message: ANONYMOUS_PODS });
    expect(k.code).not.toBe(0);
  });
});

describe('username and password (basic auth)', () => {
  it('are sent as HTTP basic auth to a server that takes them', async () => {
    demo.authenticator.addBasicUser('k3s-admin', 's3cr3t:with:colons', admin('k3s-admin'));
    const file = writeYaml(
      join(dir, 'basic.yaml'),
      kubeconfigFor(demo, { user: { username: 'k3s-admin', password: 's3cr3t:with:colons' } }),
    );
    expect(await podscopePods(file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(file)).pods).toEqual(demoPods(demo));
  });

  it('a wrong password is refused by both', async () => {
    const file = writeYaml(
      join(dir, 'basic-wrong.yaml'),
      kubeconfigFor(demo, { user: { username: 'k3s-admin', password: 'wrong' } }),
    );
    // Not a 401: a password the server doesn't take is no credential at all, so the request is system:anonymous
    // (kube-apiserver's --anonymous-auth, on by default; test/real/anonymous.test.ts holds the demo to it).
    expect(await podscopePods(file)).toEqual({ ok: false, message: ANONYMOUS_PODS });
    expect((await kubectlPods(file)).code).not.toBe(0);
  });

  it('with a token as well is refused before any request, as kubectl refuses it', async () => {
    const file = writeYaml(
      join(dir, 'basic-and-token.yaml'),
      kubeconfigFor(demo, {
        user: { username: 'k3s-admin', password: 's3cr3t:with:colons', token: 'static-token-1' },
      }),
    );
    const k = await kubectlPods(file);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain('more than one authentication method found for tester');
    expect(await podscopePods(file)).toEqual({
      ok: false,
      message:
        'cannot load the credentials: more than one authentication method found for tester; found [token basicAuth], only one is allowed',
    });
  });
});
