/** LIST: paging with limit/continue and remainingItemCount, bad continue tokens, resourceVersion semantics. */
import type { Scenario } from '../scenario.js';
import { podManifest, podsPath } from '../scenario.js';
import type { Session } from '../session.js';
import { at, listView, numbersOut, rvOrder, statusView } from '../views.js';

/** Creates `n` pods p-0…p-(n-1) on a node nobody runs (no scheduler or kubelet touches them). */
export async function createPods(
  s: Session,
  n: number,
  labels?: (i: number) => Record<string, string>,
): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await s.send({
      method: 'POST',
      path: podsPath(s.ns),
      body: podManifest(`p-${i}`, { nodeName: 'diff-nowhere', ...(labels ? { labels: labels(i) } : {}) }),
    });
    if (r.status !== 201) throw new Error(`creating p-${i}: ${r.status} ${r.text.slice(0, 200)}`);
  }
}

const rvOf = (json: unknown): string | undefined =>
  at(json, 'metadata.resourceVersion') as string | undefined;
const tokenOf = (json: unknown): string => (at(json, 'metadata.continue') as string | undefined) ?? '';

export const listPaging: Scenario = {
  name: 'list-paging',
  about: 'limit/continue pages, remainingItemCount, the version a continued list is pinned to',
  async run(s) {
    await createPods(s, 5);
    const p1 = await s.req('page 1 limit=2', { path: `${podsPath(s.ns)}?limit=2` }, listView);
    const p2 = await s.req(
      'page 2',
      { path: `${podsPath(s.ns)}?limit=2&continue=${encodeURIComponent(tokenOf(p1?.json))}` },
      listView,
    );
    const p3 = await s.req(
      'page 3',
      { path: `${podsPath(s.ns)}?limit=2&continue=${encodeURIComponent(tokenOf(p2?.json))}` },
      listView,
    );
    s.note(
      'pages pinned to the first page version',
      rvOrder([rvOf(p1?.json), rvOf(p2?.json), rvOf(p3?.json)]),
    );
    await s.req('limit=5 (exactly all)', { path: `${podsPath(s.ns)}?limit=5` }, listView);
    await s.req('limit=0 (no limit)', { path: `${podsPath(s.ns)}?limit=0` }, listView);
    await s.req('limit=-1', { path: `${podsPath(s.ns)}?limit=-1` }, listView);
  },
};

export const listPagingSelector: Scenario = {
  name: 'list-paging-selector',
  about: 'paging with a label selector and a field selector: remainingItemCount only without selectors',
  async run(s) {
    await createPods(s, 6, (i) => ({ parity: i % 2 === 0 ? 'even' : 'odd' }));
    await s.req(
      'label selector limit=2',
      { path: `${podsPath(s.ns)}?labelSelector=parity%3Deven&limit=2` },
      listView,
    );
    await s.req(
      'field selector limit=2',
      { path: `${podsPath(s.ns)}?fieldSelector=metadata.name%21%3Dp-0&limit=2` },
      listView,
    );
  },
};

export const listBadContinue: Scenario = {
  name: 'list-bad-continue',
  about:
    'a continue token that is not base64, not JSON, of another version, or combined with resourceVersion',
  async run(s) {
    await createPods(s, 3);
    const path = podsPath(s.ns);
    await s.req('continue=garbage!', { path: `${path}?limit=1&continue=garbage!` }, statusView);
    const notJson = Buffer.from('not json').toString('base64');
    await s.req('continue=base64(not json)', { path: `${path}?limit=1&continue=${notJson}` }, statusView);
    const otherVersion = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v0', rv: 5, start: 'x' })).toString(
      'base64',
    );
    await s.req(
      'continue of another version',
      { path: `${path}?limit=1&continue=${otherVersion}` },
      statusView,
    );
    const p1 = await s.send({ path: `${path}?limit=1` });
    const token = encodeURIComponent(tokenOf(p1?.json));
    await s.req(
      'continue with resourceVersion',
      { path: `${path}?limit=1&continue=${token}&resourceVersion=${rvOf(p1.json)}` },
      statusView,
    );
    await s.req(
      'continue with resourceVersionMatch',
      { path: `${path}?limit=1&continue=${token}&resourceVersionMatch=NotOlderThan` },
      statusView,
    );
  },
};

