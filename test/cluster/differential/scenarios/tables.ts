/** Server-side printing: the Table a client gets for pods (kubectl get's columns and cells). */
import type { ApiResponse } from '../../api.js';
import type { Scenario } from '../scenario.js';
import { podsPath } from '../scenario.js';
import { AGE } from '../normalise.js';
import { at, statusView } from '../views.js';
import { createPods } from './lists.js';

export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** Columns by name, type, format and priority; rows by cells, and whether they carry an object. */
export function tableView(res: ApiResponse): unknown {
  if (res.status !== 200) return statusView(res);
  const t = res.json as {
    kind?: string;
    apiVersion?: string;
    columnDefinitions?: Record<string, unknown>[];
    rows?: { cells: unknown[]; object?: unknown }[];
    metadata?: unknown;
  };
  return {
    http: res.status,
    kind: t.kind ?? null,
    apiVersion: t.apiVersion ?? null,
    metadata: t.metadata ?? null,
    columns: (t.columnDefinitions ?? []).map((c) => [c['name'], c['type'], c['format'], c['priority']]),
    descriptions: (t.columnDefinitions ?? []).map((c) => c['description']),
    rows: (t.rows ?? []).map((r) =>
      r.cells.map((c) => (typeof c === 'string' ? c.replace(AGE, '<age>') : c)),
    ),
    // absent, null (includeObject=None), or the object's kind.
    objects: (t.rows ?? []).map((r) =>
      r.object === undefined ? 'absent' : r.object === null ? null : (at(r.object, 'kind') ?? 'object'),
    ),
  };
}

export const tablePods: Scenario = {
  name: 'table-pods',
  about: "Table for the scenario's own pods: columns, cells, includeObject, a single pod, a bad as= value",
  async run(s) {
    await createPods(s, 2);
    await s.req('table of pods', { path: podsPath(s.ns), accept: TABLE }, tableView);
    await s.req(
      'includeObject=None',
      { path: `${podsPath(s.ns)}?includeObject=None`, accept: TABLE },
      tableView,
    );
    await s.req(
      'includeObject=Object',
      { path: `${podsPath(s.ns)}?includeObject=Object`, accept: TABLE },
      tableView,
    );
    await s.req('one pod', { path: podsPath(s.ns, 'p-0'), accept: TABLE }, tableView);
    await s.req('table with limit=1', { path: `${podsPath(s.ns)}?limit=1`, accept: TABLE }, tableView);
    await s.req(
      'Table only accepted',
      { path: podsPath(s.ns), accept: 'application/json;as=Table;v=v1beta1;g=meta.k8s.io' },
      tableView,
    );
  },
};

export const tableSeedPods: Scenario = {
  name: 'table-seed-pods',
  about: 'Table for the seed pods of namespace default (as kubectl get pods prints them)',
  async run(s) {
    await s.req('table of default', { path: podsPath('default'), accept: TABLE }, tableView);
  },
};

/** Only the column definitions of a Table (for kinds whose cells differ for reasons of their own). */
function columnsView(res: ApiResponse): unknown {
  const v = tableView(res) as Record<string, unknown>;
  return {
    http: v['http'],
    kind: v['kind'] ?? null,
    columns: v['columns'] ?? null,
    descriptions: v['descriptions'] ?? null,
  };
}

export const tableKinds: Scenario = {
  name: 'table-kinds',
  about:
    'Tables of namespaces, nodes, deployments, replicasets and events: columns; cells where both clusters agree',
  async run(s) {
    const ns = encodeURIComponent(`metadata.name=${s.ns}`);
    await s.req(
      'namespace (cells)',
      { path: `/api/v1/namespaces?fieldSelector=${ns}`, accept: TABLE },
      tableView,
    );
    await s.req('nodes (columns)', { path: '/api/v1/nodes', accept: TABLE }, columnsView);
    // Other suites share the real server's seed: readiness may move, so only the cells that cannot.
    await s.req(
      'deployments in frontend (columns, fixed cells)',
      { path: '/apis/apps/v1/namespaces/frontend/deployments', accept: TABLE },
      (r) => {
        const v = tableView(r) as { rows?: unknown[][] };
        return { ...v, rows: (v.rows ?? []).map((c) => [c[0], c[5], c[6], c[7]]) };
      },
    );
    await s.req(
      'replicasets in frontend (columns)',
      { path: '/apis/apps/v1/namespaces/frontend/replicasets', accept: TABLE },
      columnsView,
    );
    await s.req(
      'events (columns)',
      { path: `/api/v1/namespaces/${s.ns}/events`, accept: TABLE },
      columnsView,
    );
  },
};

export const TABLE_SCENARIOS = [tableKinds, tablePods, tableSeedPods];
