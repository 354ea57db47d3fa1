/**
 * What changed between two snapshots of the pods list's map (by object identity: the store replaces a pod's
 * object when it changes and keeps it otherwise). The store's snapshots are sharded (src/kube/cowMap.ts: a shard
 * keeps its identity unless one of its entries changed), so only the changed shards are walked: at 10,000 pods
 * and a few changes per flush that is a few hundred entries instead of 10,000. Any other map is compared whole.
 */

/** A map that can show its shards (the store's `FrozenMap`). */
interface Sharded<V> {
  shardMaps(): readonly (ReadonlyMap<string, V> | undefined)[];
}

function isSharded<V>(m: ReadonlyMap<string, V>): m is ReadonlyMap<string, V> & Sharded<V> {
  return typeof (m as Partial<Sharded<V>>).shardMaps === 'function';
}

/**
 * Calls `changed` for each key whose value is new or another object in `next`, and `gone` for each key of `prev`
 * that `next` lacks.
 */
export function mapChanges<V>(
  prev: ReadonlyMap<string, V>,
  next: ReadonlyMap<string, V>,
  changed: (key: string, value: V) => void,
  gone: (key: string) => void,
): void {
  if (prev === next) return;
  if (isSharded(prev) && isSharded(next)) {
    const a = prev.shardMaps();
    const b = next.shardMaps();
    if (a.length === b.length) {
      for (let i = 0; i < b.length; i++) {
        if (a[i] !== b[i]) walk(a[i] ?? EMPTY, b[i] ?? EMPTY, changed, gone);
      }
      return;
    }
  }
  walk(prev, next, changed, gone);
}

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

function walk<V>(
  prev: ReadonlyMap<string, V>,
  next: ReadonlyMap<string, V>,
  changed: (key: string, value: V) => void,
  gone: (key: string) => void,
): void {
  for (const [key, value] of next) if (prev.get(key) !== value) changed(key, value);
  if (prev.size === 0) return;
  for (const key of prev.keys()) if (!next.has(key)) gone(key);
}
