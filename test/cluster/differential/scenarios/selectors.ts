/** Label and field selectors: what they select, and the exact 400 for bad syntax and unsupported field labels. */
import type { Scenario } from '../scenario.js';
import { podsPath } from '../scenario.js';
import { listView, statusView } from '../views.js';
import { createPods } from './lists.js';

const q = encodeURIComponent;

export const labelSelectors: Scenario = {
  name: 'label-selectors',
  about: 'label selector syntax: =, !=, in, notin, exists, !exists, and the errors for bad syntax',
  async run(s) {
    await createPods(s, 4, (i) => ({
      tier: ['web', 'db', 'cache', 'web'][i]!,
      ...(i === 2 ? { canary: 'yes' } : {}),
    }));
    const path = podsPath(s.ns);
    const sel = (label: string, selector: string, view = listView) =>
      s.req(label, { path: `${path}?labelSelector=${q(selector)}` }, view);
    await sel('tier=web', 'tier=web');
    await sel('tier!=web', 'tier!=web');
    await sel('tier in (db,cache)', 'tier in (db,cache)');
    await sel('tier notin (web)', 'tier notin (web)');
    await sel('canary', 'canary');
    await sel('!canary', '!canary');
    await sel('tier=web,canary', 'tier=web,canary');
    for (const bad of [
      'tier in (db',
      'tier==',
      '=web',
      'tier=a b',
      'tier in db',
      'Tier_X!',
      'a=b=c',
      'x>1',
      'x<a',
      'Bad_Key_=x',
      'a/b/c',
      '!',
      'tier in (a,,b),',
      'tier notin ()',
      'tier=' + 'v'.repeat(64),
    ]) {
      await sel(`bad: ${bad.slice(0, 20)}`, bad, (r) => (r.status === 200 ? listView(r) : statusView(r)));
    }
  },
};

export const fieldSelectors: Scenario = {
  name: 'field-selectors',
  about:
    'field selectors on pods and namespaces: supported labels, unsupported ones, bad syntax (exact messages)',
  async run(s) {
    await createPods(s, 3);
    const path = podsPath(s.ns);
    const sel = (label: string, selector: string, view = listView, base = path) =>
      s.req(label, { path: `${base}?fieldSelector=${q(selector)}` }, view);
    await sel('metadata.name=p-1', 'metadata.name=p-1');
    await sel('metadata.name==p-1', 'metadata.name==p-1');
    await sel('metadata.name!=p-1', 'metadata.name!=p-1');
    await sel('spec.nodeName=diff-nowhere', 'spec.nodeName=diff-nowhere');
    await sel('status.phase=Pending', 'status.phase=Pending');
    await sel('spec.nodeName=', 'spec.nodeName=');
    await sel('metadata.namespace', `metadata.namespace=${s.ns}`);
    await sel('unsupported spec.foo', 'spec.foo=bar', statusView);
    await sel('unsupported metadata.labels', 'metadata.labels=x', statusView);
    await sel('bad syntax: no operator', 'metadata.name', statusView);
    await sel('bad syntax: in', 'metadata.name in (a)', statusView);
    await sel('two bad', 'spec.foo=1,spec.bar=2', statusView);
    await sel(
      'namespaces: status.phase=Active',
      `status.phase=Active,metadata.name=${s.ns}`,
      listView,
      '/api/v1/namespaces',
    );
    await sel(
      'namespaces: unsupported spec.finalizers',
      'spec.finalizers=x',
      statusView,
      '/api/v1/namespaces',
    );
    await sel('all namespaces: metadata.namespace', `metadata.namespace=${s.ns}`, listView, '/api/v1/pods');
  },
};

export const SELECTOR_SCENARIOS = [labelSelectors, fieldSelectors];
