/**
 * The demo's answers that the differential runner found wrong and that now follow kube-apiserver 1.32 — held
 * here without a real server, each expectation being what the real one answered (test/real/differential.test.ts
 * compares the two directly).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, ApiTarget } from '../cluster/api.js';
import { apiJson, apiRequest } from '../cluster/api.js';
import { openWatch } from '../cluster/differential/watchStream.js';
import type { DemoServer } from '../../src/demo/server.js';
import { startDemoCluster } from '../../src/demo/server.js';

let demo: DemoServer;
let t: ApiTarget;
const NS = 'semantics';
const pods = `/api/v1/namespaces/${NS}/pods`;

const msg = (r: ApiResponse): unknown => (r.json as { message?: string }).message;

beforeAll(async () => {
  demo = await startDemoCluster({ seed: 7 });
  t = { server: demo.url, caCert: demo.caCert, token: demo.token };
  await apiJson(t, { method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: NS } } });
  for (let i = 0; i < 4; i++) {
    await apiJson(t, {
      method: 'POST',
      path: pods,
      body: {
        metadata: { name: `p-${i}`, labels: { parity: i % 2 ? 'odd' : 'even' } },
        spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx' }] },
      },
    });
  }
});
afterAll(async () => {
  await demo.close();
});

describe('list', () => {
  it('pages without remainingItemCount under a selector, with a continue while keys remain', async () => {
    const r = await apiJson<{ metadata: Record<string, unknown> }>(t, {
      path: `${pods}?labelSelector=parity%3Deven&limit=2`,
    });
    expect(r.metadata['continue']).toBeTruthy();
    expect(r.metadata).not.toHaveProperty('remainingItemCount');
  });

  it('continues a list at the version of its first page, as etcd does', async () => {
    const first = await apiJson<{ metadata: { continue: string } }>(t, { path: `${pods}?limit=2` });
    await apiJson(t, {
      method: 'POST',
      path: pods,
      body: {
        metadata: { name: 'p-9' },
        spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx' }] },
      },
    });
    const next = await apiJson<{ items: { metadata: { name: string } }[] }>(t, {
      path: `${pods}?limit=2&continue=${encodeURIComponent(first.metadata.continue)}`,
    });
    expect(next.items.map((p) => p.metadata.name)).toEqual(['p-2', 'p-3']);
    await apiRequest(t, { method: 'DELETE', path: `${pods}/p-9?gracePeriodSeconds=0` });
  });

  it('ignores the limit at resourceVersion 0 (the watch cache)', async () => {
    const r = await apiJson<{ items: unknown[] }>(t, { path: `${pods}?limit=1&resourceVersion=0` });
    expect(r.items).toHaveLength(4);
  });

  it('refuses continue tokens and options as the API server words it', async () => {
    expect(msg(await apiRequest(t, { path: `${pods}?limit=1&continue=garbage!` }))).toBe(
      'invalid continue token: continue key is not valid: illegal base64 data at input byte 7',
    );
    const bad = await apiRequest(t, { path: `${pods}?resourceVersionMatch=NotOlderThan` });
    expect(bad.status).toBe(422);
    expect(msg(bad)).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
    const abc = await apiRequest(t, { path: `${pods}?resourceVersion=abc` });
    expect([abc.status, (abc.json as { reason?: string }).reason]).toEqual([500, undefined]);
  });

  it('parses label selectors as labels.Parse', async () => {
    const sel = async (s: string) =>
      msg(await apiRequest(t, { path: `${pods}?labelSelector=${encodeURIComponent(s)}` }));
    expect(await sel('tier in (db')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(await sel('=web')).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(await sel('Tier_X!')).toBe(
      "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt",
    );
    const gt = await apiRequest(t, { path: `${pods}?labelSelector=${encodeURIComponent('x>1')}` });
    expect(gt.status).toBe(200);
  });

  it('reports the first unsupported field label in sorted order', async () => {
    const r = await apiRequest(t, {
      path: `${pods}?fieldSelector=${encodeURIComponent('spec.foo=1,spec.bar=2')}`,
    });
    expect(msg(r)).toBe('field label not supported: spec.bar');
  });
});

describe('watch', () => {
  it('ends a watch-list’s initial events with the initial-events-end bookmark', async () => {
    const w = await openWatch(
      t,
      `${pods}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`,
    );
    await w.until((ev) => ev.some((e) => e.type === 'BOOKMARK'), 5_000);
    w.stop();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'ADDED', 'ADDED', 'BOOKMARK']);
    const meta = w.events[4]!.object['metadata'] as { annotations: Record<string, string> };
    expect(meta.annotations['k8s.io/initial-events-end']).toBe('true');
  });
});

describe('delete', () => {
  it('checks preconditions, dry runs change nothing, grace 0 still passes through a deletionTimestamp', async () => {
    const pre = await apiRequest(t, {
      method: 'DELETE',
      path: `${pods}/p-0`,
      body: { preconditions: { uid: 'not-it' } },
    });
    expect(pre.status).toBe(409);
    expect(msg(pre)).toMatch(
      /^Operation cannot be fulfilled on Pod "p-0": the UID in the precondition \(not-it\)/,
    );
    const dry = await apiJson<{ metadata: { deletionTimestamp?: string } }>(t, {
      method: 'DELETE',
      path: `${pods}/p-0?dryRun=All`,
    });
    expect(dry.metadata.deletionTimestamp).toBeTruthy();
    expect((await apiRequest(t, { path: `${pods}/p-0` })).status).toBe(200);
    const gone = await apiJson<{ metadata: { deletionGracePeriodSeconds?: number } }>(t, {
      method: 'DELETE',
      path: `${pods}/p-0?gracePeriodSeconds=0`,
    });
    expect(gone.metadata.deletionGracePeriodSeconds).toBe(0);
    expect((await apiRequest(t, { path: `${pods}/p-0` })).status).toBe(404);
  });
});

describe('binding and eviction', () => {
  it('binds once, then answers 409; evicts with a Status', async () => {
    const bind = (node: string) =>
      apiRequest(t, {
        method: 'POST',
        path: `${pods}/p-1/binding`,
        body: { metadata: { name: 'p-1' }, target: { kind: 'Node', name: node } },
      });
    const again = await bind('other');
    expect(again.status).toBe(409);
    expect(msg(again)).toBe(
      'Operation cannot be fulfilled on pods/binding "p-1": pod p-1 is already assigned to node "nowhere"',
    );
    const evict = await apiRequest(t, {
      method: 'POST',
      path: `${pods}/p-1/eviction`,
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p-1' } },
    });
    expect([evict.status, (evict.json as { status?: string }).status]).toEqual([201, 'Success']);
  });
});

describe('server-side apply', () => {
  it('creates, refuses a change to another manager’s field with the fieldmanager’s 409, and takes it when forced', async () => {
    const path = `${pods}/ssa`;
    const body = (owner: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'ssa', labels: { owner } },
        spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx' }] },
      });
    const apply = (q: string, owner: string) =>
      apiRequest(t, {
        method: 'PATCH',
        path: `${path}?${q}`,
        body: body(owner),
        contentType: 'application/apply-patch+yaml',
      });
    expect((await apply('fieldManager=a', 'a')).status).toBe(201);
    const conflict = await apply('fieldManager=b', 'b');
    expect([conflict.status, msg(conflict)]).toEqual([
      409,
      'Apply failed with 1 conflict: conflict with "a": .metadata.labels.owner',
    ]);
    const forced = await apply('fieldManager=b&force=true', 'b');
    expect((forced.json as { metadata: { labels: Record<string, string> } }).metadata.labels).toEqual({
      owner: 'b',
    });
    const none = await apply('', 'c');
    expect(msg(none)).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  });
});

describe('patch', () => {
  it('answers 415 for a Content-Type that is no patch type', async () => {
    const r = await apiRequest(t, {
      method: 'PATCH',
      path: `${pods}/p-2`,
      body: '{}',
      contentType: 'application/json',
    });
    expect([r.status, msg(r)]).toEqual([415, '415: Unsupported Media Type']);
  });
});
