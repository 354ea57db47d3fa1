/**
 * Exec credential plugins, run for real (test/kube/credentials/plugins/credential-plugin.mjs is a process like aws
 * or kubelogin), end to end over TLS against the demo, with kubectl on the same kubeconfig as the referee.
 */
import { existsSync, fstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import { signClientCertificate } from '../../../src/demo/tls.js';
import { loadKubeConfig } from '../../../src/kube/connect.js';
import { getJson } from '../../../src/kube/request.js';
import { watchOnce } from '../../../src/kube/watchOnce.js';
import { KubeHttpError, oneLine } from '../../../src/kube/errors.js';
import { waitFor } from '../../support/waitFor.js';
import {
  admin,
  demoPods,
  kubeconfigFor,
  kubectlPods,
  PLUGINS,
  podscopePods,
  startDemo,
  tempDir,
  writeText,
  writeYaml,
} from './support.js';

const PLUGIN = join(PLUGINS, 'credential-plugin.mjs');
const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

let demo: DemoServer;
let dir: string;
let n = 0;

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('exec');
  demo.authenticator.addToken('plugin-token', admin('plugin-user'));
});
afterAll(() => demo.close());

interface Run {
  args: string[];
  info: {
    apiVersion: string;
    kind: string;
    spec: { interactive: boolean; cluster?: Record<string, unknown> };
  };
  env: { TEST_PLUGIN_ENV?: string };
  stderrIno: number;
}

/** A kubeconfig whose user runs the plugin with `args`; returns the file and the plugin's run log. */
function withPlugin(
  exec: Record<string, unknown>,
  args: string[],
): { file: string; log: string; runs: () => Run[] } {
  const name = `plugin-${++n}`;
  const log = join(dir, `${name}.log`);
  const file = writeYaml(
    join(dir, `${name}.yaml`),
    kubeconfigFor(demo, { user: { exec: { command: PLUGIN, args: [...args, '--log', log], ...exec } } }),
  );
  const runs = (): Run[] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Run)
      : [];
  return { file, log, runs };
}

function failed(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

describe('exec plugins, v1 and v1beta1', () => {
  it('v1: args and env reach the plugin, its token is used; kubectl agrees', async () => {
    const p = withPlugin(
      {
        apiVersion: V1,
        interactiveMode: 'Never',
        env: [{ name: 'TEST_PLUGIN_ENV', value: 'from-kubeconfig' }],
      },
      ['--token', 'plugin-token'],
    );
    expect(await podscopePods(p.file)).toEqual({ ok: true, pods: demoPods(demo) });
    const run = p.runs()[0]!;
    expect(run.args.slice(0, 2)).toEqual(['--token', 'plugin-token']);
    expect(run.env.TEST_PLUGIN_ENV).toBe('from-kubeconfig');
    expect(run.info).toEqual({ apiVersion: V1, kind: 'ExecCredential', spec: { interactive: false } });
    expect((await kubectlPods(p.file)).pods).toEqual(demoPods(demo));
  });

  it('v1beta1, with no interactiveMode (IfAvailable by default)', async () => {
    const p = withPlugin({ apiVersion: V1BETA1 }, ['--token', 'plugin-token']);
    expect(await podscopePods(p.file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.runs()[0]!.info.apiVersion).toBe(V1BETA1);
    expect((await kubectlPods(p.file)).pods).toEqual(demoPods(demo));
  });

  it('v1 without interactiveMode is refused by both, as clientcmd validates it', async () => {
    const p = withPlugin({ apiVersion: V1 }, ['--token', 'plugin-token']);
    const k = await kubectlPods(p.file);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain(
      'interactiveMode must be specified for tester to use exec authentication plugin',
    );
    expect(await podscopePods(p.file)).toEqual(
      failed(
        `credential plugin "${PLUGIN}" failed: interactiveMode must be specified for tester to use exec authentication plugin`,
      ),
    );
    expect(p.runs()).toEqual([]);
  });

  it('an apiVersion client-go no longer knows (v1alpha1) fails in one line', async () => {
    const p = withPlugin({ apiVersion: 'client.authentication.k8s.io/v1alpha1' }, [
      '--token',
      'plugin-token',
    ]);
    expect(await podscopePods(p.file)).toEqual(
      failed(
        `credential plugin "${PLUGIN}" failed: exec plugin: invalid apiVersion "client.authentication.k8s.io/v1alpha1"`,
      ),
    );
    expect((await kubectlPods(p.file)).code).not.toBe(0);
  });

  it('a plugin answering another apiVersion than asked fails, as in client-go', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, [
      '--token',
      'plugin-token',
      '--api-version',
      V1BETA1,
    ]);
    expect(await podscopePods(p.file)).toEqual(
      failed(
        `credential plugin "${PLUGIN}" failed: exec plugin is configured to use API version ${V1}, plugin returned version ${V1BETA1}`,
      ),
    );
    expect((await kubectlPods(p.file)).code).not.toBe(0);
  });
});

