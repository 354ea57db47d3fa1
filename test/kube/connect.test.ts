/**
 * loadKubeConfig finds and merges kubeconfigs as kubectl does, and checkConnection proves the cluster answers;
 * every failure is one line naming what is wrong.
 */
import { chmodSync, fstatSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, ConnectError, loadKubeConfig } from '../../src/kube/connect.js';
import type { KubeConfigLike } from '../../src/kube/plainKubeConfig.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { kubeConfigWith } from './support/podStoreHelpers.js';
import { startStubServer, status } from './support/stubServer.js';

let t: TestCluster;
let dir: string;
const EMPTY_HOME = { HOME: '/nonexistent-home' };

beforeAll(async () => {
  t = await startTestCluster({ pods: 50 });
  dir = mkdtempSync(join(tmpdir(), 'podscope-connect-'));
});
afterAll(async () => {
  await t.demo.close();
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

interface Ctx {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

/** A kubeconfig YAML with the given clusters, users (token or exec), contexts and current context. */
function kubeconfig(p: {
  clusters: { name: string; server: string; ca?: string; caFile?: string }[];
  users: { name: string; token?: string; exec?: { command: string; args: string[] } }[];
  contexts: Ctx[];
  current?: string;
}): string {
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const c of p.clusters) {
    lines.push(`- name: ${c.name}`, '  cluster:', `    server: ${c.server}`);
    if (c.ca) lines.push(`    certificate-authority-data: ${Buffer.from(c.ca).toString('base64')}`);
    if (c.caFile) lines.push(`    certificate-authority: ${c.caFile}`);
  }
  lines.push('users:');
  for (const u of p.users) {
    lines.push(`- name: ${u.name}`, '  user:');
    if (u.token) lines.push(`    token: ${u.token}`);
    if (u.exec) {
      lines.push(
        '    exec:',
        '      apiVersion: client.authentication.k8s.io/v1',
        '      interactiveMode: Never',
        `      command: ${JSON.stringify(u.exec.command)}`,
        `      args: ${JSON.stringify(u.exec.args)}`,
      );
    }
  }
  lines.push('contexts:');
  for (const c of p.contexts) {
    lines.push(`- name: ${c.name}`, '  context:', `    cluster: ${c.cluster}`, `    user: ${c.user}`);
    if (c.namespace) lines.push(`    namespace: ${c.namespace}`);
  }
  if (p.current) lines.push(`current-context: ${p.current}`);
  return lines.join('\n') + '\n';
}

function demoKubeconfig(extra: Partial<Parameters<typeof kubeconfig>[0]> = {}): string {
  return kubeconfig({
    clusters: [{ name: 'demo', server: t.demo.url, ca: t.demo.caCert }],
    users: [{ name: 'demo', token: t.demo.token }],
    contexts: [{ name: 'demo', cluster: 'demo', user: 'demo' }],
    current: 'demo',
    ...extra,
  });
}

function loadError(opts: Parameters<typeof loadKubeConfig>[0]): string {
  try {
    loadKubeConfig(opts);
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('loadKubeConfig did not fail');
}

async function checkError(loaded: { kc: KubeConfigLike }, namespace: string | undefined): Promise<string> {
  const e = await checkConnection(loaded.kc, namespace).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConnectError);
  const message = (e as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return typeof a === 'object' && a ? a.port : 1;
}

describe('loadKubeConfig', () => {
  it('loads --kubeconfig, with the current context and its namespace ("default" when unset)', async () => {
    const file = write('one.yaml', demoKubeconfig());
    const loaded = loadKubeConfig({ kubeconfig: file, env: EMPTY_HOME });
    expect(loaded).toMatchObject({
      contextName: 'demo',
      clusterName: 'demo',
      namespace: 'default',
      server: t.demo.url,
      files: [file],
    });
    await checkConnection(loaded.kc, loaded.namespace);
    await checkConnection(loaded.kc, undefined);
  });

  it('merges every file in KUBECONFIG, the first to define a name or current-context winning', () => {
    const a = write(
      'a.yaml',
      demoKubeconfig({
        contexts: [{ name: 'demo', cluster: 'demo', user: 'demo', namespace: 'team-01' }],
      }),
    );
    const b = write(
      'b.yaml',
      kubeconfig({
        clusters: [
          { name: 'demo', server: 'https://shadowed.example:6443' },
          { name: 'prod', server: 'https://prod.example:6443' },
        ],
        users: [{ name: 'ops', token: 'x' }],
        contexts: [{ name: 'prod', cluster: 'prod', user: 'ops', namespace: 'shop' }],
        current: 'prod',
      }),
    );
    const env = { ...EMPTY_HOME, KUBECONFIG: [join(dir, 'missing.yaml'), a, '', b].join(delimiter) };
    const loaded = loadKubeConfig({ env });
    expect(loaded).toMatchObject({
      contextName: 'demo',
      namespace: 'team-01',
      server: t.demo.url,
      files: [a, b],
    });
    expect(loaded.kc.getContexts().map((c) => c.name)).toEqual(['demo', 'prod']);
    const prod = loadKubeConfig({ env, context: 'prod' });
    expect(prod).toMatchObject({
      contextName: 'prod',
      clusterName: 'prod',
      namespace: 'shop',
      server: 'https://prod.example:6443',
    });
    expect(prod.kc.getCurrentContext()).toBe('prod');
  });

  it('falls back to ~/.kube/config', () => {
    const home = mkdtempSync(join(tmpdir(), 'podscope-home-'));
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), demoKubeconfig());
    expect(loadKubeConfig({ env: { HOME: home } }).files).toEqual([join(home, '.kube', 'config')]);
  });

  it('resolves a relative certificate-authority against the kubeconfig folder', async () => {
    const sub = join(dir, 'rel');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'ca.crt'), t.demo.caCert);
    writeFileSync(
      join(sub, 'config'),
      demoKubeconfig({ clusters: [{ name: 'demo', server: t.demo.url, caFile: 'ca.crt' }] }),
    );
    const loaded = loadKubeConfig({ kubeconfig: join(sub, 'config'), env: EMPTY_HOME });
    await checkConnection(loaded.kc, 'default');
  });

  it('uses the pod service account in a cluster', async () => {
    const sa = join(dir, 'serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), t.demo.token);
    writeFileSync(join(sa, 'ca.crt'), t.demo.caCert);
    writeFileSync(join(sa, 'namespace'), 'team-01\n');
    const env = {
      ...EMPTY_HOME,
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(t.demo.port),
    };
    const loaded = loadKubeConfig({ env, serviceAccountDir: sa });
    expect(loaded).toMatchObject({ namespace: 'team-01', server: t.demo.url, files: [] });
    await checkConnection(loaded.kc, loaded.namespace);
  });

  it('says when there is no kubeconfig at all', () => {
    expect(loadError({ env: EMPTY_HOME, serviceAccountDir: join(dir, 'none') })).toBe(
      'no kubeconfig found: set KUBECONFIG, pass --kubeconfig FILE, or create ~/.kube/config (or try --demo)',
    );
    expect(loadError({ env: { ...EMPTY_HOME, KUBECONFIG: join(dir, 'nope.yaml') } })).toBe(
      `no kubeconfig found: none of the files in KUBECONFIG exist (${join(dir, 'nope.yaml')})`,
    );
  });

  it('names a missing or unreadable --kubeconfig file', () => {
    const missing = join(dir, 'missing.yaml');
    expect(loadError({ kubeconfig: missing, env: EMPTY_HOME })).toBe(
      `cannot read kubeconfig ${missing}: no such file`,
    );
    expect(loadError({ kubeconfig: dir, env: EMPTY_HOME })).toBe(
      `cannot read kubeconfig ${dir}: it is a directory`,
    );
    if (process.getuid?.() !== 0) {
      const locked = write('locked.yaml', demoKubeconfig());
      chmodSync(locked, 0o000);
      expect(loadError({ kubeconfig: locked, env: EMPTY_HOME })).toBe(
        `cannot read kubeconfig ${locked}: permission denied`,
      );
    }
  });

  it('names an invalid file, with the line for YAML errors', () => {
    const bad = write('bad.yaml', 'apiVersion: v1\nclusters:\n  - name: x\n   cluster: [\n');
    expect(loadError({ kubeconfig: bad, env: EMPTY_HOME })).toMatch(
      new RegExp(`^kubeconfig ${bad} is not valid YAML: .+ at line \\d+$`),
    );
    const noServer = write('noserver.yaml', 'clusters:\n- name: x\n  cluster: {}\n');
    expect(loadError({ kubeconfig: noServer, env: EMPTY_HOME })).toBe(
      `kubeconfig ${noServer} is invalid: clusters[0].cluster.server is missing`,
    );
  });

  it('lists the available contexts for an unknown or missing one', () => {
    const file = write(
      'two.yaml',
      demoKubeconfig({
        contexts: [
          { name: 'demo', cluster: 'demo', user: 'demo' },
          { name: 'staging', cluster: 'demo', user: 'demo' },
        ],
      }),
    );
    expect(loadError({ kubeconfig: file, context: 'x', env: EMPTY_HOME })).toBe(
      'unknown context "x" (available: demo, staging)',
    );
    const noCurrent = write('nocurrent.yaml', demoKubeconfig({ current: undefined }));
    expect(loadError({ kubeconfig: noCurrent, env: EMPTY_HOME })).toBe(
      'the kubeconfig sets no current context: pass --context (available: demo)',
    );
    const dangling = write(
      'dangling.yaml',
      demoKubeconfig({ contexts: [{ name: 'demo', cluster: 'gone', user: 'demo' }] }),
    );
    expect(loadError({ kubeconfig: dangling, env: EMPTY_HOME })).toBe(
      'context "demo" refers to cluster "gone", which the kubeconfig does not define',
    );
  });
});

