/**
 * Which resource a manifest's apiVersion and kind name, as kubectl's RESTMapper finds it: the group version's
 * APIResourceList (`/api/v1` for the core group, `/apis/GROUP/VERSION` otherwise) lists each kind with its plural
 * and whether it is namespaced. One request per group version, cached for the session; a group version the server
 * does not serve (404) or a kind it does not list is kubectl's "no matches for kind" error.
 */
import { decodeApiResourceList, type ApiResource } from '../decode/discovery.js';
import { KubeHttpError } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { getJson } from '../request.js';

/** A kind the server does not serve, in kubectl's words (meta.NoKindMatchError). */
export class NoKindMatchError extends Error {
  constructor(kind: string, apiVersion: string) {
    super(`no matches for kind "${kind}" in version "${apiVersion}"`);
    this.name = 'NoKindMatchError';
  }
}

/** Where a kind lives: its group version's path and its plural. */
export interface ResourceMapping {
  /** `/api/v1` or `/apis/apps/v1`. */
  readonly base: string;
  /** The plural, e.g. `deployments`. */
  readonly resource: string;
  readonly namespaced: boolean;
}

/** The API path of a group version: the core group has no name. */
function basePath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** One session's discovery answers. */
export class ResourceDiscovery {
  private readonly lists = new Map<string, Promise<ApiResource[] | undefined>>();

  constructor(private readonly kc: KubeConfigLike) {}

  /** The group version's resources, or undefined when the server does not serve it. */
  private resources(apiVersion: string): Promise<ApiResource[] | undefined> {
    let list = this.lists.get(apiVersion);
    if (!list) {
      const path = basePath(apiVersion);
      list = getJson(this.kc, path, { timeoutMs: 15_000 }).then(
        (raw) => decodeApiResourceList(raw, `GET ${path}`),
        (e: unknown) => {
          if (e instanceof KubeHttpError && e.status === 404) return undefined;
          // Anything else (a timeout, a 403) is asked again next time.
          this.lists.delete(apiVersion);
          throw e;
        },
      );
      this.lists.set(apiVersion, list);
    }
    return list;
  }

  /**
   * The resource for `kind` in `apiVersion`.
   * @throws NoKindMatchError, or the request's error
   */
  async map(apiVersion: string, kind: string): Promise<ResourceMapping> {
    const resources = await this.resources(apiVersion);
    // Subresources (`pods/log`) share their parent's kind only for some; the top-level resource is the one.
    const found = resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!found) throw new NoKindMatchError(kind, apiVersion);
    return { base: basePath(apiVersion), resource: found.name, namespaced: found.namespaced };
  }
}

/**
 * The object's URL path.
 * @param m its mapping
 * @param name its name
 * @param namespace its namespace (ignored for a cluster-scoped kind)
 */
export function objectPath(m: ResourceMapping, name: string, namespace: string): string {
  const ns = m.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${m.base}${ns}/${m.resource}/${encodeURIComponent(name)}`;
}
