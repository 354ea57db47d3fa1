/**
 * rbac.authorization.k8s.io/v1 as the admin sees it: creating Roles, ClusterRoles and bindings (the stored object
 * whole: defaults, field order, `rules: null`, managedFields), the 422s of invalid ones, a binding's immutable
 * roleRef, server-side printing, deletes, and the default ClusterRoles the API server bootstraps. What restricted
 * users are answered is compared in test/real/rbac.test.ts (each user there has a certificate of its own).
 */
import type { ApiResponse } from '../../api.js';
import type { Scenario } from '../scenario.js';
import { at, statusView } from '../views.js';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** The object as sent back, whole (normalisation masks uids, times and versions), or the Status. */
const whole = (r: ApiResponse) => (r.status >= 400 ? statusView(r) : { http: r.status, body: r.json });

const tableView = (r: ApiResponse) =>
  r.status >= 400
    ? statusView(r)
    : {
        http: r.status,
        columns: at(r.json, 'columnDefinitions') ?? null,
        cells: ((at(r.json, 'rows') ?? []) as { cells: unknown[] }[]).map((row) => row.cells),
      };

export const rbacObjects: Scenario = {
  name: 'rbac-objects',
  about: 'create, read as Table, update and delete Roles, ClusterRoles and bindings; their defaults and 422s',
  async run(s) {
    const ns = `${RBAC}/namespaces/${s.ns}`;
    const clusterRole = `diff-${s.ns}-reader`;
    const post = (label: string, path: string, body: object) =>
      s.req(label, { method: 'POST', path, body }, whole);
    await post('role', `${ns}/roles`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader' },
      rules: [
        { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['pods'], resourceNames: ['web'], verbs: ['delete'] },
      ],
    });
    await post('role without rules', `${ns}/roles`, { kind: 'Role', metadata: { name: 'empty' } });
    await post('cluster role', `${RBAC}/clusterroles`, {
      kind: 'ClusterRole',
      metadata: { name: clusterRole },
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
        { nonResourceURLs: ['/healthz', '/metrics*'], verbs: ['get'] },
      ],
    });
    await post('binding, defaults left to the server', `${ns}/rolebindings`, {
      kind: 'RoleBinding',
      metadata: { name: 'readers' },
      roleRef: { kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'robot', namespace: s.ns },
      ],
    });
    await post('binding to a cluster role', `${ns}/rolebindings`, {
      kind: 'RoleBinding',
      metadata: { name: 'node-readers' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    });
    await post('invalid binding', `${ns}/rolebindings`, {
      kind: 'RoleBinding',
      metadata: { name: 'bad' },
      roleRef: { apiGroup: 'example.com', kind: 'Robot', name: 'a/b' },
      subjects: [
        { kind: 'Thing', name: '' },
        { kind: 'ServiceAccount', name: 'x', apiGroup: 'y' },
      ],
    });
    await post('invalid role', `${ns}/roles`, {
      kind: 'Role',
      metadata: { name: 'bad' },
      rules: [{ verbs: [] }, { verbs: ['get'], nonResourceURLs: ['/x'], resources: ['pods'] }],
    });
    await post('cluster binding to a Role', `${RBAC}/clusterrolebindings`, {
      kind: 'ClusterRoleBinding',
      metadata: { name: `diff-${s.ns}-bad` },
      roleRef: { kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'robot' }],
    });
    await post('duplicate role', `${ns}/roles`, { kind: 'Role', metadata: { name: 'pod-reader' } });

    const readers = await s.send({ path: `${ns}/rolebindings/readers` });
    const current = readers.json as Record<string, unknown>;
    await s.req(
      'change a roleRef',
      {
        method: 'PUT',
        path: `${ns}/rolebindings/readers`,
        body: {
          ...current,
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        },
      },
      whole,
    );
    await s.req(
      'change the subjects',
      {
        method: 'PUT',
        path: `${ns}/rolebindings/readers`,
        body: { ...current, subjects: [{ kind: 'User', name: 'bob' }] },
      },
      whole,
    );
    await s.req(
      'patch the rules',
      {
        method: 'PATCH',
        path: `${ns}/roles/pod-reader`,
        contentType: 'application/merge-patch+json',
        body: { rules: [{ apiGroups: [''], resources: ['events'], verbs: ['watch'] }] },
      },
      whole,
    );

    await s.req('roles as a table', { path: `${ns}/roles`, accept: TABLE }, tableView);
    await s.req('bindings as a table', { path: `${ns}/rolebindings`, accept: TABLE }, tableView);
    await post('cluster binding', `${RBAC}/clusterrolebindings`, {
      kind: 'ClusterRoleBinding',
      metadata: { name: clusterRole },
      roleRef: { kind: 'ClusterRole', name: clusterRole },
      subjects: [
        { kind: 'ServiceAccount', name: 'robot', namespace: s.ns },
        { kind: 'Group', name: 'devs' },
      ],
    });
    await s.req(
      'cluster binding as a table',
      { path: `${RBAC}/clusterrolebindings/${clusterRole}`, accept: TABLE },
      tableView,
    );
    await s.req(
      'cluster role as a table',
      { path: `${RBAC}/clusterroles/${clusterRole}`, accept: TABLE },
      tableView,
    );

    await s.req('delete a role', { method: 'DELETE', path: `${ns}/roles/empty` }, whole);
    await s.req('delete it again', { method: 'DELETE', path: `${ns}/roles/empty` }, whole);
    await s.req(
      'delete the cluster role',
      { method: 'DELETE', path: `${RBAC}/clusterroles/${clusterRole}` },
      whole,
    );
    await s.req('get a missing cluster binding', { path: `${RBAC}/clusterrolebindings/diff-none` }, whole);
  },
};

export const rbacBootstrap: Scenario = {
  name: 'rbac-bootstrap',
  about:
    "the default ClusterRoles and ClusterRoleBindings users rely on, as the API server's bootstrap policy makes them",
  async run(s) {
    const roles = [
      'cluster-admin',
      'admin',
      'edit',
      'view',
      'system:basic-user',
      'system:discovery',
      'system:public-info-viewer',
    ];
    const view = (r: ApiResponse) =>
      r.status >= 400
        ? statusView(r)
        : {
            labels: at(r.json, 'metadata.labels') ?? null,
            annotations: at(r.json, 'metadata.annotations') ?? null,
            aggregationRule: at(r.json, 'aggregationRule') ?? null,
            rules: at(r.json, 'rules') ?? null,
            roleRef: at(r.json, 'roleRef') ?? null,
            subjects: at(r.json, 'subjects') ?? null,
          };
    for (const name of roles) {
      await s.req(`clusterrole ${name}`, { path: `${RBAC}/clusterroles/${name}` }, view);
    }
    for (const name of [
      'cluster-admin',
      'system:basic-user',
      'system:discovery',
      'system:public-info-viewer',
    ]) {
      await s.req(`clusterrolebinding ${name}`, { path: `${RBAC}/clusterrolebindings/${name}` }, view);
    }
  },
};

export const RBAC_SCENARIOS = [rbacObjects, rbacBootstrap];
