/**
 * The demo's own restricted users (`podscope-demo-viewer`, `podscope-demo-editor`: pods, logs and events in
 * default and frontend; the editor may also delete and port-forward), through the app, with the same scenarios the
 * real control plane runs (test/real/restrictedUser.test.tsx): the demo's RBAC must make podscope behave as the
 * real server's does. Every demo context is on namespace default and the viewer may not list namespaces, so
 * default is the one namespace the all-namespaces fallback can find.
 */
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import type { DashboardHarness } from '../support/appHarness.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import {
  allNamespacesFallsBack,
  editorKeys,
  namespacePickerForbidden,
  viewerKeysSayWhy,
  type RestrictedWorld,
} from '../support/restrictedScenarios.js';

let t: TestCluster;
let world: RestrictedWorld;
let h: DashboardHarness | undefined;

beforeAll(async () => {
  t = await startTestCluster();
  world = {
    viewer: t.demo.kubeConfig('podscope-demo-viewer'),
    editor: t.demo.kubeConfig('podscope-demo-editor'),
    namespaces: ['default', 'frontend'],
    listable: ['default'],
    visiblePod: 'hello',
    hiddenPod: 'kube-proxy',
    addPod: async (namespace, name) => {
      await t.core.createNamespacedPod({
        namespace,
        body: { metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      });
    },
    deletePod: async (namespace, name) => {
      await t.core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
    },
    viewerName: 'podscope-demo-viewer',
  };
});
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(async () => {
  await t.demo.close();
});

describe('the demo’s viewer and editor', () => {
  it('all namespaces: one line, then the pods of the namespaces the viewer may list, live', async () => {
    h = await allNamespacesFallsBack(world);
  });
  it('marks shell, port-forward and delete unavailable for the viewer, and says why when pressed', async () => {
    h = await viewerKeysSayWhy(world);
  });
  it('lets the editor delete (the dialog opens) but not exec', async () => {
    h = await editorKeys(world);
  });
  it('says in one line that the namespace picker is forbidden', async () => {
    h = await namespacePickerForbidden(world);
  });
});
