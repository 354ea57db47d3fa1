/**
 * Shared by the credential suites: a demo cluster with a few pods, kubeconfigs written to a folder of their own,
 * podscope's connection (load, check, list) and kubectl's `get pods` on the same file, and users the demo accepts.
 * Test users are in system:masters, so they may list pods whatever authorization the demo enforces.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFile } from 'node:child_process';
import { dump } from 'js-yaml';
import { authenticatedUser, type UserInfo } from '../../../src/demo/auth/userInfo.js';
import type { DemoServer } from '../../../src/demo/server.js';
import { startDemoCluster } from '../../../src/demo/server.js';
import { PODS } from '../../../src/demo/store/resourceTypes.js';
import { checkConnection, ConnectError, loadKubeConfig } from '../../../src/kube/connect.js';
import { getJson } from '../../../src/kube/request.js';
import { waitFor } from '../../support/waitFor.js';

export const PLUGINS = join(import.meta.dirname, 'plugins');

/** A user allowed everything (RBAC's superuser group). */
export function admin(name: string): UserInfo {
  return authenticatedUser(name, ['system:masters']);
}

export async function startDemo(pods = 6): Promise<DemoServer> {
  return startDemoCluster({ seed: 7, pods });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `podscope-${prefix}-`));
}

/** Writes `doc` as YAML at `file` (its folder made), returning the path. */
export function writeYaml(file: string, doc: unknown): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof doc === 'string' ? doc : dump(doc), { mode: 0o600 });
  return file;
}

export function writeText(file: string, text: string, mode = 0o600): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { mode });
  return file;
}

export interface Parts {
  cluster?: Record<string, unknown>;
  user: Record<string, unknown>;
  namespace?: string;
}

/** A one-context kubeconfig for the demo: its server and CA unless `cluster` says otherwise. */
export function kubeconfigFor(demo: DemoServer, p: Parts): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'demo',
        cluster: p.cluster ?? {
          server: demo.url,
          'certificate-authority-data': Buffer.from(demo.caCert).toString('base64'),
        },
      },
    ],
    users: [{ name: 'tester', user: p.user }],
    contexts: [
      { name: 'demo', context: { cluster: 'demo', user: 'tester', namespace: p.namespace ?? 'default' } },
    ],
    'current-context': 'demo',
  };
}

export type Outcome = { ok: true; pods: string[] } | { ok: false; message: string };

/**
 * What podscope shows for `file`: the pods of the context's namespace, or its one-line message (connect's check,
 * as at start-up).
 */
export async function podscopePods(file: string): Promise<Outcome> {
  try {
    const loaded = loadKubeConfig({ kubeconfig: file, env: { HOME: '/nonexistent-home' } });
    await checkConnection(loaded.kc, loaded.namespace);
    const list = (await getJson(loaded.kc, `/api/v1/namespaces/${loaded.namespace}/pods`)) as {
      items: { metadata: { name: string } }[];
    };
    return { ok: true, pods: list.items.map((p) => p.metadata.name).sort() };
  } catch (e) {
    if (!(e instanceof ConnectError)) throw e;
    return { ok: false, message: e.message };
  }
}

export interface KubectlOutcome {
  code: number;
  pods: string[];
  stderr: string;
}

/** `kubectl get pods` with `file`, in `env` added to this process's environment. */
export function kubectlPods(file: string, env: NodeJS.ProcessEnv = {}): Promise<KubectlOutcome> {
  return kubectlGetPods([`--kubeconfig=${file}`], env);
}

/** `kubectl get pods` with the kubeconfig(s) KUBECONFIG in `env` names. */
export function kubectlPodsWithEnv(env: NodeJS.ProcessEnv): Promise<KubectlOutcome> {
  return kubectlGetPods([], env);
}

function kubectlGetPods(flags: string[], env: NodeJS.ProcessEnv): Promise<KubectlOutcome> {
  const cache = tempDir('kubectl-cache');
  return new Promise((resolve) => {
    const child = execFile(
      'kubectl',
      [...flags, `--cache-dir=${cache}`, 'get', 'pods', '-o', 'name', '--request-timeout=20s'],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        const pods = stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.replace(/^pod\//, ''))
          .sort();
        resolve({ code, pods, stderr });
      },
    );
    // kubectl asks for a username and password on a terminal; it gets none.
    child.stdin?.end();
  });
}

/** Pod names in the demo's namespace `default`, as the server has them. */
export function demoPods(demo: DemoServer, namespace = 'default'): string[] {
  return demo.cluster.store
    .list(PODS, namespace)
    .map((p) => p.metadata?.name ?? '')
    .sort();
}

/** Waits until the demo's pods `names` (namespace default) are Running, as the API shows them. */
export async function waitRunning(demo: DemoServer, ...names: string[]): Promise<void> {
  const { kc } = { kc: demo.kubeConfig() };
  for (const name of names) {
    await waitFor(async () => {
      const pod = (await getJson(kc, `/api/v1/namespaces/default/pods/${name}`)) as {
        status?: { phase?: string };
      };
      return pod.status?.phase === 'Running';
    }, `${name} Running`);
  }
}
