/**
 * Turns an API path into what it names: a resource type, maybe a namespace, maybe an object, maybe a subresource.
 * `/api/v1/namespaces/frontend/pods/web-1/log` → pods in frontend, web-1, log.
 */
import type { ResourceType } from '../store/resourceTypes.js';
import { findType, NAMESPACES } from '../store/resourceTypes.js';

export interface ResourceRoute {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type Route =
  { kind: 'resource'; route: ResourceRoute } | { kind: 'discovery'; path: string } | { kind: 'unknown' };

/** Parses a URL path (without query). */
export function parseRoute(pathname: string): Route {
  const segs = pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
  let group = '';
  let version: string | undefined;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length <= 2) return { kind: 'discovery', path: pathname };
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis') {
    if (segs.length <= 3) return { kind: 'discovery', path: pathname };
    group = segs[1]!;
    version = segs[2];
    rest = segs.slice(3);
  } else {
    return { kind: 'discovery', path: pathname };
  }
  if (!version) return { kind: 'unknown' };
  // namespaces/NS/PLURAL[/NAME[/SUB]] when PLURAL is a namespaced type of this group/version.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const t = findType(group, version, rest[2]!);
    if (t && t.namespaced && rest.length <= 5) {
      return {
        kind: 'resource',
        route: { type: t, namespace: rest[1], name: rest[3], subresource: rest[4] },
      };
    }
    if (group === '' && rest.length === 3) {
      // namespaces/NAME/status
      return { kind: 'resource', route: { type: NAMESPACES, name: rest[1], subresource: rest[2] } };
    }
    return { kind: 'unknown' };
  }
  const t = findType(group, version, rest[0]!);
  if (!t || rest.length > 3) return { kind: 'unknown' };
  // A namespaced type without a namespace is the all-namespaces list/watch; a name there makes no sense.
  if (t.namespaced && rest.length > 1) return { kind: 'unknown' };
  return { kind: 'resource', route: { type: t, name: rest[1], subresource: rest[2] } };
}