export const listResourceVersion: Scenario = {
  name: 'list-resource-version',
  about: 'resourceVersion 0, N, resourceVersionMatch NotOlderThan/Exact, and their errors',
  async run(s) {
    await createPods(s, 2);
    const path = podsPath(s.ns);
    const base = await s.send({ path });
    const rv = rvOf(base.json)!;
    const list = (label: string, q: string) => s.req(label, { path: `${path}?${q}` }, listView);
    const a = await list('rv=0', 'resourceVersion=0');
    const b = await list('rv=N', `resourceVersion=${rv}`);
    const c = await list('rv=N NotOlderThan', `resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`);
    const d = await list('rv=N Exact', `resourceVersion=${rv}&resourceVersionMatch=Exact`);
    // rv=0 ("any"), rv=N and NotOlderThan promise only a list no older than N: on either server a pod's status
    // may move on between the requests (the demo's kubelet, kwok), so "the same" and "newer" are one answer.
    // Exact promises N itself.
    const notOlder = (r: typeof a) => {
      const o = rvOrder([rv, rvOf(r?.json)])[0];
      return o === '=' || o === '<' ? 'not older' : (o ?? null);
    };
    s.note('versions against the base list', [
      notOlder(a),
      notOlder(b),
      notOlder(c),
      rvOrder([rv, rvOf(d?.json)])[0] ?? null,
    ]);
    await s.req(
      'resourceVersionMatch without rv',
      { path: `${path}?resourceVersionMatch=NotOlderThan` },
      statusView,
    );
    await s.req(
      'Exact with rv=0',
      { path: `${path}?resourceVersion=0&resourceVersionMatch=Exact` },
      statusView,
    );
    await s.req(
      'unknown resourceVersionMatch',
      { path: `${path}?resourceVersion=${rv}&resourceVersionMatch=Newest` },
      statusView,
    );
    await s.req('rv=abc', { path: `${path}?resourceVersion=abc` }, statusView);
    await s.req(
      'rv far in the future',
      { path: `${path}?resourceVersion=${Number(rv) + 1_000_000}`, timeoutMs: 60_000 },
      numbersOut(statusView),
    );
    await s.req(
      'limit=1 rv=0 (limit ignored from cache)',
      { path: `${path}?limit=1&resourceVersion=0` },
      listView,
    );
  },
};

export const listSnapshot: Scenario = {
  name: 'list-snapshot',
  about: 'a continued list and an Exact list show the objects as they were at their version, not as they are',
  async run(s) {
    await createPods(s, 4);
    const path = podsPath(s.ns);
    const p1 = await s.req('page 1 limit=2', { path: `${path}?limit=2` }, listView);
    const rv = rvOf(p1?.json);
    // Changes after the first page: one pod more (sorting last), one fewer.
    await s.send({ method: 'POST', path, body: podManifest('p-9', { nodeName: 'diff-nowhere' }) });
    await s.send({ method: 'DELETE', path: `${podsPath(s.ns, 'p-3')}?gracePeriodSeconds=0` });
    await s.req(
      'page 2 (continued)',
      { path: `${path}?limit=2&continue=${encodeURIComponent(tokenOf(p1?.json))}` },
      listView,
    );
    await s.req(
      'Exact at the first version',
      { path: `${path}?resourceVersion=${rv}&resourceVersionMatch=Exact` },
      listView,
    );
    await s.req(
      'limit with that version (legacy exact)',
      { path: `${path}?resourceVersion=${rv}&limit=10` },
      listView,
    );
    await s.req(
      'NotOlderThan that version (now)',
      { path: `${path}?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan` },
      listView,
    );
  },
};

export const LIST_SCENARIOS = [
  listSnapshot,
  listPaging,
  listPagingSelector,
  listBadContinue,
  listResourceVersion,
];
