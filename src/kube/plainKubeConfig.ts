/**
 * A kubeconfig as plain data — clusters, users, contexts and the current context — with the lookups the cluster
 * layer needs and none of client-node's clients. Importing `@kubernetes/client-node` costs about 85 MiB and
 * 270 ms (its generated API and undici); the list/watch path needs only this, so client-node is loaded when an
 * action asks for a real `KubeConfig` (see `toClientKubeConfig`). Entries use client-node's own shapes, so a
 * client-node `KubeConfig` is a `KubeConfigLike` too and converting either way is a copy of three arrays.
 */
import type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';

export type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';

/** What the cluster layer reads from a kubeconfig; client-node's `KubeConfig` has the same methods. */
export interface KubeConfigLike {
  getCurrentContext(): string;
  getContexts(): Context[];
  getClusters(): Cluster[];
  getUsers(): User[];
  getContextObject(name: string): Context | null;
  getCluster(name: string): Cluster | null;
  getUser(name: string): User | null;
  getCurrentCluster(): Cluster | null;
  getCurrentUser(): User | null;
}

export interface KubeConfigParts {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  /** Empty or undefined when the kubeconfig sets none. */
  currentContext?: string;
}

function byName<T extends { name: string }>(list: readonly T[], name: string): T | null {
  return list.find((item) => item.name === name) ?? null;
}

/** An immutable kubeconfig; `withContext` gives a copy with another current context. */
export class PlainKubeConfig implements KubeConfigLike {
  private readonly clusters: Cluster[];
  private readonly users: User[];
  private readonly contexts: Context[];
  private readonly currentContext: string;

  constructor(parts: KubeConfigParts) {
    this.clusters = [...parts.clusters];
    this.users = [...parts.users];
    this.contexts = [...parts.contexts];
    this.currentContext = parts.currentContext ?? '';
  }

  /** The parts of any `KubeConfigLike` (client-node's `KubeConfig` included), as a `PlainKubeConfig`. */
  static from(kc: KubeConfigLike): PlainKubeConfig {
    return kc instanceof PlainKubeConfig
      ? kc
      : new PlainKubeConfig({
          clusters: kc.getClusters(),
          users: kc.getUsers(),
          contexts: kc.getContexts(),
          currentContext: kc.getCurrentContext(),
        });
  }

  /** A copy whose current context is `name` (not checked: see `switchContext`). */
  withContext(name: string): PlainKubeConfig {
    return new PlainKubeConfig({ ...this.parts(), currentContext: name });
  }

  /** The three lists and the current context, as client-node's `loadFromOptions` takes them. */
  parts(): Required<KubeConfigParts> {
    return {
      clusters: [...this.clusters],
      users: [...this.users],
      contexts: [...this.contexts],
      currentContext: this.currentContext,
    };
  }

  getCurrentContext(): string {
    return this.currentContext;
  }

  getContexts(): Context[] {
    return this.contexts;
  }

  getClusters(): Cluster[] {
    return this.clusters;
  }

  getUsers(): User[] {
    return this.users;
  }

  getContextObject(name: string): Context | null {
    return byName(this.contexts, name);
  }

  getCluster(name: string): Cluster | null {
    return byName(this.clusters, name);
  }

  getUser(name: string): User | null {
    return byName(this.users, name);
  }

  getCurrentCluster(): Cluster | null {
    const context = this.getContextObject(this.currentContext);
    return context ? this.getCluster(context.cluster) : null;
  }

  getCurrentUser(): User | null {
    const context = this.getContextObject(this.currentContext);
    return context ? this.getUser(context.user) : null;
  }
}
