/**
 * The demo cluster's users and what each may do, as real RBAC objects (kubectl can read them):
 * - `podscope-demo`: everything (system:masters, as kubeadm's admin.conf user), bearer token;
 * - `podscope-demo-viewer`: get/list/watch pods, pods/log and events in `default` and `frontend` (Role
 *   `pod-viewer` in each, bound by RoleBinding `podscope-demo-viewer`), bearer token;
 * - `podscope-demo-editor`: the viewer's rights plus delete pods and port-forward (ClusterRole
 *   `podscope-demo-editor`, bound in each namespace by RoleBinding `podscope-demo-editor`), no exec; a client
 *   certificate signed by the demo CA.
 * Port-forward is granted as `get` and `create` on pods/portforward: kubectl 1.32 opens it with a WebSocket GET
 * (authorized as `get`: the create check of AuthorizePodWebsocketUpgradeCreatePermission only came in 1.35) and
 * falls back to SPDY, a POST (`create`).
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../domain/wire.js';
import { signClientCertificate, type KeyPair } from '../tls.js';
import type { Authenticator } from './authenticator.js';
import type { PolicyRule } from './rbacRules.js';
import { authenticatedUser, DEMO_ADMIN } from './userInfo.js';

export const VIEWER_USER = 'podscope-demo-viewer';
export const EDITOR_USER = 'podscope-demo-editor';
/** The namespaces the viewer and editor may use. */
export const DEMO_USER_NAMESPACES = ['default', 'frontend'] as const;

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const VIEW_RULES: PolicyRule[] = [
  { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'pods/log', 'events'] },
];

const EDIT_RULES: PolicyRule[] = [
  ...VIEW_RULES,
  { verbs: ['delete'], apiGroups: [''], resources: ['pods'] },
  { verbs: ['get', 'create'], apiGroups: [''], resources: ['pods/portforward'] },
];

function binding(namespace: string, name: string, roleKind: string, roleName: string, user: string) {
  return {
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: roleName },
    subjects: [{ apiGroup: RBAC_GROUP, kind: 'User', name: user }],
  };
}

export const DEMO_RBAC_OBJECTS: readonly KubeObject[] = [
  { kind: 'ClusterRole', metadata: { name: EDITOR_USER }, rules: EDIT_RULES },
  ...DEMO_USER_NAMESPACES.flatMap((ns) => [
    { kind: 'Role', metadata: { name: 'pod-viewer', namespace: ns }, rules: VIEW_RULES },
    binding(ns, VIEWER_USER, 'Role', 'pod-viewer', VIEWER_USER),
    binding(ns, EDITOR_USER, 'ClusterRole', EDITOR_USER, EDITOR_USER),
  ]),
];

/** A demo user: its context in the kubeconfig, who the server takes it for, and its credential. */
export interface DemoUser {
  context: string;
  username: string;
  groups: readonly string[];
  namespace: 'default';
  token?: string;
  clientCertificate?: KeyPair;
}

/**
 * Makes the restricted users' credentials and has the authenticator accept them: a random bearer token for the
 * viewer, a client certificate the demo CA signs for the editor. The admin (its token already accepted) comes first.
 */
export async function makeDemoUsers(
  authenticator: Authenticator,
  ca: KeyPair,
  adminToken: string,
): Promise<DemoUser[]> {
  const viewerToken = randomBytes(24).toString('base64url');
  authenticator.addToken(viewerToken, authenticatedUser(VIEWER_USER, []));
  const editorCert = await signClientCertificate(ca, EDITOR_USER);
  return [
    {
      context: DEMO_ADMIN.username,
      username: DEMO_ADMIN.username,
      groups: DEMO_ADMIN.groups,
      namespace: 'default',
      token: adminToken,
    },
    {
      context: VIEWER_USER,
      username: VIEWER_USER,
      groups: ['system:authenticated'],
      namespace: 'default',
      token: viewerToken,
    },
    {
      context: EDITOR_USER,
      username: EDITOR_USER,
      groups: ['system:authenticated'],
      namespace: 'default',
      clientCertificate: editorCert,
    },
  ];
}
