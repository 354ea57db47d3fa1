/**
 * Binary searches over keys in ascending order (JavaScript's string order, the order `Array.prototype.sort`
 * gives), as etcd's key index is searched: a page starts at a key without walking the keys before it.
 */

/** The index of the first key ≥ `k`. */
export function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first key > `k`. */
export function upperBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `keys` (in order) with `more` (any order, none of them in `keys`) merged in: a few are inserted in place, many
 * are sorted and merged in one pass into a new array.
 */
export function mergeSorted(keys: string[], more: string[]): string[] {
  if (more.length < 16) {
    for (const k of more) keys.splice(lowerBound(keys, k), 0, k);
    return keys;
  }
  more.sort();
  const out: string[] = new Array<string>(keys.length + more.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < keys.length && j < more.length) out[o++] = keys[i]! < more[j]! ? keys[i++]! : more[j++]!;
  while (i < keys.length) out[o++] = keys[i++]!;
  while (j < more.length) out[o++] = more[j++]!;
  return out;
}

/** Removes `k` (nothing when it is absent). */
export function removeSorted(keys: string[], k: string): void {
  const i = lowerBound(keys, k);
  if (keys[i] === k) keys.splice(i, 1);
}
