/** DELETE: grace periods, preconditions, propagation policies, and dry runs of create and delete. */
import type { Scenario } from '../scenario.js';
import { podManifest, podsPath } from '../scenario.js';
import { numbersOut, objectView, statusView } from '../views.js';

const podAnswer = objectView(
  'kind',
  'metadata.name',
  'metadata.deletionTimestamp',
  'metadata.deletionGracePeriodSeconds',
  'metadata.finalizers',
);

export const deleteOptions: Scenario = {
  name: 'delete-options',
  about:
    'delete with gracePeriodSeconds, uid and resourceVersion preconditions, propagationPolicy, of a missing pod',
  async run(s) {
    const path = podsPath(s.ns);
    for (const n of ['d-1', 'd-2', 'd-3', 'd-4', 'd-5']) {
      await s.send({ method: 'POST', path, body: podManifest(n, { nodeName: 'diff-nowhere' }) });
    }
    const del = (label: string, name: string, q = '', body?: object, view = podAnswer) =>
      s.req(
        label,
        { method: 'DELETE', path: `${podsPath(s.ns, name)}${q}`, ...(body ? { body } : {}) },
        view,
      );
    await del(
      'uid precondition mismatch',
      'd-1',
      '',
      { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: 'not-the-uid' } },
      statusView,
    );
    await del(
      'resourceVersion precondition mismatch',
      'd-1',
      '',
      { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion: '1' } },
      numbersOut(statusView),
    );
    await del('bad propagationPolicy', 'd-1', '?propagationPolicy=Sideways', undefined, statusView);
    await del('bad gracePeriodSeconds', 'd-1', '?gracePeriodSeconds=soon', undefined, statusView);
    await del('gracePeriodSeconds=30 (pod on a node: stays, terminating)', 'd-1', '?gracePeriodSeconds=30');
    await del('again with a longer grace (no change)', 'd-1', '?gracePeriodSeconds=60');
    await del('gracePeriodSeconds=0', 'd-2', '?gracePeriodSeconds=0');
    await s.req('d-2 gone', { path: podsPath(s.ns, 'd-2') }, statusView);
    await del('propagationPolicy=Foreground', 'd-3', '?propagationPolicy=Foreground&gracePeriodSeconds=0');
    await del('propagationPolicy=Orphan', 'd-4', '?propagationPolicy=Orphan&gracePeriodSeconds=0');
    await del('grace in the body', 'd-5', '', {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
    });
    await del('missing pod', 'nope', '', undefined, statusView);
    await s.req('delete a namespace', { method: 'DELETE', path: '/api/v1/namespaces/diff-nope' }, statusView);
  },
};

export const dryRun: Scenario = {
  name: 'dry-run',
  about: 'dryRun=All on create and delete changes nothing; an unknown dryRun value is refused',
  async run(s) {
    const path = podsPath(s.ns);
    await s.req(
      'dry-run create',
      { method: 'POST', path: `${path}?dryRun=All`, body: podManifest('dry', { nodeName: 'diff-nowhere' }) },
      objectView(
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.uid',
        'metadata.creationTimestamp',
        'metadata.resourceVersion',
      ),
    );
    await s.req('not created', { path: podsPath(s.ns, 'dry') }, statusView);
    await s.send({ method: 'POST', path, body: podManifest('wet', { nodeName: 'diff-nowhere' }) });
    await s.req(
      'dry-run delete',
      { method: 'DELETE', path: `${podsPath(s.ns, 'wet')}?dryRun=All&gracePeriodSeconds=0` },
      objectView('kind', 'metadata.name', 'metadata.deletionTimestamp'),
    );
    await s.req(
      'still there',
      { path: podsPath(s.ns, 'wet') },
      objectView('metadata.name', 'metadata.deletionTimestamp'),
    );
    await s.req(
      'dryRun=Maybe',
      { method: 'POST', path: `${path}?dryRun=Maybe`, body: podManifest('dry2') },
      statusView,
    );
    await s.req(
      'dry-run create in a missing namespace',
      { method: 'POST', path: `${podsPath('diff-nope')}?dryRun=All`, body: podManifest('dry3') },
      statusView,
    );
  },
};

export const DELETE_SCENARIOS = [deleteOptions, dryRun];
