/**
 * The same RBAC world on the demo and on the real control plane, for comparing what each answers: a namespace
 * with a pod, Roles, ClusterRoles and bindings (one naming a role that does not exist), and users who authenticate
 * with client certificates each cluster's CA signs (kubectl contexts of their own). Outputs are compared after
 * masking what may differ between any two runs: ages and creation times.
 */
import { request } from 'node:https';
import { kubeconfigYaml } from '../../src/demo/kubeconfig.js';
import { signClientCertificate, type KeyPair } from '../../src/demo/tls.js';
import { Kubectl, type KubectlResult } from './kubectl.js';

export const RBAC_NS = 'real-rbac';
export const RBAC_OTHER_NS = 'real-rbac-other';

/** Who the scenarios act as: CN of the certificate, and its groups (O). */
export const RBAC_USERS: Record<string, readonly string[]> = {
  'rbac-viewer': [],
  'rbac-editor': ['rbac-team'],
  'rbac-broken': [],
  'rbac-nobody': [],
};

/** Applied by the admin, in this order, on both clusters. */
export const RBAC_MANIFEST = `
apiVersion: v1
kind: Namespace
metadata: {name: ${RBAC_NS}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ${RBAC_OTHER_NS}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-viewer, namespace: ${RBAC_NS}}
rules:
- apiGroups: [""]
  resources: [pods, pods/log, events]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: ${RBAC_NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-viewer}
subjects:
- {kind: User, name: rbac-viewer, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: real-rbac-editor}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch, delete]
- apiGroups: [""]
  resources: [pods/portforward]
  verbs: [get, create]
- apiGroups: [""]
  resources: [pods]
  resourceNames: [p]
  verbs: [patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: editor, namespace: ${RBAC_NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: real-rbac-editor}
subjects:
- {kind: Group, name: rbac-team, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: robot, namespace: ${RBAC_NS}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: real-rbac-node-reader}
rules:
- apiGroups: [""]
  resources: [nodes]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: real-rbac-node-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: real-rbac-node-reader}
subjects:
- {kind: User, name: rbac-editor, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: broken, namespace: ${RBAC_NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: missing-role}
subjects:
- {kind: User, name: rbac-broken, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${RBAC_NS}}
spec:
  containers:
  - {name: c, image: busybox}
`;

/** One cluster seen as the admin and as each user. */
export interface RbacSide {
  name: 'demo' | 'real';
  server: string;
  caCert: string;
  admin: Kubectl;
  as: Record<string, Kubectl>;
  certs: Record<string, KeyPair>;
}

/** Signs each user's certificate with `ca` and makes a kubectl for it (namespace RBAC_NS). */
export async function rbacSide(
  name: RbacSide['name'],
  server: string,
  ca: KeyPair,
  adminKubeconfig: string,
): Promise<RbacSide> {
  const as: Record<string, Kubectl> = {};
  const certs: Record<string, KeyPair> = {};
  for (const [user, groups] of Object.entries(RBAC_USERS)) {
    certs[user] = await signClientCertificate(ca, user, groups);
    const kubeconfig = kubeconfigYaml({
      server,
      caCert: ca.cert,
      token: 'unused',
      users: [{ context: user, namespace: RBAC_NS, clientCertificate: certs[user] }],
      currentContext: user,
    });
    as[user] = new Kubectl({ kubeconfig });
  }
  return { name, server, caCert: ca.cert, admin: new Kubectl({ kubeconfig: adminKubeconfig }), as, certs };
}

/**
 * kubectl's output with ages (`5s`, `2m3s`) and RFC 3339 times masked, and runs of spaces between columns made
 * one (an age's width moves the columns after it: kubectl's alignment, not the server's answer).
 */
export function masked(r: KubectlResult): KubectlResult {
  const mask = (s: string) =>
    s
      .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\b/g, '<time>')
      .replace(/(?<=\s)(\d+[smhd])+(?=\s|$)/gm, '<age>')
      .replace(/ {2,}/g, '  ');
  return { code: r.code, stdout: mask(r.stdout), stderr: mask(r.stderr) };
}

/** A request as a user with its client certificate: status and parsed JSON body. */
export function certRequest(
  side: RbacSide,
  user: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const cert = side.certs[user]!;
  const url = new URL(path, side.server);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: side.caCert,
        cert: cert.cert,
        key: cert.key,
        headers: {
          Accept: 'application/json',
          ...(text ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let json: unknown = raw;
          try {
            json = JSON.parse(raw);
          } catch {
            // not JSON: compared as text
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
