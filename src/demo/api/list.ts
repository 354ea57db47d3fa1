/**
 * LIST: one page of matching objects in key order, with an opaque continue token for the next, as the API
 * server pages (apiserver storage/etcd3 store.GetList and cacher.GetList, 1.32):
 * - a limit is ignored for resourceVersion=0 (served from the watch cache: cacher computeListLimit);
 * - a page is full at `limit` items; then there is a continue token when any object, matching or not, remains
 *   after the last one returned (etcd counts keys, not matches);
 * - remainingItemCount is given only without label or field selectors (storage.PrepareContinueToken);
 * - a token that does not decode is a 400 worded as storage.DecodeContinue words it; a token with a
 *   resourceVersion other than "0" is a 400;
 * - a continued list, and an Exact match, show the objects as they were at that version (etcd's revision);
 *   one older than the kept history is a 410 (for a token: with a token to go on inconsistently).
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
  // rv -1 (from a 410's token) goes on at the latest version.
  const start = typeof o.start === 'string' ? o.start : '';
  if (!start) throw invalid(': encoded start key empty (version meta.k8s.io/v1)');
  // Path traversal defence: the start key must already be clean.
  const key = start.startsWith('/') ? start : `/${start}`;
  let cleaned = posix.normalize(key);
  if (cleaned.length > 1 && cleaned.endsWith('/')) cleaned = cleaned.slice(0, -1);
  if (cleaned !== key) throw invalid(`: ${start}`);
  return { rv: o.rv, after: start };
}

/**
 * etcd3's answer to a continue token whose revision was compacted away (handleCompactedErrorForPaging): 410
 * Expired, with a token to go on at the latest version (rv -1) in the Status's own list metadata.
 */
export class ContinueInconsistent extends Error {
  constructor(readonly continueToken: string) {
    super(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    );
  }
}

/** Lists one page: continued lists and Exact matches at their version (from etcd's history), others now. */
export function listPage(store: ObjectStore, type: ResourceType, opts: ListOptions): ListPage {
  let rv = store.resourceVersion;
  let after: string | undefined;
  if (opts.continueToken) {
    const token = decode(opts.continueToken);
    if (opts.resourceVersion && opts.resourceVersion !== '0') {
      throw new BadContinue('specifying resource version is not allowed when using continue');
    }
    after = token.after;
    if (token.rv > 0) rv = token.rv; // -1: go on at the latest version
  } else if (
    opts.resourceVersion &&
    opts.resourceVersion !== '0' &&
    (opts.resourceVersionMatch === 'Exact' || (!opts.resourceVersionMatch && opts.limit !== undefined))
  ) {
    // Exact, and the legacy paged form (a limit with a version, no match): etcd reads at that revision.
    rv = Number(opts.resourceVersion);
  }
  const view = store.snapshot(type, rv);
  if (!view) {
    if (after !== undefined) throw new ContinueInconsistent(encode({ rv: -1, after }));
    throw new ContinueExpired('The resourceVersion for the provided list is too old.');
  }
  const limit = opts.resourceVersion === '0' ? undefined : opts.limit;
  const prefix = type.namespaced && opts.namespace ? opts.namespace + '/' : '';
  // The key range: a namespace's keys end before its name followed by '0', which sorts right after '/'.
  const to = prefix ? prefix.slice(0, -1) + '0' : undefined;
  const keys = after !== undefined ? view.keys(after, true, to) : view.keys(prefix, false, to);
  const items: KubeObject[] = [];
  let last: string | undefined;
  for (const key of keys) {
    last = key;
    const o = view.get(key)!;
    if (!opts.match(o)) continue;
    items.push(o);
    if (limit !== undefined && items.length >= limit) break;
  }
  const remaining = last === undefined ? 0 : view.countAfter(last, to);
  if (limit !== undefined && items.length >= limit && remaining > 0) {
    // The token resumes after the last key returned, at the same version.
    return {
      items,
      resourceVersion: String(rv),
      continue: encode({ rv, after: last! }),
      ...(opts.selective ? {} : { remainingItemCount: remaining }),
    };
  }
  return { items, resourceVersion: String(rv) };
}
