/**
 * Start-up stays light: loading the kubeconfig, checking the connection, listing and watching pods and loading the
 * views never import client-node's index (its generated API and undici: about 85 MiB and 270 ms), and the client-node
 * `KubeConfig` an action asks the session for is loaded then — and works against the cluster. Run in a fresh Node
 * process over the built code, recording every module it resolves.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';

const ROOT = join(import.meta.dirname, '../..');
const DIST = pathToFileURL(join(ROOT, 'dist/')).href;
const CLIENT_NODE = pathToFileURL(join(ROOT, 'node_modules/@kubernetes/client-node/dist/index.js')).href;

/** Connects as the dashboard does, lists and watches, then asks the session for a client-node KubeConfig. */
const SCRIPT = `
import module from 'node:module';
const loaded = [];
module.registerHooks({
  resolve(specifier, context, next) {
    const r = next(specifier, context);
    loaded.push(r.url);
    return r;
  },
});
const heavy = () => loaded.filter((u) => /client-node\\/dist\\/index\\.js|\\/undici\\//.test(u));
const { loadKubeConfig, checkConnection } = await import('${DIST}kube/connect.js');
const { PodStore } = await import('${DIST}kube/podStore.js');
const { makeSession } = await import('${DIST}ui/session.js');
await import('${DIST}ui/App.js');
await import('${DIST}cli/dashboardCommand.js');
const { kc } = loadKubeConfig({ kubeconfig: process.argv[2] });
await checkConnection(kc, undefined);
const store = new PodStore(kc, {});
store.start();
await new Promise((resolve) => store.subscribe(() => store.getSnapshot().sync.kind === 'live' && resolve()));
const pods = store.getSnapshot().pods.size;
store.stop();
const beforeAction = heavy();
const session = makeSession(kc);
const client = await session.clientKubeConfig();
const { CoreV1Api } = await import('${CLIENT_NODE}');
const list = await client.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'default' });
process.stdout.write(JSON.stringify({
  beforeAction,
  afterAction: heavy().length > 0,
  pods,
  defaultPods: list.items.length,
  cached: (await session.clientKubeConfig()) === client,
  context: client.getCurrentContext(),
}));
process.exit(0);
`;

interface Outcome {
  beforeAction: string[];
  afterAction: boolean;
  pods: number;
  defaultPods: number;
  cached: boolean;
  context: string;
}

function runScript(
  file: string,
  kubeconfig: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, kubeconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('start-up modules', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ pods: 200 });
  });
  afterAll(async () => {
    await t.demo.close();
  });

  it('lists and watches without client-node, which the session loads when an action needs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podscope-startup-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, t.demo.kubeconfig(), { mode: 0o600 });
    const file = join(dir, 'probe.mjs');
    writeFileSync(file, SCRIPT);
    const r = await runScript(file, kubeconfig);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out) as Outcome;
    expect(o.pods).toBe((await t.core.listPodForAllNamespaces()).items.length);
    expect(o.beforeAction).toEqual([]);
    expect(o.afterAction).toBe(true);
    expect(o.defaultPods).toBeGreaterThan(0);
    expect(o.cached).toBe(true);
    expect(o.context).toBe('podscope-demo');
  });
});
