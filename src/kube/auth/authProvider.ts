/** A kubeconfig user's `auth-provider` entry, read from client-node's untyped field. */
import { isObject } from '../decode/read.js';
import type { User } from '../plainKubeConfig.js';

/** The provider's name (`oidc`; the removed `gcp`, `azure`) and its config map. */
export interface AuthProvider {
  readonly name?: unknown;
  readonly config?: Record<string, unknown>;
}

/**
 * The user's auth-provider, or undefined when the kubeconfig names none (or names it as something not a map).
 * @param user a kubeconfig user
 */
export function authProviderOf(user: User): AuthProvider | undefined {
  const p: unknown = user.authProvider;
  if (!isObject(p)) return undefined;
  const config = p['config'];
  return { name: p['name'], config: isObject(config) ? config : undefined };
}
