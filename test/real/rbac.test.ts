/**
 * RBAC on the demo against the real kube-apiserver: the same Roles, bindings and users on both, then what kubectl
 * prints (403s, `auth can-i`, `auth can-i --list`, `get roles,rolebindings`, validation errors) and the exact 403
 * and access-review bodies must be the same. What is left different is in test/cluster/known-differences.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoServer } from '../../src/demo/server.js';
import { realCluster } from '../support/realCluster.js';
import {
  certRequest,
  masked,
  RBAC_MANIFEST,
  RBAC_NS,
  RBAC_OTHER_NS,
  rbacSide,
  type RbacSide,
} from '../support/rbacReferee.js';
import { waitFor } from '../support/waitFor.js';

let demo: DemoServer;
let sides: RbacSide[];

async function applyManifest(side: RbacSide): Promise<void> {
  // The real server refuses the pod until the namespace's default service account exists: retried.
  await waitFor(
    async () => {
      const r = await side.admin.run(['apply', '-f', '-'], RBAC_MANIFEST);
      if (r.code !== 0) throw new Error(r.stderr);
      return true;
    },
    `the RBAC manifest applied on ${side.name}`,
    30_000,
    250,
  );
}

beforeAll(async () => {
  demo = await startDemoCluster({ populate: false });
  const real = realCluster();
  sides = [
    await rbacSide('demo', demo.url, demo.ca, demo.kubeconfig()),
    await rbacSide('real', real.server, { cert: real.caCert, key: real.caKey }, real.kubeconfig),
  ];
  for (const s of sides) await applyManifest(s);
});

afterAll(async () => {
  const real = sides.find((s) => s.name === 'real');
  await real?.admin.run([
    'delete',
    '--wait=false',
    'ns/' + RBAC_NS,
    'ns/' + RBAC_OTHER_NS,
    'clusterrole/real-rbac-editor',
    'clusterrole/real-rbac-node-reader',
    'clusterrolebinding/real-rbac-node-reader',
  ]);
  await demo.close();
});

/** Runs the same kubectl on both clusters; returns [demo, real], masked. */
async function both(user: string | 'admin', args: string[], input?: string) {
  return Promise.all(
    sides.map(async (s) => masked(await (user === 'admin' ? s.admin : s.as[user]!).run(args, input))),
  );
}

const KUBECTL_CASES: [string, string[]][] = [
  ['rbac-viewer', ['get', 'pods', '-o', 'name']],
  ['rbac-viewer', ['get', 'pods', '-A']],
  ['rbac-viewer', ['get', 'pods', '-n', RBAC_OTHER_NS]],
  ['rbac-viewer', ['get', 'pods', '-w', '--request-timeout=1s', '-A']],
  ['rbac-viewer', ['delete', 'pod', 'p']],
  ['rbac-viewer', ['exec', 'p', '--', 'true']],
  ['rbac-viewer', ['get', 'nodes']],
  ['rbac-viewer', ['get', 'roles']],
  ['rbac-viewer', ['get', '--raw', '/not-served']],
  ['rbac-viewer', ['auth', 'can-i', 'list', 'pods']],
  ['rbac-viewer', ['auth', 'can-i', 'list', 'pods', '-A']],
  ['rbac-viewer', ['auth', 'can-i', 'get', 'pods', '--subresource=log']],
  ['rbac-viewer', ['auth', 'can-i', 'create', 'pods/exec']],
  ['rbac-viewer', ['auth', 'can-i', 'get', '/api']],
  ['rbac-viewer', ['auth', 'can-i', '--list']],
  ['rbac-editor', ['exec', 'p', '--', 'true']],
  ['rbac-editor', ['delete', 'pod', 'p', '--dry-run=server']],
  ['rbac-editor', ['label', 'pod', 'p', 'x=y', '--dry-run=server']],
  ['rbac-editor', ['auth', 'can-i', 'patch', 'pods/p']],
  ['rbac-editor', ['auth', 'can-i', 'patch', 'pods/q']],
  ['rbac-editor', ['auth', 'can-i', 'create', 'pods', '--subresource=portforward']],
  ['rbac-editor', ['auth', 'can-i', 'list', 'nodes']],
  ['rbac-editor', ['auth', 'can-i', '--list']],
  ['rbac-editor', ['auth', 'can-i', '--list', '-n', RBAC_OTHER_NS]],
  ['rbac-broken', ['get', 'pods']],
  ['rbac-broken', ['auth', 'can-i', 'list', 'pods']],
  ['rbac-broken', ['auth', 'can-i', '--list']],
  ['rbac-nobody', ['get', 'pods']],
  ['rbac-nobody', ['auth', 'can-i', '--list']],
  ['admin', ['get', 'roles,rolebindings']],
  ['admin', ['get', 'rolebindings', '-o', 'wide']],
  ['admin', ['get', 'clusterrolebinding', 'real-rbac-node-reader', 'cluster-admin', '-o', 'wide']],
  ['admin', ['get', 'clusterroles', 'view', 'edit', 'admin', 'cluster-admin', 'real-rbac-editor']],
  ['admin', ['auth', 'can-i', '--list']],
];