describe('checkConnection', () => {
  it('names the server when nothing listens there', async () => {
    const url = `https://127.0.0.1:${await closedPort()}`;
    expect(await checkError({ kc: kubeConfigWith(t.demo, { server: url }) }, 'default')).toBe(
      `cannot reach the Kubernetes API server at ${url}: connection refused`,
    );
  });

  it('names a host that does not resolve', async () => {
    const url = 'https://no-such-host.invalid:6443';
    expect(await checkError({ kc: kubeConfigWith(t.demo, { server: url }) }, 'default')).toBe(
      `cannot reach the Kubernetes API server at ${url}: no such host "no-such-host.invalid"`,
    );
  });

  it('says the credentials were refused on 401', async () => {
    expect(await checkError({ kc: kubeConfigWith(t.demo, { token: 'wrong' }) }, 'default')).toBe(
      `the server at ${t.demo.url} refused the credentials (401 Unauthorized)`,
    );
  });

  it('says what is forbidden on 403, in the server words or its own', async () => {
    const message =
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"';
    const worded = await startStubServer(403, status(403, 'Forbidden', message));
    const bare = await startStubServer(403, { not: 'a status' });
    try {
      expect(await checkError(worded, 'default')).toBe(message);
      expect(await checkError(bare, 'shop')).toBe('forbidden: not allowed to list pods in namespace "shop"');
      expect(await checkError(bare, undefined)).toBe('forbidden: not allowed to list pods in all namespaces');
      expect(worded.requests).toEqual(['/api/v1/namespaces/default/pods?limit=1']);
    } finally {
      await worded.close();
      await bare.close();
    }
  });

  it('reports a server certificate the kubeconfig does not trust as a TLS failure', async () => {
    const file = write('noca.yaml', demoKubeconfig({ clusters: [{ name: 'demo', server: t.demo.url }] }));
    const message = await checkError(loadKubeConfig({ kubeconfig: file, env: EMPTY_HOME }), 'default');
    expect(message).toMatch(
      new RegExp(
        `^TLS with ${t.demo.url} failed: .*certificate.* \\(check the cluster's certificate-authority in the kubeconfig\\)$`,
      ),
    );
  });
});

