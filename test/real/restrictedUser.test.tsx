/**
 * A restricted user on the real control plane, which enforces RBAC and answers SelfSubjectAccessReview: users
 * with the demo's viewer and editor rights (test/support/restrictedUsers.ts) in two namespaces of this file,
 * a third namespace neither may see. The scenarios (test/support/restrictedScenarios.ts) are the ones the demo
 * will run with its podscope-demo-viewer / -editor contexts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccessStore } from '../../src/kube/access.js';
import { questionsFor } from '../../src/keymap/disabled.js';
import type { DashboardHarness } from '../support/appHarness.js';
import { Kubectl, requireKubectl } from '../support/kubectl.js';
import { createNamespace, createPod, realCluster } from '../support/realCluster.js';
import {
  allNamespacesFallsBack,
  editorKeys,
  namespacePickerForbidden,
  viewerKeysSayWhy,
  type RestrictedWorld,
} from '../support/restrictedScenarios.js';
import { EDITOR_RULES, grant, userKubeconfig, VIEWER_RULES } from '../support/restrictedUsers.js';
import type { UserKubeconfig } from '../support/restrictedUsers.js';

const A = 'rbac-front';
const B = 'rbac-back';
const HIDDEN = 'rbac-hidden';
let h: DashboardHarness | undefined;
let world: RestrictedWorld;
let viewer: UserKubeconfig;

beforeAll(async () => {
  await requireKubectl();
  const t = realCluster();
  for (const ns of [A, B, HIDDEN]) await createNamespace(t, ns);
  await createPod(t, A, 'front-1');
  await createPod(t, B, 'back-1');
  await createPod(t, HIDDEN, 'secret-1');
  await grant(t, 'podscope-viewer', VIEWER_RULES, [A, B]);
  await grant(t, 'podscope-editor', EDITOR_RULES, [A, B]);
  // Contexts on both namespaces: the second is how podscope learns the viewer may list B (namespaces are
  // not listable by this user, and reviews answer per namespace).
  viewer = await userKubeconfig(t, 'podscope-viewer', [A, B]);
  const editor = await userKubeconfig(t, 'podscope-editor', [A, B]);
  world = {
    viewer: viewer.kc,
    editor: editor.kc,
    namespaces: [A, B],
    listable: [A, B],
    visiblePod: 'back-1',
    hiddenPod: 'secret-1',
    addPod: (ns, name) => createPod(t, ns, name),
    viewerName: 'podscope-viewer',
  };
});

afterEach(async () => {
  await h?.close();
  h = undefined;
});

afterAll(async () => {
  await h?.close();
});

describe('a restricted user on the real API server', () => {
  it('all namespaces: one line, then the pods of the namespaces the user may list, live', async () => {
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

  it('answers every question as kubectl auth can-i does, asking each once', async () => {
    const access = new AccessStore(viewer.kc);
    const k = new Kubectl({ kubeconfig: viewer.text });
    const questions = [...questionsFor(A), ...questionsFor(HIDDEN), { verb: 'list', resource: 'pods' }];
    for (const q of questions) {
      const ours = (await access.ask(q)).verdict;
      const resource = q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
      const r = await k.run([
        'auth',
        'can-i',
        q.verb,
        resource,
        ...(q.namespace ? ['-n', q.namespace] : ['--all-namespaces']),
      ]);
      expect(`${q.verb} ${resource} in ${q.namespace ?? '(cluster)'}: ${ours}`).toBe(
        `${q.verb} ${resource} in ${q.namespace ?? '(cluster)'}: ${r.stdout.trim() === 'yes' ? 'allowed' : 'denied'}`,
      );
    }
    await Promise.all(questions.map((q) => access.ask(q)));
    expect(access.stats().reviews).toBe(questions.length);
    access.stop();
  });
});
