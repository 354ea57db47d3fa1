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

/** Inserts `k` in order (nothing when it is there already). */
export function insertSorted(keys: string[], k: string): void {
  const i = lowerBound(keys, k);
  if (keys[i] !== k) keys.splice(i, 0, k);
}

/** Removes `k` (nothing when it is absent). */
export function removeSorted(keys: string[], k: string): void {
  const i = lowerBound(keys, k);
  if (keys[i] === k) keys.splice(i, 1);
}