describe('exec credential plugins', () => {
  /** A plugin that chats on stderr, notes which file its stderr is, and prints a credential (or fails). */
  function plugin(name: string, fail: boolean): string {
    const inoFile = join(dir, `${name}.stderr-ino`);
    const script = [
      `#!${process.execPath}`,
      "import { fstatSync, writeFileSync } from 'node:fs';",
      `writeFileSync(${JSON.stringify(inoFile)}, String(fstatSync(2).ino));`,
      "process.stderr.write('PLUGIN-NOISE: opening browser for login...\\n');",
      fail
        ? "process.stderr.write('Usage: plugin [flags]\\n\\nerror: not logged in, run: plugin login\\n'); process.exit(1);"
        : `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(t.demo.token)} } }));`,
    ].join('\n');
    const file = write(`${name}.mjs`, script);
    chmodSync(file, 0o700);
    return inoFile;
  }

  it('runs the plugin with its stderr captured, never on the terminal', async () => {
    const inoFile = plugin('good-plugin', false);
    const file = write(
      'exec.yaml',
      demoKubeconfig({ users: [{ name: 'demo', exec: { command: './good-plugin.mjs', args: [] } }] }),
    );
    const loaded = loadKubeConfig({ kubeconfig: file, env: EMPTY_HOME });
    await checkConnection(loaded.kc, 'default');
    // The plugin's fd 2 is a pipe of its own, not this process's stderr (which it would share if inherited).
    expect(Number(readFileSync(inoFile, 'utf8'))).not.toBe(fstatSync(2).ino);
  });

  it('reports a failing plugin with the last line of its stderr', async () => {
    plugin('bad-plugin', true);
    const command = join(dir, 'bad-plugin.mjs');
    const file = write(
      'exec-bad.yaml',
      demoKubeconfig({ users: [{ name: 'demo', exec: { command, args: [] } }] }),
    );
    expect(await checkError(loadKubeConfig({ kubeconfig: file, env: EMPTY_HOME }), 'default')).toBe(
      `credential plugin "${command}" failed: error: not logged in, run: plugin login`,
    );
  });

  it('reports a plugin that is not installed', async () => {
    const file = write(
      'exec-missing.yaml',
      demoKubeconfig({ users: [{ name: 'demo', exec: { command: 'podscope-no-such-plugin', args: [] } }] }),
    );
    expect(await checkError(loadKubeConfig({ kubeconfig: file, env: EMPTY_HOME }), 'default')).toBe(
      'credential plugin "podscope-no-such-plugin" failed: not found (is it installed and on PATH?)',
    );
  });
});