describe('interactiveMode: podscope keeps the terminal', () => {
  it('IfAvailable runs the plugin without the terminal (spec.interactive false)', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'IfAvailable' }, ['--token', 'plugin-token']);
    expect(await podscopePods(p.file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.runs()[0]!.info.spec.interactive).toBe(false);
  });

  it('Always fails in one line without running it; kubectl without a terminal fails too', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Always' }, ['--token', 'plugin-token']);
    expect(await podscopePods(p.file)).toEqual(
      failed(
        `credential plugin "${PLUGIN}" failed: exec plugin cannot support interactive mode: standard input is unavailable: podscope runs full-screen and keeps the terminal`,
      ),
    );
    expect(p.runs()).toEqual([]);
    const k = await kubectlPods(p.file);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain('exec plugin cannot support interactive mode');
  });
});

describe('provideClusterInfo', () => {
  it('gives the plugin the cluster in KUBERNETES_EXEC_INFO, CA included', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never', provideClusterInfo: true }, [
      '--token',
      'plugin-token',
    ]);
    expect(await podscopePods(p.file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect(p.runs()[0]!.info.spec.cluster).toEqual({
      server: demo.url,
      'certificate-authority-data': Buffer.from(demo.caCert).toString('base64'),
    });
    await kubectlPods(p.file);
    // kubectl's run is the referee of the shape.
    expect(p.runs()[1]!.info.spec.cluster).toMatchObject(p.runs()[0]!.info.spec.cluster!);
  });

  it('without it, no cluster', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, ['--token', 'plugin-token']);
    await podscopePods(p.file);
    expect(p.runs()[0]!.info.spec.cluster).toBeUndefined();
  });
});

describe('failures are one line; the plugin’s stderr never reaches the screen', () => {
  it('a missing plugin shows its installHint', async () => {
    const file = writeYaml(
      join(dir, 'missing.yaml'),
      kubeconfigFor(demo, {
        user: {
          exec: {
            apiVersion: V1BETA1,
            command: 'podscope-test-no-such-plugin',
            installHint: 'Install it with:\n  brew install podscope-test-no-such-plugin\n',
          },
        },
      }),
    );
    expect(await podscopePods(file)).toEqual(
      failed(
        'credential plugin "podscope-test-no-such-plugin" failed: not found: Install it with: brew install podscope-test-no-such-plugin',
      ),
    );
    const k = await kubectlPods(file);
    expect(k.stderr).toContain('brew install podscope-test-no-such-plugin');
  });

  it('a failing plugin: its last line of stderr, and its stderr is a pipe of its own', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, [
      '--fail',
      'error: SSO session expired, run aws sso login',
    ]);
    expect(await podscopePods(p.file)).toEqual(
      failed(`credential plugin "${PLUGIN}" failed: error: SSO session expired, run aws sso login`),
    );
    // Inherited, the plugin's fd 2 would be this process's stderr.
    expect(p.runs()[0]!.stderrIno).not.toBe(fstatSync(2).ino);
  });

  it.each([
    [
      'gke-gcloud-auth-plugin-no-account.txt',
      1,
      'print credential failed with error: Failed to retrieve access token:: failure while executing gcloud, with args [config config-helper --format=json]: exit status 1 (err: ERROR: (gcloud.config.config-helper) You do not currently have an active account selected. Please run: $ gcloud auth login to obtain new credentials. If you have already logged in with a different account, run: $ gcloud config set account ACCOUNT to select an already authenticated account to use. )',
    ],
    [
      'aws-eks-get-token-no-credentials.txt',
      255,
      'Unable to locate credentials. You can configure credentials by running "aws configure".',
    ],
    ['aws-eks-get-token-no-profile.txt', 255, 'The config profile (my-profile) could not be found'],
  ])('a real plugin’s failure (%s, recorded): its message in one line', async (recorded, code, message) => {
    const stderr = join(
      import.meta.dirname,
      '..',
      '..',
      'fixtures',
      'kubeconfigs',
      'plugin-stderr',
      recorded,
    );
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, [
      '--replay-stderr',
      stderr,
      '--exit',
      String(code),
    ]);
    // Cut at 300 characters, as every failure line is (errors.ts oneLine).
    expect(await podscopePods(p.file)).toEqual(
      failed(oneLine(`credential plugin "${PLUGIN}" failed: ${message}`)),
    );
  });

  it('a plugin that returns no credential', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, []);
    expect(await podscopePods(p.file)).toEqual(
      failed(`credential plugin "${PLUGIN}" failed: exec plugin didn't return a token or cert/key pair`),
    );
    const k = await kubectlPods(p.file);
    expect(k.stderr).toContain("exec plugin didn't return a token or cert/key pair");
  });
});

