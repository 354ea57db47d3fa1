/** Subresources: status (PUT/PATCH), ephemeralcontainers, binding and eviction. */
import type { Scenario } from '../scenario.js';
import { podManifest, podsPath } from '../scenario.js';
import { at, objectView, statusView } from '../views.js';

const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

export const statusSubresource: Scenario = {
  name: 'status-subresource',
  about: 'PATCH and PUT of pods/status change status only; the main resource ignores status',
  async run(s) {
    await s.send({
      method: 'POST',
      path: podsPath(s.ns),
      body: podManifest('st', { nodeName: 'diff-nowhere' }),
    });
    const view = objectView('metadata.labels', 'status.phase', 'status.message', 'spec.containers');
    await s.req(
      'patch status',
      {
        method: 'PATCH',
        path: podsPath(s.ns, 'st', 'status'),
        body: { status: { message: 'hi' }, metadata: { labels: { ignored: 'yes' } } },
        contentType: MERGE,
      },
      view,
    );
    const cur = await s.send({ path: podsPath(s.ns, 'st') });
    const pod = cur.json as Record<string, unknown>;
    await s.req(
      'put status',
      {
        method: 'PUT',
        path: podsPath(s.ns, 'st', 'status'),
        body: { ...pod, status: { ...(pod['status'] as object), message: 'put' } },
      },
      view,
    );
    await s.req(
      'put status with a stale resourceVersion',
      { method: 'PUT', path: podsPath(s.ns, 'st', 'status'), body: { ...pod, status: { message: 'stale' } } },
      statusView,
    );
    await s.req(
      'patch main resource status (ignored)',
      {
        method: 'PATCH',
        path: podsPath(s.ns, 'st'),
        body: { status: { message: 'main' } },
        contentType: MERGE,
      },
      view,
    );
    await s.req('get status', { path: podsPath(s.ns, 'st', 'status') }, objectView('kind', 'status.message'));
    await s.req('delete status', { method: 'DELETE', path: podsPath(s.ns, 'st', 'status') }, statusView);
  },
};

export const ephemeralContainers: Scenario = {
  name: 'ephemeral-containers',
  about: 'the ephemeralcontainers subresource: get, add one by strategic patch, invalid changes',
  async run(s) {
    await s.send({
      method: 'POST',
      path: podsPath(s.ns),
      body: podManifest('eph', { nodeName: 'diff-nowhere' }),
    });
    const path = podsPath(s.ns, 'eph', 'ephemeralcontainers');
    const names = (r: { status: number; json: unknown }) => ({
      http: r.status,
      kind: at(r.json, 'kind') ?? null,
      ephemeral: (
        (at(r.json, 'spec.ephemeralContainers') as
          { name: string; image: string; terminationMessagePolicy?: string }[] | undefined) ?? []
      ).map((c) => [c.name, c.image, c.terminationMessagePolicy ?? null]),
    });
    await s.req('get', { path }, names);
    await s.req(
      'add debugger',
      {
        method: 'PATCH',
        path,
        contentType: STRATEGIC,
        body: {
          spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox', stdin: true, tty: true }] },
        },
      },
      names,
    );
    await s.req(
      'change its image (invalid)',
      {
        method: 'PATCH',
        path,
        contentType: STRATEGIC,
        body: { spec: { ephemeralContainers: [{ name: 'debugger', image: 'alpine' }] } },
      },
      statusView,
    );
    await s.req(
      'with ports (invalid)',
      {
        method: 'PATCH',
        path,
        contentType: STRATEGIC,
        body: {
          spec: { ephemeralContainers: [{ name: 'd2', image: 'busybox', ports: [{ containerPort: 80 }] }] },
        },
      },
      statusView,
    );
    await s.req('missing pod', { path: podsPath(s.ns, 'nope', 'ephemeralcontainers') }, statusView);
  },
};

export const binding: Scenario = {
  name: 'binding',
  about: 'POST pods/NAME/binding binds an unscheduled pod; binding again is a 409',
  async run(s) {
    // schedulerName nobody runs: no scheduler binds it first.
    await s.send({
      method: 'POST',
      path: podsPath(s.ns),
      body: {
        ...podManifest('b-1'),
        spec: { schedulerName: 'diff-nobody', containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
    });
    await new Promise((r) => setTimeout(r, 500));
    await s.req('unscheduled', { path: podsPath(s.ns, 'b-1') }, objectView('spec.nodeName', 'status.phase'));
    const bind = (label: string, node: string, name = 'b-1') =>
      s.req(
        label,
        {
          method: 'POST',
          path: podsPath(s.ns, name, 'binding'),
          body: {
            apiVersion: 'v1',
            kind: 'Binding',
            metadata: { name },
            target: { apiVersion: 'v1', kind: 'Node', name: node },
          },
        },
        statusView,
      );
    await bind('bind', 'diff-nowhere');
    await s.req('bound', { path: podsPath(s.ns, 'b-1') }, objectView('spec.nodeName', 'status.conditions'));
    await bind('bind again', 'diff-elsewhere');
    await bind('bind a missing pod', 'diff-nowhere', 'nope');
  },
};

export const eviction: Scenario = {
  name: 'eviction',
  about: 'POST pods/NAME/eviction deletes the pod gracefully; a missing pod is a 404',
  async run(s) {
    await s.send({
      method: 'POST',
      path: podsPath(s.ns),
      body: podManifest('ev', { nodeName: 'diff-nowhere' }),
    });
    const evict = (label: string, name: string, body: object = {}) =>
      s.req(
        label,
        {
          method: 'POST',
          path: podsPath(s.ns, name, 'eviction'),
          body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: s.ns }, ...body },
        },
        statusView,
      );
    await evict('evict', 'ev', { deleteOptions: { gracePeriodSeconds: 0 } });
    await s.req('evicted pod', { path: podsPath(s.ns, 'ev') }, statusView);
    await evict('evict a missing pod', 'nope');
    await s.req(
      'eviction name mismatch',
      {
        method: 'POST',
        path: podsPath(s.ns, 'ev', 'eviction'),
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'other' } },
      },
      statusView,
    );
  },
};

export const SUBRESOURCE_SCENARIOS = [statusSubresource, ephemeralContainers, binding, eviction];
