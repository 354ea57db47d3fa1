/**
 * Restricted users on the real control plane, with the rights the demo's viewer and editor have (issue 12 §2):
 * viewer = get/list/watch pods, pods/log and events in two namespaces; editor = the viewer's rights plus delete
 * pods and create pods/portforward; neither may exec. Each is a Role + RoleBinding per namespace, made with the
 * admin token, and a kubeconfig whose user authenticates with a client certificate signed by the cluster's CA
 * (Kubernetes' x509 authenticator: CN is the user name).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { signClientCertificate } from '../../src/demo/tls.js';
import type { ApiTarget } from '../cluster/api.js';
import { apiJson } from '../cluster/api.js';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export const VIEWER_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'events'], verbs: ['get', 'list', 'watch'] },
];

export const EDITOR_RULES: PolicyRule[] = [
  ...VIEWER_RULES,
  { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
  { apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] },
];

/** Binds `rules` to `user` in each namespace (a Role and a RoleBinding named after the user). */
export async function grant(
  t: ApiTarget,
  user: string,
  rules: PolicyRule[],
  namespaces: readonly string[],
): Promise<void> {
  for (const ns of namespaces) {
    await apiJson(t, {
      method: 'POST',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`,
      body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: user }, rules },
    });
    await apiJson(t, {
      method: 'POST',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: user },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: user },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
      },
    });
  }
}

export interface UserKubeconfig {
  /** The kubeconfig text (JSON, which is YAML), for kubectl. */
  text: string;
  /** The same, loaded. */
  kc: KubeConfig;
}

/**
 * A kubeconfig for `user` (client certificate signed by `caKey`) with one context per namespace, the first
 * current: `<user>` for the first namespace, `<user>-<ns>` for the others.
 */
export async function userKubeconfig(
  t: ApiTarget & { caKey: string },
  user: string,
  namespaces: readonly string[],
): Promise<UserKubeconfig> {
  const pair = await signClientCertificate({ cert: t.caCert, key: t.caKey }, user);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const contexts = namespaces.map((ns, i) => ({
    name: i === 0 ? user : `${user}-${ns}`,
    context: { cluster: 'cluster', user, namespace: ns },
  }));
  const text = JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'cluster', cluster: { server: t.server, 'certificate-authority-data': b64(t.caCert) } },
    ],
    users: [
      {
        name: user,
        user: { 'client-certificate-data': b64(pair.cert), 'client-key-data': b64(pair.key) },
      },
    ],
    contexts,
    'current-context': contexts[0]!.name,
  });
  const kc = new KubeConfig();
  kc.loadFromString(text);
  return { text, kc };
}
