/** LIST: one page of matching objects in key order, with an opaque continue token for the next. */
import type { KubeObject } from '../../domain/wire.js';
import type { ObjectStore } from '../store/objectStore.js';
import type { ResourceType } from '../store/resourceTypes.js';
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

function decode(s: string): Token {
  try {
    const o = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof o.rv === 'number' && typeof o.start === 'string') return { rv: o.rv, after: o.start };
  } catch {
    // fall through
  }
  throw new BadContinue('continue key is not valid: illegal base64 data');
}

/** Lists one page. */
export function listPage(store: ObjectStore, type: ResourceType, opts: ListOptions): ListPage {
  const keys = store.keys(type);
  let start = 0;
  let rv = store.resourceVersion;
  if (opts.continueToken) {
    const token = decode(opts.continueToken);
    if (token.rv < store.oldestWatchableRv) {
      throw new ContinueExpired(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    rv = token.rv;
    start = upperBound(keys, token.after);
  }
  const prefix = type.namespaced && opts.namespace ? opts.namespace + '/' : '';
  if (prefix && start === 0) start = lowerBound(keys, prefix);
  const items: KubeObject[] = [];
  let i = start;
  for (; i < keys.length; i++) {
    const key = keys[i]!;
    if (prefix && !key.startsWith(prefix)) break;
    const o = store.byKey(type, key)!;
    if (!opts.match(o)) continue;
    if (opts.limit !== undefined && items.length >= opts.limit) {
      // There is more: the token resumes after the last key returned.
      const last = items[items.length - 1]!;
      const lastKey = type.namespaced
        ? `${last.metadata?.namespace}/${last.metadata?.name}`
        : last.metadata!.name!;
      // Like the API server, say how many are left, so clients can show progress ("listing 500 of 10000").
      let remaining = 0;
      for (let j = i; j < keys.length; j++) {
        const k = keys[j]!;
        if (prefix && !k.startsWith(prefix)) break;
        if (opts.match(store.byKey(type, k)!)) remaining++;
      }
      return {
        items,
        resourceVersion: String(rv),
        continue: encode({ rv, after: lastKey }),
        remainingItemCount: remaining,
      };
    }
    items.push(o);
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
