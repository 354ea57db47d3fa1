/**
 * Who a request is from, as kube-apiserver's authenticators hand it to the authorizer (k8s.io/apiserver
 * pkg/authentication/user.Info): a name, groups, and every authenticated user is in `system:authenticated`.
 */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: readonly string[];
}

/** The demo's administrator: the user of context `podscope-demo`, a member of system:masters as kubeadm's admin. */
export const DEMO_ADMIN: UserInfo = {
  username: 'podscope-demo',
  groups: ['system:masters', 'system:authenticated'],
};

/** Adds `system:authenticated` as the API server does for every user an authenticator accepts. */
export function authenticatedUser(username: string, groups: readonly string[], uid?: string): UserInfo {
  const all = groups.includes('system:authenticated') ? [...groups] : [...groups, 'system:authenticated'];
  return uid === undefined ? { username, groups: all } : { username, uid, groups: all };
}

/** Who a request with no credentials is (k8s.io/apiserver pkg/authentication/request/anonymous). */
export const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
