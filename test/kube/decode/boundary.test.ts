/**
 * A malformed object from a real server (the demo over HTTPS, its `body` fault answering 200 with what a broken
 * proxy or aggregated API might send) reaching the paths that read it: each ends in the decoder's one line, where
 * the user sees that path's failures — never a TypeError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessStore } from '../../../src/kube/access.js';
import { listNamespaces } from '../../../src/kube/namespaces.js';
import { addDebugContainer } from '../../../src/kube/shell/debugContainer.js';
import { startTestCluster, type TestCluster } from '../../support/demoCluster.js';

let t: TestCluster;

beforeAll(async () => {
  t = await startTestCluster({ pods: 10, namespaces: 2 });
});
afterAll(async () => {
  await t.demo.close();
});

describe('a malformed answer, from the demo server over HTTPS', () => {
  it('an access review without status: the answer is unknown, and says why', async () => {
    t.demo.faults.inject(
      { method: 'POST', path: /selfsubjectaccessreviews$/ },
      { kind: 'body', body: { kind: 'SelfSubjectAccessReview' } },
    );
    const access = new AccessStore(t.kc);
    const answer = await access.ask({ verb: 'list', resource: 'pods' });
    access.stop();
    expect(answer).toEqual({
      verdict: 'unknown',
      reason:
        'the server sent an access review without status (POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews)',
    });
  });

  it('a namespace without a name: the picker fails with its sentence, then lists as always', async () => {
    const list = {
      kind: 'NamespaceList',
      metadata: {},
      items: [{ metadata: { name: 'a' } }, { metadata: {} }],
    };
    t.demo.faults.inject({ path: /^\/api\/v1\/namespaces$/ }, { kind: 'body', body: list });
    await expect(listNamespaces(t.kc)).rejects.toThrow(
      'the server sent a namespace without metadata.name (GET /api/v1/namespaces)',
    );
    expect(await listNamespaces(t.kc)).toContain('default');
  });

  it('a pod whose containers are not a list: the debug container says so instead of crashing', async () => {
    const pod = (await t.core.listNamespacedPod({ namespace: 'default' })).items[0]!;
    const name = pod.metadata!.name!;
    const path = `/api/v1/namespaces/default/pods/${name}`;
    t.demo.faults.inject(
      { method: 'GET', path: new RegExp(`^${path}$`) },
      { kind: 'body', body: { metadata: { name, namespace: 'default' }, spec: { containers: 'app' } } },
    );
    await expect(
      addDebugContainer({ kc: t.kc, namespace: 'default', pod: name, target: 'app', timeoutMs: 5000 }),
    ).rejects.toThrow(`the server sent a pod whose spec.containers is a string, not an array (GET ${path})`);
  });
});
