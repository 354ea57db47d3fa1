/** Namespaces: what creation sets, and deletion — Terminating at once, its pods gone, then the namespace. */
import type { Scenario } from '../scenario.js';
import { podManifest, podsPath } from '../scenario.js';
import { objectView, statusView } from '../views.js';

export const namespaceLifecycle: Scenario = {
  name: 'namespace-lifecycle',
  about:
    "a created namespace's phase, finalizers and name label; DELETE answers it Terminating; then it empties and goes",
  async run(s) {
    const name = `${s.ns}-x`;
    const path = `/api/v1/namespaces/${name}`;
    const view = objectView('kind', 'metadata.labels', 'spec', 'status', 'metadata.deletionTimestamp');
    await s.req(
      'create',
      {
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      },
      view,
    );
    await s.until('its default service account', async () => {
      if (!s.target.waitsForServiceAccount) return true;
      return (await s.send({ path: `${path}/serviceaccounts/default` })).status === 200 ? true : undefined;
    });
    await s.send({ method: 'POST', path: podsPath(name), body: podManifest('inside') });
    await s.req('delete', { method: 'DELETE', path }, view);
    await s.req('get while terminating or gone', { path }, (r) => ({
      terminatingOrGone:
        r.status === 404 || (r.json as { status?: { phase?: string } }).status?.phase === 'Terminating',
    }));
    await s.req(
      'create a pod in it while terminating',
      { method: 'POST', path: podsPath(name), body: podManifest('late') },
      (r) => ({
        http: r.status === 404 ? 'gone' : r.status,
        reason: (r.json as { reason?: string }).reason ?? null,
      }),
    );
    await s.until(
      'the namespace to go',
      async () => ((await s.send({ path })).status === 404 ? true : undefined),
      60_000,
    );
    await s.req('gone', { path }, statusView);
    await s.req('its pods gone', { path: podsPath(name) }, (r) => ({
      http: r.status,
      items: (r.json as { items?: unknown[] }).items?.length ?? null,
    }));
  },
};

export const NAMESPACE_SCENARIOS = [namespaceLifecycle];
