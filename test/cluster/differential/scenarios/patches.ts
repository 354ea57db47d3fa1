/** PATCH: merge, strategic merge and JSON patch, bad patches, and server-side apply with its conflicts. */
import type { Scenario } from '../scenario.js';
import { podManifest, podsPath } from '../scenario.js';
import { objectView, statusView } from '../views.js';

const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSONPATCH = 'application/json-patch+json';
const APPLY = 'application/apply-patch+yaml';

export const patchTypes: Scenario = {
  name: 'patch-types',
  about: 'merge, strategic and JSON patches of labels, annotations and containers; bad patches and types',
  async run(s) {
    const path = podsPath(s.ns, 'pt');
    await s.send({
      method: 'POST',
      path: podsPath(s.ns),
      body: podManifest('pt', { nodeName: 'diff-nowhere', labels: { a: '1' } }),
    });
    const view = objectView('metadata.labels', 'metadata.annotations', 'spec.containers');
    const patch = (label: string, contentType: string, body: unknown, v = view) =>
      s.req(label, { method: 'PATCH', path, body, contentType }, v);
    await patch('merge: add label', MERGE, { metadata: { labels: { b: '2' } } });
    await patch('merge: null removes', MERGE, { metadata: { labels: { a: null } } });
    await patch('strategic: container image by name', STRATEGIC, {
      spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] },
    });
    await patch('json: add annotation', JSONPATCH, [
      { op: 'add', path: '/metadata/annotations', value: { x: 'y' } },
    ]);
    await patch(
      'json: test fails',
      JSONPATCH,
      [{ op: 'test', path: '/metadata/name', value: 'other' }],
      statusView,
    );
    await patch(
      'json: remove missing',
      JSONPATCH,
      [{ op: 'remove', path: '/metadata/labels/nope' }],
      statusView,
    );
    await patch('json: not an array', JSONPATCH, { op: 'add' }, statusView);
    await patch('merge: not JSON', MERGE, '{"metadata":', statusView);
    await patch(
      'merge: changes a forbidden spec field',
      MERGE,
      { spec: { restartPolicy: 'Never' } },
      statusView,
    );
    await patch('unsupported content type', 'text/plain', 'x', statusView);
    await patch(
      'json content type (not a patch type)',
      'application/json',
      { metadata: { labels: { c: '3' } } },
      statusView,
    );
    await s.req(
      'patch a missing pod',
      {
        method: 'PATCH',
        path: podsPath(s.ns, 'nope'),
        body: { metadata: { labels: { b: '2' } } },
        contentType: MERGE,
      },
      statusView,
    );
  },
};

export const serverSideApply: Scenario = {
  name: 'server-side-apply',
  about:
    'apply-patch+yaml: create by apply, a second manager conflicting (409 with causes), force, no fieldManager',
  async run(s) {
    const path = podsPath(s.ns, 'ssa');
    const manifest = (labels: Record<string, string>) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'ssa', labels },
        spec: { nodeName: 'diff-nowhere', containers: [{ name: 'app', image: 'nginx:1.27' }] },
      });
    const view = objectView('metadata.name', 'metadata.labels');
    await s.req(
      'apply creates (manager a)',
      { method: 'PATCH', path: `${path}?fieldManager=a`, body: manifest({ owner: 'a' }), contentType: APPLY },
      view,
    );
    await s.req('managers', { path }, (r) => ({
      http: r.status,
      managers: (
        (r.json as { metadata?: { managedFields?: { manager?: string; operation?: string }[] } }).metadata
          ?.managedFields ?? []
      ).map((m) => `${m.manager}/${m.operation}`),
    }));
    await s.req(
      'manager b changes owner (conflict)',
      { method: 'PATCH', path: `${path}?fieldManager=b`, body: manifest({ owner: 'b' }), contentType: APPLY },
      statusView,
    );
    await s.req(
      'manager b forces',
      {
        method: 'PATCH',
        path: `${path}?fieldManager=b&force=true`,
        body: manifest({ owner: 'b' }),
        contentType: APPLY,
      },
      view,
    );
    await s.req(
      'a adds a label of its own',
      {
        method: 'PATCH',
        path: `${path}?fieldManager=a`,
        body: manifest({ owner: 'b', extra: 'x' }),
        contentType: APPLY,
      },
      view,
    );
    await s.req(
      'a applies without it (removed: only a owned it)',
      { method: 'PATCH', path: `${path}?fieldManager=a`, body: manifest({ owner: 'b' }), contentType: APPLY },
      view,
    );
    // Sorted: entries of one operation are ordered by their times, whole seconds, so a and b swap places on
    // either server when the applies above straddle a second (the real one did, once); who is there is the point.
    await s.req('managers after', { path }, (r) => ({
      http: r.status,
      managers: (
        (r.json as { metadata?: { managedFields?: { manager?: string; operation?: string }[] } }).metadata
          ?.managedFields ?? []
      )
        .map((m) => `${m.manager}/${m.operation}`)
        .sort(),
    }));
    await s.req(
      'no fieldManager',
      { method: 'PATCH', path, body: manifest({ owner: 'c' }), contentType: APPLY },
      statusView,
    );
    await s.req(
      'force on a merge patch',
      {
        method: 'PATCH',
        path: `${path}?force=true`,
        body: { metadata: { labels: { x: '1' } } },
        contentType: MERGE,
      },
      statusView,
    );
    await s.req(
      'apply: bad YAML',
      { method: 'PATCH', path: `${path}?fieldManager=a`, body: 'metadata: [', contentType: APPLY },
      statusView,
    );
  },
};

export const PATCH_SCENARIOS = [patchTypes, serverSideApply];
