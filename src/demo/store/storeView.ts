/**
 * The objects of one type as they were at one resourceVersion, read a range of keys at a time — what etcd gives
 * a paged LIST (etcd3 store.GetList: a key range read at the continue token's revision, `limit` keys per page).
 * A page costs time in proportion to the page and to the changes made since that version, never to the number
 * of objects: the current keys are searched, not copied, and the past is an overlay of the changes undone.
 */
import type { KubeObject } from '../../domain/wire.js';
import { lowerBound, upperBound } from './sortedKeys.js';

export interface StoreView {
  get(key: string): KubeObject | undefined;
  /** Keys at this version from `from` (inclusive, or exclusive when `afterFrom`) up to `to` (exclusive). */
  keys(from: string, afterFrom: boolean, to: string | undefined): IterableIterator<string>;
  /** How many keys at this version are after `after` and before `to` (etcd's count of the rest of the range). */
  countAfter(after: string, to: string | undefined): number;
}

function startIndex(keys: readonly string[], from: string, afterFrom: boolean): number {
  return afterFrom ? upperBound(keys, from) : lowerBound(keys, from);
}

function endIndex(keys: readonly string[], to: string | undefined): number {
  return to === undefined ? keys.length : lowerBound(keys, to);
}

/** The objects as they are now: the store's own sorted keys and map. */
export function currentView(keys: readonly string[], objects: ReadonlyMap<string, KubeObject>): StoreView {
  return {
    get: (k) => objects.get(k),
    *keys(from, afterFrom, to) {
      const end = endIndex(keys, to);
      for (let i = startIndex(keys, from, afterFrom); i < end; i++) yield keys[i]!;
    },
    countAfter: (after, to) => Math.max(0, endIndex(keys, to) - upperBound(keys, after)),
  };
}

/**
 * The objects as they were: `past` holds, for each key changed since, its object then (undefined: it did not
 * exist then). Keys that exist now but not then are skipped; keys gone since come back in order.
 */
export function pastView(
  keys: readonly string[],
  objects: ReadonlyMap<string, KubeObject>,
  past: ReadonlyMap<string, KubeObject | undefined>,
): StoreView {
  const returned: string[] = []; // existed then, gone now
  const absentNow: string[] = []; // exist now, not then
  for (const [k, o] of past) {
    if (o !== undefined && !objects.has(k)) returned.push(k);
    else if (o === undefined && objects.has(k)) absentNow.push(k);
  }
  returned.sort();
  absentNow.sort();
  const inRange = (list: readonly string[], after: string, to: string | undefined): number =>
    Math.max(0, endIndex(list, to) - upperBound(list, after));
  return {
    get: (k) => (past.has(k) ? past.get(k) : objects.get(k)),
    *keys(from, afterFrom, to) {
      const end = endIndex(keys, to);
      const rEnd = endIndex(returned, to);
      let i = startIndex(keys, from, afterFrom);
      let j = startIndex(returned, from, afterFrom);
      while (i < end || j < rEnd) {
        if (j >= rEnd || (i < end && keys[i]! < returned[j]!)) {
          const k = keys[i++]!;
          if (past.has(k) && past.get(k) === undefined) continue;
          yield k;
        } else yield returned[j++]!;
      }
    },
    countAfter: (after, to) =>
      Math.max(0, endIndex(keys, to) - upperBound(keys, after)) -
      inRange(absentNow, after, to) +
      inRange(returned, after, to),
  };
}
