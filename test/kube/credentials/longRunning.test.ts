/**
 * A dashboard left open while its exec plugin's short-lived tokens rotate keeps working: the pod store (list,
 * then watches that the server keeps ending) runs on an EKS-like plugin whose tokens live 2 s, while the
 * "identity provider" (the test) issues a new token every 1.5 s and revokes each one 3 s after issuing it. The
 * store must never stop or show a refused credential, and the plugin must run again and again, never per request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DemoServer } from '../../../src/demo/server.js';
import { loadKubeConfig } from '../../../src/kube/connect.js';
import { PodStore } from '../../../src/kube/podStore.js';
import type { SyncState } from '../../../src/kube/podSnapshot.js';
import { waitFor } from '../../support/waitFor.js';
import { admin, kubeconfigFor, PLUGINS, startDemo, tempDir, writeText, writeYaml } from './support.js';

let demo: DemoServer;
let dir: string;

beforeAll(async () => {
  demo = await startDemo();
  dir = tempDir('long-running');
});
afterAll(() => demo.close());

it('keeps the pods live across token rotations, renewing before expiry', async () => {
  const source = join(dir, 'current-token');
  const log = join(dir, 'runs.log');
  let generation = 0;
  const issue = (): void => {
    const token = `rotating-${++generation}`;
    demo.authenticator.addToken(token, admin('long-running-user'));
    writeText(source, token);
    const old = generation - 2;
    if (old > 0) demo.authenticator.removeToken(`rotating-${old}`);
  };
  issue();
  // Observes (never changes) who the server refuses: a revoked token sent is a renewal that came too late.
  let refused = 0;
  const authenticate = demo.authenticator.authenticate.bind(demo.authenticator);
  demo.authenticator.authenticate = (req) => {
    const user = authenticate(req);
    if (!user) refused++;
    return user;
  };
  const file = writeYaml(
    join(dir, 'config'),
    kubeconfigFor(demo, {
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: join(PLUGINS, 'credential-plugin.mjs'),
          args: ['--token-file', source, '--expires-in', '2', '--log', log],
        },
      },
    }),
  );
  const { kc } = loadKubeConfig({ kubeconfig: file, env: {} });
  const store = new PodStore(kc, { namespace: 'default', flushMs: 10 });
  const states: SyncState[] = [];
  store.subscribe(() => states.push(store.getSnapshot().sync));
  const rotate = setInterval(issue, 1500);
  // The server ends watches often (as a real one does after its request timeout): each resume is a request.
  const drop = setInterval(() => demo.dropWatches(), 500);
  const runs = (): number =>
    existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
  try {
    store.start();
    await waitFor(() => store.getSnapshot().sync.kind === 'live', 'the store to go live');
    await waitFor(
      () => generation >= 6 && runs() >= 4 && store.getSnapshot().sync.kind === 'live',
      'six token generations, with the store live',
      20_000,
    );
  } finally {
    clearInterval(rotate);
    clearInterval(drop);
    store.stop();
  }
  expect(refused).toBe(0);
  expect(states.filter((s) => s.kind === 'error')).toEqual([]);
  expect(states.filter((s) => s.kind === 'reconnecting' && /401|credentials/.test(s.error))).toEqual([]);
  expect(store.getSnapshot().pods.size).toBeGreaterThan(0);
  // Renewed as tokens near expiry: far fewer runs than requests.
  expect(runs()).toBeLessThan(generation * 2);
}, 40_000);
