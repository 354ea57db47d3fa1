/**
 * A string-keyed map that hands out immutable snapshots cheaply. Entries live in a fixed number of shards
 * (small Maps chosen by a hash of the key); a snapshot is a copy of the shard array, and a shard is copied only
 * when it is first written after a snapshot. Measured at 10,000 entries (Node 24, 2 cores): with 25 changes per
 * flush a snapshot costs 0.06 ms against 0.76 ms for `new Map(map)`, and allocates a few KB instead of ~0.5 MB;
 * iterating all entries costs 0.23 ms against 0.08 ms, which views do once per snapshot anyway.
 */

/**
 * 4,096 shards: about 24 entries each at 100,000 pods (issue 17: with 256, 390 pods per shard, rebuilding the
 * rows of each shard a flush touched was most of the dashboard's CPU at 100,000 pods and 200 events/s), a few at
 * 10,000, and a 4,096-slot array to copy per snapshot (microseconds).
 */
const SHARD_BITS = 12;
const SHARDS = 1 << SHARD_BITS;

/** FNV-1a: cheap, and spreads "namespace/name" keys that share long prefixes. */
function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) & (SHARDS - 1);
}

type Shards<V> = readonly (ReadonlyMap<string, V> | undefined)[];

/**
 * One immutable snapshot of a `CowMap`. Iteration order is by shard, then by insertion within a shard: stable
 * between snapshots for unchanged keys, but not meaningful (views sort).
 */
export class FrozenMap<V> implements ReadonlyMap<string, V> {
  /** @internal */
  constructor(
    private readonly shards: Shards<V>,
    readonly size: number,
  ) {}

  get(key: string): V | undefined {
    return this.shards[shardOf(key)]?.get(key);
  }

  /**
   * The shards themselves (read-only). A shard keeps its identity from one snapshot to the next unless one of its
   * entries changed, so a consumer can redo work for the changed shards only.
   */
  shardMaps(): readonly (ReadonlyMap<string, V> | undefined)[] {
    return this.shards;
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)]?.has(key) ?? false;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const shard of this.shards) {
      if (!shard) continue;
      for (const [k, v] of shard) callback.call(thisArg, v, k, this);
    }
  }

  *entries(): MapIterator<[string, V]> {
    for (const shard of this.shards) if (shard) yield* shard.entries();
  }

  *keys(): MapIterator<string> {
    for (const shard of this.shards) if (shard) yield* shard.keys();
  }

  *values(): MapIterator<V> {
    for (const shard of this.shards) if (shard) yield* shard.values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/** The writable side: mutate freely, call `freeze()` for a snapshot that later writes don't affect. */
export class CowMap<V> {
  private shards: (Map<string, V> | undefined)[] = new Array<Map<string, V> | undefined>(SHARDS).fill(
    undefined,
  );
  /** Shards written since the last freeze: only these are exclusively ours, the rest are shared with snapshots. */
  private owned = new Uint8Array(SHARDS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)]?.get(key);
  }

  /**
   * The shards themselves (read-only). A shard keeps its identity from one snapshot to the next unless one of its
   * entries changed, so a consumer can redo work for the changed shards only.
   */
  shardMaps(): readonly (ReadonlyMap<string, V> | undefined)[] {
    return this.shards;
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)]?.has(key) ?? false;
  }

  set(key: string, value: V): void {
    const shard = this.writable(shardOf(key));
    const before = shard.size;
    shard.set(key, value);
    this.count += shard.size - before;
  }

  delete(key: string): boolean {
    const i = shardOf(key);
    if (!this.shards[i]?.has(key)) return false;
    this.writable(i).delete(key);
    this.count--;
    return true;
  }

  /** Every key, for reconciling after a relist. */
  keys(): string[] {
    const out: string[] = [];
    for (const shard of this.shards) if (shard) for (const k of shard.keys()) out.push(k);
    return out;
  }

  /** An immutable view of the current contents, O(shards) plus nothing until the next writes. */
  freeze(): FrozenMap<V> {
    this.owned.fill(0);
    return new FrozenMap(this.shards.slice(), this.count);
  }

  private writable(i: number): Map<string, V> {
    const shard = this.shards[i];
    if (shard && this.owned[i]) return shard;
    const copy = new Map(shard);
    this.shards[i] = copy;
    this.owned[i] = 1;
    return copy;
  }
}