describe('a client certificate from the plugin', () => {
  it('is used as the TLS client certificate', async () => {
    const pair = await signClientCertificate(demo.ca, 'plugin-cert-user', ['system:masters']);
    const cert = writeText(join(dir, 'plugin-client.crt'), pair.cert);
    const key = writeText(join(dir, 'plugin-client.key'), pair.key);
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, ['--cert', cert, '--key', key]);
    expect(await podscopePods(p.file)).toEqual({ ok: true, pods: demoPods(demo) });
    expect((await kubectlPods(p.file)).pods).toEqual(demoPods(demo));
  });
});

describe('expiry and renewal', () => {
  it('runs once while the credential has no expiry, however many requests', async () => {
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, ['--token', 'plugin-token']);
    const { kc } = loadKubeConfig({ kubeconfig: p.file, env: {} });
    for (let i = 0; i < 5; i++) await getJson(kc, '/api/v1/namespaces/default/pods');
    expect(p.runs()).toHaveLength(1);
  });

  it('runs again before expirationTimestamp, so requests never carry an expired token', async () => {
    // Valid 4 s: renewed from 2 s on (half its life), never used past its expiry.
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, [
      '--token',
      'plugin-token',
      '--expires-in',
      '4',
    ]);
    const { kc } = loadKubeConfig({ kubeconfig: p.file, env: {} });
    await getJson(kc, '/api/v1/namespaces/default/pods');
    expect(p.runs()).toHaveLength(1);
    await waitFor(
      async () => {
        await getJson(kc, '/api/v1/namespaces/default/pods');
        return p.runs().length >= 2;
      },
      'a second run before the first credential expires',
      10_000,
    );
  });

  it('runs again once on a 401 and retries the request with the new token', async () => {
    demo.authenticator.addToken('rotated-a', admin('rotated-user'));
    const source = writeText(join(dir, 'rotated-token'), 'rotated-a');
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, ['--token-file', source]);
    const { kc } = loadKubeConfig({ kubeconfig: p.file, env: {} });
    await getJson(kc, '/api/v1/namespaces/default/pods');
    // The identity provider revokes the token before its time (the credential had no expiry).
    demo.authenticator.removeToken('rotated-a');
    demo.authenticator.addToken('rotated-b', admin('rotated-user'));
    writeText(source, 'rotated-b');
    await expect(getJson(kc, '/api/v1/namespaces/default/pods')).resolves.toBeTruthy();
    expect(p.runs()).toHaveLength(2);
  });

  it('a watch answered 401 runs the plugin again and opens with the new token', async () => {
    demo.authenticator.addToken('watch-a', admin('watch-user'));
    const source = writeText(join(dir, 'watch-token'), 'watch-a');
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, ['--token-file', source]);
    const { kc } = loadKubeConfig({ kubeconfig: p.file, env: {} });
    await getJson(kc, '/api/v1/namespaces/default/pods');
    demo.authenticator.removeToken('watch-a');
    demo.authenticator.addToken('watch-b', admin('watch-user'));
    writeText(source, 'watch-b');
    const controller = new AbortController();
    let opened = false;
    const end = watchOnce(
      kc,
      '/api/v1/namespaces/default/pods',
      { resourceVersion: '0', timeoutSeconds: 5 },
      { onOpen: () => (opened = true), onEvent: () => undefined },
      controller.signal,
    );
    await waitFor(() => opened, 'the watch to open');
    controller.abort();
    expect(await end).toEqual({ kind: 'aborted' });
    expect(p.runs()).toHaveLength(2);
  });

  it('a plugin whose new token is refused too: one renewal per request, then the 401', async () => {
    demo.authenticator.addToken('soon-revoked', admin('revoked-user'));
    const p = withPlugin({ apiVersion: V1, interactiveMode: 'Never' }, ['--token', 'soon-revoked']);
    const { kc } = loadKubeConfig({ kubeconfig: p.file, env: {} });
    await getJson(kc, '/api/v1/namespaces/default/pods');
    demo.authenticator.removeToken('soon-revoked');
    const err = await getJson(kc, '/api/v1/namespaces/default/pods').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeHttpError);
    expect((err as KubeHttpError).status).toBe(401);
    expect(p.runs()).toHaveLength(2);
  });
});
