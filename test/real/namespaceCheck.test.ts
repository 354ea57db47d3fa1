/**
 * `-n NS` for a namespace that does not exist (issue 13): listing pods there is an empty list on a real API
 * server, so podscope asks `GET /api/v1/namespaces/NS`, whose 404 (`namespaces "NS" not found`) is what the start-up
 * line is made of. The same on the demo cluster and on kube-apiserver 1.32.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { ConnectError } from '../../src/kube/connectError.js';
import { getJson } from '../../src/kube/request.js';
import { checkNamespaceExists } from '../../src/kube/namespaceCheck.js';
import type { KubeConfigLike } from '../../src/kube/plainKubeConfig.js';
import { realCluster, realKubeConfig } from '../support/realCluster.js';
import { grant, userKubeconfig, VIEWER_RULES } from '../support/restrictedUsers.js';
import { KubeHttpError } from '../../src/kube/errors.js';

let demo: DemoServer;
let both: [string, KubeConfigLike][];

beforeAll(async () => {
  // Populated: without its population the demo has no namespace at all, not even default (which a real server
  // always has).
  demo = await startDemoCluster({ seed: 42 });
  both = [
    ['demo', demo.kubeConfig()],
    ['real', realKubeConfig()],
  ];
});
afterAll(async () => {
  await demo.close();
});

describe('a namespace that does not exist', () => {
  it('is an empty pod list, not an error, on both', async () => {
    for (const [name, kc] of both) {
      const list = (await getJson(kc, '/api/v1/namespaces/nosuchns/pods')) as { items: unknown[] };
      expect(list.items, name).toEqual([]);
    }
  });

  it('is said at start-up, naming the namespaces there are, on both', async () => {
    for (const [name, kc] of both) {
      const err = await checkNamespaceExists(kc, 'nosuchns').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(ConnectError);
      expect((err as Error).message, name).toMatch(
        /^namespace "nosuchns" does not exist \(namespaces: .*\bdefault\b.*\bkube-system\b/,
      );
    }
  });

  it('lets an existing namespace through on both', async () => {
    for (const [, kc] of both) await expect(checkNamespaceExists(kc, 'default')).resolves.toBeUndefined();
  });
});

describe('a user who may list pods but not get namespaces', () => {
  it('is not blocked: the 403 means "cannot tell"', async () => {
    const t = realCluster();
    await grant(t, 'podscope-nscheck', VIEWER_RULES, ['default']);
    const { kc } = await userKubeconfig(t, 'podscope-nscheck', ['default']);
    const asked = await getJson(kc, '/api/v1/namespaces/nosuchns').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(asked).toBeInstanceOf(KubeHttpError);
    expect((asked as KubeHttpError).status).toBe(403);
    await expect(checkNamespaceExists(kc, 'nosuchns')).resolves.toBeUndefined();
  });
});
