/**
 * ClusterRole aggregation on the demo: admin, edit and view stay as the real server bootstraps them, and a
 * ClusterRole labelled to aggregate into `view` (here: nodes, which view leaves out) extends what every holder of `view` may do, then stops when deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_CLUSTER_ROLES } from '../../../src/demo/auth/bootstrapPolicyData.js';
import { startDemoCluster, type DemoServer } from '../../../src/demo/server.js';
import { CLUSTER_ROLES } from '../../../src/demo/store/resourceTypes.js';
import { Kubectl } from '../../support/kubectl.js';
import { waitFor } from '../../support/waitFor.js';

let demo: DemoServer;
let admin: Kubectl;
let viewer: Kubectl;

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 42 });
  admin = new Kubectl({ kubeconfig: demo.kubeconfig() });
  viewer = new Kubectl({ kubeconfig: demo.kubeconfig('podscope-demo-viewer') });
});
afterAll(async () => {
  await demo.close();
});

describe('ClusterRole aggregation', () => {
  it('leaves the bootstrapped admin, edit and view with the rules the real server gave them', () => {
    for (const name of ['admin', 'edit', 'view']) {
      const stored = demo.cluster.store.get(CLUSTER_ROLES, undefined, name)!;
      const real = BOOTSTRAP_CLUSTER_ROLES.find((r) => r.metadata?.name === name)!;
      expect(stored['rules']).toEqual(real['rules']);
    }
  });

  it('adds a labelled role to view, and takes it away when deleted', async () => {
    const can = async () => (await viewer.run(['auth', 'can-i', 'list', 'nodes'])).stdout.trim();
    await admin.run([
      'create',
      'clusterrolebinding',
      'viewer-view',
      '--clusterrole=view',
      '--user=podscope-demo-viewer',
    ]);
    expect(await can()).toBe('no');
    const role = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: nodes-view
  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
rules:
- {apiGroups: [""], resources: [nodes], verbs: [get, list]}
`;
    expect((await admin.run(['apply', '-f', '-'], role)).code).toBe(0);
    await waitFor(async () => (await can()) === 'yes', 'view to include nodes');
    const view = await admin.run(['get', 'clusterrole', 'view', '-o', 'jsonpath={.rules[*].resources}']);
    expect(view.stdout).toContain('["nodes"]');
    // view is itself labelled to aggregate into edit, and edit into admin: the rule reaches them too.
    for (const name of ['edit', 'admin']) {
      await waitFor(
        async () =>
          (
            await admin.run(['get', 'clusterrole', name, '-o', 'jsonpath={.rules[*].resources}'])
          ).stdout.includes('["nodes"]'),
        `${name} to include nodes`,
      );
    }
    await admin.run(['delete', 'clusterrole', 'nodes-view']);
    await waitFor(async () => (await can()) === 'no', 'view without nodes');
  });
});