describe('RBAC: the demo answers as kube-apiserver 1.32 does', () => {
  it.each(KUBECTL_CASES)('as %s: kubectl %j', async (user, args) => {
    const [d, r] = await both(user, ['-n', RBAC_NS, ...args]);
    expect(d).toEqual(r);
  });

  it('refuses invalid roles and bindings with the same 422s', async () => {
    const bad = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bad, namespace: ${RBAC_NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Foo, name: ""}
subjects:
- {kind: Robot, name: r2}
- {kind: ServiceAccount, name: sa, apiGroup: x}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: bad, namespace: ${RBAC_NS}}
rules:
- nonResourceURLs: [/x]
  apiGroups: [""]
  verbs: []
- verbs: [get]
`;
    const [d, r] = await both('admin', ['create', '-f', '-'], bad);
    expect(d).toEqual(r);
    expect(r!.stderr).toContain('is invalid');
    const [sd, sr] = await both('admin', ['apply', '--server-side', '-f', '-'], bad);
    expect(sd).toEqual(sr);
    expect(sr!.stderr).toContain('is invalid');
  });

  it('refuses a changed roleRef with the same message', async () => {
    const changed = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: ${RBAC_NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: User, name: rbac-viewer, apiGroup: rbac.authorization.k8s.io}
`;
    const [d, r] = await both('admin', ['replace', '-f', '-'], changed);
    expect(d).toEqual(r);
    expect(r!.stderr).toContain('cannot change roleRef');
  });

  it('refuses a changed roleRef in a server-side apply too', async () => {
    const changed = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: ${RBAC_NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- {kind: User, name: rbac-viewer, apiGroup: rbac.authorization.k8s.io}
`;
    const [d, r] = await both('admin', ['apply', '--server-side', '--force-conflicts', '-f', '-'], changed);
    expect(d).toEqual(r);
    expect(r!.stderr).toContain('cannot change roleRef');
  });

  it('sends byte-identical 403 Status bodies', async () => {
    const requests: [string, string, string][] = [
      ['rbac-viewer', 'GET', '/api/v1/pods'],
      ['rbac-viewer', 'GET', `/api/v1/namespaces/${RBAC_OTHER_NS}/pods?watch=true`],
      ['rbac-viewer', 'DELETE', `/api/v1/namespaces/${RBAC_NS}/pods/p`],
      ['rbac-viewer', 'DELETE', `/api/v1/namespaces/${RBAC_NS}/pods`],
      ['rbac-viewer', 'POST', `/api/v1/namespaces/${RBAC_NS}/pods/p/exec?command=true&stdout=true`],
      // A WebSocket exec is a GET: 1.32 authorizes it as `get` on pods/exec (the create check came in 1.35).
      ['rbac-viewer', 'GET', `/api/v1/namespaces/${RBAC_NS}/pods/p/exec?command=true&stdout=true`],
      ['rbac-viewer', 'POST', `/api/v1/namespaces/${RBAC_NS}/pods/p/portforward`],
      ['rbac-nobody', 'GET', `/api/v1/namespaces/${RBAC_NS}/pods/p/log`],
      ['rbac-nobody', 'GET', `/apis/metrics.k8s.io/v1beta1/namespaces/${RBAC_NS}/pods`],
      ['rbac-viewer', 'GET', `/api/v1/namespaces/${RBAC_OTHER_NS}`],
      [
        'rbac-viewer',
        'GET',
        `/api/v1/namespaces/${RBAC_OTHER_NS}/pods?fieldSelector=metadata.name%3Dp&watch=1`,
      ],
      ['rbac-viewer', 'GET', `/apis/rbac.authorization.k8s.io/v1/namespaces/${RBAC_NS}/roles/pod-viewer`],
      ['rbac-viewer', 'GET', '/apis/apps/v1/deployments'],
      ['rbac-viewer', 'GET', '/not-served'],
      ['rbac-broken', 'GET', `/api/v1/namespaces/${RBAC_NS}/pods`],
      ['rbac-nobody', 'PATCH', `/api/v1/nodes/x/status`],
    ];
    for (const [user, method, path] of requests) {
      const [d, r] = await Promise.all(sides.map((s) => certRequest(s, user, method, path)));
      expect({ user, method, path, ...d }).toEqual({ user, method, path, ...r });
      expect(r!.status).toBe(403);
    }
  });

  it('answers access reviews with the same decisions and reasons', async () => {
    const ssar = (resourceAttributes: object) => ({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes },
    });
    const cases: [string, object][] = [
      ['rbac-editor', ssar({ verb: 'delete', resource: 'pods', namespace: RBAC_NS })],
      ['rbac-editor', ssar({ verb: 'list', resource: 'nodes' })],
      ['rbac-editor', ssar({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: RBAC_NS })],
      ['rbac-viewer', ssar({ verb: 'get', resource: 'pods', subresource: 'log', namespace: RBAC_NS })],
      ['rbac-broken', ssar({ verb: 'list', resource: 'pods', namespace: RBAC_NS })],
      [
        'rbac-viewer',
        {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          // Only system:discovery allows /api: the reason names one binding whatever order they are visited in.
          spec: { nonResourceAttributes: { verb: 'get', path: '/api' } },
        },
      ],
    ];
    for (const [user, body] of cases) {
      const [d, r] = await Promise.all(
        sides.map((s) =>
          certRequest(s, user, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body),
        ),
      );
      expect({ user, ...timeless(d!) }).toEqual({ user, ...timeless(r!) });
      expect(r!.status).toBe(201);
    }
  });
});

/** A response with the managedFields' times masked: the two servers answer at different moments. */
function timeless(r: { status: number; json: unknown }) {
  return {
    ...r,
    json: JSON.parse(JSON.stringify(r.json).replace(/"time":"[^"]+"/g, '"time":"<time>"')) as unknown,
  };
}
