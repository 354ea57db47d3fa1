/** An APIGroup discovery answer (`/apis/metrics.k8s.io`): which of its versions the server serves. */
import { eachObject, optString, topObject, type Subject } from './read.js';

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
