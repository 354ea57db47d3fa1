/** An APIGroup discovery answer (`/apis/metrics.k8s.io`): which of its versions the server serves. */
import { eachObject, optBoolean, optString, string, topObject, type Subject } from './read.js';

/**
 * The group versions an APIGroup serves, e.g. `['metrics.k8s.io/v1beta1']`.
 * @param raw the parsed body
 * @param where the request
 * @throws DecodeError, e.g. `the server sent an API group whose versions is an object, not an array (…)`
 */
export function decodeApiGroupVersions(raw: unknown, where?: string): string[] {
  const s: Subject = { what: 'an API group', where };
  const out: string[] = [];
  eachObject(topObject(raw, s), 'versions', s, '', (v, at) => {
    const gv = optString(v, 'groupVersion', s, at);
    if (gv !== undefined) out.push(gv);
  });
  return out;
}

/** One resource of an APIResourceList (`/api/v1`, `/apis/apps/v1`): what a kind is called in URLs, and its scope. */
export interface ApiResource {
  /** The plural in the URL path, e.g. `pods`; a subresource is `pods/log`. */
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/**
 * The resources of an APIResourceList.
 * @param raw the parsed body
 * @param where the request
 * @throws DecodeError, e.g. `the server sent an API resource list without resources[0].kind (…)`
 */
export function decodeApiResourceList(raw: unknown, where?: string): ApiResource[] {
  const s: Subject = { what: 'an API resource list', where };
  const out: ApiResource[] = [];
  eachObject(topObject(raw, s), 'resources', s, '', (r, at) => {
    out.push({
      name: string(r, 'name', s, at),
      kind: string(r, 'kind', s, at),
      namespaced: optBoolean(r, 'namespaced', s, at) ?? false,
    });
  });
  return out;
}
