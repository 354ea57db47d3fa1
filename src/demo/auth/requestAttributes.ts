/**
 * What the authorizer is asked about a request, derived from its method and path exactly as kube-apiserver derives
 * it (k8s.io/apiserver pkg/endpoints/request/requestinfo.go, RequestInfoFactory.NewRequestInfo, 1.32): a resource
 * request under /api/v1 or /apis/GROUP/VERSION (verb from the method; a GET without a name is list, or watch with
 * `watch=true`; a DELETE without a name is deletecollection), anything else a non-resource request on its path.
 * Routing comes after: a user may be refused a path the server does not even serve, as upstream.
 */
import type { UserInfo } from './userInfo.js';

export interface ResourceAttributes {
  kind: 'resource';
  user: UserInfo;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

export interface NonResourceAttributes {
  kind: 'nonResource';
  user: UserInfo;
  verb: string;
  path: string;
}

export type Attributes = ResourceAttributes | NonResourceAttributes;

/** `watch` and `proxy` as a path's first segment after the version (the legacy /api/v1/watch/pods form). */
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
/** Segments after `namespaces/NAME` that are the namespace's own subresources, not a resource in it. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbOf(method: string): string {
  switch (method) {
    case 'POST':
      return 'create';
    case 'GET':
    case 'HEAD':
      return 'get';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return '';
  }
}

/** Go's strconv.ParseBool, as the query parameter codec reads `watch`. */
function parseBool(v: string | null): boolean {
  return v !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
}

/** `metadata.name=x` (or `==x`) in a field selector: RequiresExactMatch("metadata.name"). */
function exactName(fieldSelector: string | null): string | undefined {
  if (!fieldSelector) return undefined;
  for (const term of fieldSelector.split(',')) {
    const m = /^\s*metadata\.name\s*={1,2}\s*(.*?)\s*$/.exec(term);
    if (m) return m[1];
  }
  return undefined;
}

/** path.IsValidPathSegmentName: no `.`/`..`, no `/` or `%`. */
function validSegment(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}

function unescape(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The attributes of a request from `user`. */
export function requestAttributes(user: UserInfo, method: string, url: URL): Attributes {
  const nonResource: NonResourceAttributes = {
    kind: 'nonResource',
    user,
    verb: method.toLowerCase(),
    path: url.pathname,
  };
  // splitPath: the path trimmed of slashes, split on them (Go's URL.Path is already unescaped).
  const trimmed = url.pathname.replace(/^\/+|\/+$/g, '');
  let parts = trimmed === '' ? [] : trimmed.split('/').map(unescape);
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return nonResource;
  const prefix = parts[0];
  parts = parts.slice(1);
  let apiGroup = '';
  if (prefix === 'apis') {
    if (parts.length < 3) return nonResource;
    apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  const apiVersion = parts[0]!;
  parts = parts.slice(1);
  let verb: string;
  if (SPECIAL_VERBS.has(parts[0]!)) {
    // "unable to determine kind and namespace": the API server answers such a path 500; the demo treats it as
    // the non-resource path it cannot be anything else than.
    if (parts.length < 2) return nonResource;
    verb = parts[0]!;
    parts = parts.slice(1);
  } else {
    verb = verbOf(method);
  }
  let namespace = '';
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      namespace = parts[1]!;
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
    }
  }
  const resource = parts[0] ?? '';
  let name = parts[1] ?? '';
  const subresource = parts.length >= 3 && verb !== 'proxy' ? parts[2]! : '';
  if (!name && verb === 'get') {
    verb = parseBool(url.searchParams.get('watch')) ? 'watch' : 'list';
    const exact = exactName(url.searchParams.get('fieldSelector'));
    if (exact !== undefined && validSegment(exact)) name = exact;
  }
  if (!name && verb === 'delete') verb = 'deletecollection';
  return { kind: 'resource', user, verb, apiGroup, apiVersion, namespace, resource, subresource, name };
}
