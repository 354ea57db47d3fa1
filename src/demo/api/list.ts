/**
 * LIST: one page of matching objects in key order, with an opaque continue token for the next, as the API
 * server pages (apiserver storage/etcd3 store.GetList and cacher.GetList, 1.32):
 * - a limit is ignored for resourceVersion=0 (served from the watch cache: cacher computeListLimit);
 * - a page is full at `limit` items; then there is a continue token when any object, matching or not, remains
 *   after the last one returned (etcd counts keys, not matches);
 * - remainingItemCount is given only without label or field selectors (storage.PrepareContinueToken);
 * - a token that does not decode is a 400 worded as storage.DecodeContinue words it; a token with a
 *   resourceVersion other than "0" is a 400; a token older than the kept history is a 410.
 */
import { posix } from 'node:path';
import type { KubeObject } from '../../domain/wire.js';
import type { ObjectStore } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
import { goJsonError } from './goJson.js';
import type { ListOptions } from './listOptions.js';

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/** The continue token is too old to resume: the caller answers 410 Expired. */
export class ContinueExpired extends Error {}
export class BadContinue extends Error {}

interface Token {
  rv: number;
  after: string;
}

function encode(t: Token): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.after })).toString('base64url');
}

const RAW_URL_BASE64 = /^[A-Za-z0-9_-]$/;

/** Where Go's base64.RawURLEncoding.DecodeString fails ("illegal base64 data at input byte N"), if it does. */
function base64ErrorAt(s: string): number | undefined {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\r' || ch === '\n') continue;
    if (!RAW_URL_BASE64.test(ch)) return i;
  }
  return s.length % 4 === 1 ? s.length - 1 : undefined;
}

const invalid = (why: string): BadContinue =>
  new BadContinue(`invalid continue token: continue key is not valid${why}`);

function decode(s: string): Token {
  const badAt = base64ErrorAt(s);
  if (badAt !== undefined) throw invalid(`: illegal base64 data at input byte ${badAt}`);
  const text = Buffer.from(s, 'base64url').toString('utf8');
  let o: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    o = JSON.parse(text) as typeof o;
  } catch (e) {
    throw invalid(`: ${goJsonError(text, e as Error)}`);
  }
  if (o === null || typeof o !== 'object') {
    throw invalid(`: json: cannot unmarshal ${typeof o} into Go value of type storage.continueToken`);
  }
  if (o.rv !== undefined && typeof o.rv !== 'number') {
    throw invalid(
      `: json: cannot unmarshal ${typeof o.rv} into Go struct field continueToken.rv of type int64`,
    );
  }
  if (o.v !== 'meta.k8s.io/v1') {
    throw invalid(`: server does not recognize this encoded version ${typeof o.v === 'string' ? o.v : ''}`);
  }
  if (!o.rv) throw invalid(': incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  const start = typeof o.start === 'string' ? o.start : '';
  if (!start) throw invalid(': encoded start key empty (version meta.k8s.io/v1)');
  // Path traversal defence: the start key must already be clean.
  const key = start.startsWith('/') ? start : `/${start}`;
  let cleaned = posix.normalize(key);
  if (cleaned.length > 1 && cleaned.endsWith('/')) cleaned = cleaned.slice(0, -1);
  if (cleaned !== key) throw invalid(`: ${start}`);
  return { rv: o.rv, after: start };
}

/** Lists one page. */
export function listPage(store: ObjectStore, type: ResourceType, opts: ListOptions): ListPage {
  const keys = store.keys(type);
  let start = 0;
  let rv = store.resourceVersion;
  if (opts.continueToken) {
    const token = decode(opts.continueToken);
    if (opts.resourceVersion && opts.resourceVersion !== '0') {
      throw new BadContinue('specifying resource version is not allowed when using continue');
    }
    if (token.rv < store.oldestWatchableRv) {
      throw new ContinueExpired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    rv = token.rv;
    start = upperBound(keys, token.after);
  }
  const limit = opts.resourceVersion === '0' ? undefined : opts.limit;
  const prefix = type.namespaced && opts.namespace ? opts.namespace + '/' : '';
  if (prefix && start === 0) start = lowerBound(keys, prefix);
  const end = prefix ? lowerBound(keys, prefix.slice(0, -1) + '0') : keys.length; // '0' sorts right after '/'
  const items: KubeObject[] = [];
  let i = start;
  for (; i < end; i++) {
    const o = store.byKey(type, keys[i]!)!;
    if (!opts.match(o)) continue;
    items.push(o);
    if (limit !== undefined && items.length >= limit) break;
  }
  const remaining = Math.max(0, end - i - 1);
  if (limit !== undefined && items.length >= limit && remaining > 0) {
    // The token resumes after the last key returned.
    const lastKey = keys[i]!;
    return {
      items,
      resourceVersion: String(rv),
      continue: encode({ rv, after: lastKey }),
      ...(opts.selective ? {} : { remainingItemCount: remaining }),
    };
  }
  return { items, resourceVersion: String(rv) };
}

function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
