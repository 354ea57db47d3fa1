/** Errors of get and create: missing objects and namespaces, conflicts, mismatches — codes and exact messages. */
import type { Scenario } from '../scenario.js';
import { podManifest, podsPath } from '../scenario.js';
import { objectView, statusView } from '../views.js';

export const getMissing: Scenario = {
  name: 'get-missing',
  about: 'get of a missing pod, namespace, pod in a missing namespace, unknown resource, unknown group',
  async run(s) {
    await s.req('missing pod', { path: podsPath(s.ns, 'nope') }, statusView);
    await s.req('missing namespace', { path: '/api/v1/namespaces/diff-nope' }, statusView);
    await s.req('pod in a missing namespace', { path: podsPath('diff-nope', 'nope') }, statusView);
    await s.req('list in a missing namespace', { path: podsPath('diff-nope') }, (r) => ({
      http: r.status,
      kind: (r.json as { kind?: string }).kind ?? null,
    }));
    await s.req('missing node', { path: '/api/v1/nodes/nope' }, statusView);
    await s.req(
      'missing deployment',
      { path: `/apis/apps/v1/namespaces/${s.ns}/deployments/nope` },
      statusView,
    );
    await s.req('unknown resource', { path: `/api/v1/namespaces/${s.ns}/widgets` }, statusView);
    await s.req('unknown group', { path: '/apis/nope.example.com/v1/widgets' }, statusView);
    await s.req('unknown subresource', { path: podsPath(s.ns, 'nope', 'nope') }, statusView);
  },
};

export const createErrors: Scenario = {
  name: 'create-errors',
  about: 'create: missing namespace, 409 AlreadyExists, namespace/kind mismatch, bad JSON, empty body',
  async run(s) {
    const path = podsPath(s.ns);
    await s.req(
      'create',
      { method: 'POST', path, body: podManifest('c-1', { nodeName: 'diff-nowhere' }) },
      objectView('kind', 'metadata.name', 'metadata.namespace'),
    );
    await s.req(
      'create again (409)',
      { method: 'POST', path, body: podManifest('c-1', { nodeName: 'diff-nowhere' }) },
      statusView,
    );
    await s.req(
      'in a missing namespace',
      { method: 'POST', path: podsPath('diff-nope'), body: podManifest('c-2') },
      statusView,
    );
    await s.req(
      'namespace mismatch',
      {
        method: 'POST',
        path,
        body: { ...podManifest('c-3'), metadata: { name: 'c-3', namespace: 'other' } },
      },
      statusView,
    );
    await s.req(
      'kind mismatch',
      { method: 'POST', path, body: { ...podManifest('c-4'), kind: 'Service' } },
      statusView,
    );
    await s.req(
      'bad JSON',
      { method: 'POST', path, body: '{"kind": "Pod",', contentType: 'application/json' },
      statusView,
    );
    await s.req(
      'empty body',
      { method: 'POST', path, body: '', contentType: 'application/json' },
      statusView,
    );
    await s.req(
      'namespace already exists',
      {
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: s.ns } },
      },
      statusView,
    );
  },
};

export const updateErrors: Scenario = {
  name: 'update-errors',
  about:
    'PUT: a stale resourceVersion (409), none (unconditional), another name or namespace in the body, a missing object',
  async run(s) {
    const path = podsPath(s.ns, 'u-1');
    await s.send({
      method: 'POST',
      path: podsPath(s.ns),
      body: podManifest('u-1', { nodeName: 'diff-nowhere' }),
    });
    const pod = (await s.send({ path })).json as { metadata: Record<string, unknown> };
    const put = (label: string, metadata: Record<string, unknown>, p = path) =>
      s.req(
        label,
        { method: 'PUT', path: p, body: { ...pod, metadata: { ...pod.metadata, ...metadata } } },
        (r) => (r.status === 200 ? objectView('metadata.name', 'metadata.labels')(r) : statusView(r)),
      );
    await put('with its resourceVersion', { labels: { v: '1' } });
    await put('stale resourceVersion', { labels: { v: '2' } });
    await put('without a resourceVersion', { labels: { v: '3' }, resourceVersion: undefined });
    await put('another name in the body', { name: 'u-2', resourceVersion: undefined });
    await put('another namespace in the body', { namespace: 'other', resourceVersion: undefined });
    await put('a missing pod', { name: 'nope', resourceVersion: undefined }, podsPath(s.ns, 'nope'));
  },
};

export const ERROR_SCENARIOS = [getMissing, createErrors, updateErrors];
