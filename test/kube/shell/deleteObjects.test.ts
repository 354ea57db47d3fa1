/**
 * `:delete -f FILE`'s requests against the demo over HTTPS: each object of the file deleted with kubectl's outcome
 * words (`pod "x" deleted`), one that is not there said in the server's words and not fatal to the others, a
 * cluster-scoped one (a Namespace) by its own path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/domain/manifest/parseManifest.js';
import { deleteTargets } from '../../../src/kube/apply/deleteTargets.js';
import { ResourceDiscovery } from '../../../src/kube/apply/discovery.js';
import { PlainKubeConfig } from '../../../src/kube/plainKubeConfig.js';
import { deleteObjects, type DeleteTarget } from '../../../src/kube/shell/deletePods.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';

let cluster: TestCluster;
let kc: PlainKubeConfig;

beforeAll(async () => {
  cluster = await startTestCluster();
  kc = PlainKubeConfig.from(cluster.kc);
});
afterAll(() => cluster?.demo.close());

/** The file's objects as `:delete -f` maps them. */
async function targets(text: string, namespace: string): Promise<DeleteTarget[]> {
  const parsed = parseManifest('f.yaml', text);
  if (!parsed.ok) throw new Error(parsed.error);
  return deleteTargets(new ResourceDiscovery(kc), parsed.objects, namespace);
}

describe('deleteObjects', () => {
  it("deletes each object with kubectl's words; a missing one is said, not fatal", async () => {
    await cluster.core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    const file = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kiada\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: not-there\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: doomed\n',
    ].join('---\n');
    const results = await deleteObjects(kc, await targets(file, 'default'));
    expect(results.map((r) => `${r.outcome}: ${r.text}`)).toEqual([
      'deleted: pod "kiada" deleted',
      'not found: pods "not-there" not found',
      'deleted: namespace "doomed" deleted',
    ]);
    const kiada = await cluster.core
      .readNamespacedPod({ name: 'kiada', namespace: 'default' })
      .catch(() => undefined);
    expect(kiada === undefined || kiada.metadata?.deletionTimestamp !== undefined).toBe(true);
  });
});
