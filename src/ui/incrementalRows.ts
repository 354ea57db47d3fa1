/**
 * Rows for 10,000 pods without redoing 10,000 pods' work per flush: rows are rebuilt only for the store's shards
 * that changed, and the previous sort order is reused when no pod came or went and no changed pod's sort value
 * moved (the usual case under churn: status flips of existing pods). Otherwise it falls back to a full sort.
 */
import type { ColumnId } from '../domain/columns.js';
import type { PodRow } from '../domain/podRow.js';
import { podRows } from '../domain/podRow.js';
import type { SortState } from '../domain/sort.js';
import { sortRows } from '../domain/sort.js';
import type { Pod } from '../domain/wire.js';
import type { PodUsage } from '../kube/metricsStore.js';

type Shard = ReadonlyMap<string, Pod> | undefined;

/** The store's map, when it exposes its shards (FrozenMap); any other map is handled as one shard. */
interface Sharded {
  shardMaps(): readonly Shard[];
}

function shardsOf(pods: ReadonlyMap<string, Pod>): readonly Shard[] {
  const s = pods as Partial<Sharded>;
  return typeof s.shardMaps === 'function' ? s.shardMaps() : [pods];
}

export class IncrementalRows {
  private shardRows: (readonly PodRow[])[] = [];
  private shards: readonly Shard[] = [];
  private usage: ReadonlyMap<string, PodUsage> | undefined;
  private all: readonly PodRow[] = [];
  private previousAll: readonly PodRow[] = [];
  private sorted: readonly PodRow[] = [];
  private sortedFor: { rows: readonly PodRow[]; sort: SortState | undefined } | undefined;
  /** Rows that replaced others under the same key at the last update, for the sort shortcut. */
  private replaced = new Map<string, { before: PodRow; after: PodRow }>();
  private membershipChanged = true;

  /** All rows, in no particular order; the same array when nothing changed. */
  rows(pods: ReadonlyMap<string, Pod>, usage: ReadonlyMap<string, PodUsage> | undefined): readonly PodRow[] {
    const shards = shardsOf(pods);
    const usageChanged = usage !== this.usage;
    if (!usageChanged && shards === this.shards) return this.all;
    this.replaced = new Map();
    this.membershipChanged = usageChanged || shards.length !== this.shards.length;
    let changed = false;
    for (let i = 0; i < shards.length; i++) {
      const shard = shards[i];
      if (!usageChanged && shard === this.shards[i] && this.shardRows[i]) continue;
      changed = true;
      const before = this.shardRows[i] ?? [];
      const after = shard ? podRows(shard.values(), usage ? { usage } : undefined) : [];
      this.shardRows[i] = after;
      if (this.membershipChanged) continue;
      if (before.length !== after.length) {
        this.membershipChanged = true;
        continue;
      }
      const prev = new Map(before.map((r) => [r.key, r]));
      for (const r of after) {
        const b = prev.get(r.key);
        if (!b) {
          this.membershipChanged = true;
          break;
        }
        if (b !== r) this.replaced.set(r.key, { before: b, after: r });
      }
    }
    this.shardRows.length = shards.length;
    this.shards = shards;
    this.usage = usage;
    this.previousAll = this.all;
    if (changed || usageChanged) this.all = this.shardRows.flat();
    return this.all;
  }

  /** `rows` sorted; reuses the previous order when the change cannot have moved a row. */
  sort(rows: readonly PodRow[], sort: SortState | undefined): readonly PodRow[] {
    const last = this.sortedFor;
    if (last && last.rows === rows && last.sort === sort) return this.sorted;
    const column: ColumnId | undefined = sort?.column;
    // Only for the unfiltered list, sorted last time as the list before this update: a filtered list can trade
    // one member for another at the same length.
    const canReuse =
      last !== undefined &&
      rows === this.all &&
      last.rows === this.previousAll &&
      last.sort === sort &&
      !this.membershipChanged &&
      rows.length === last.rows.length &&
      [...this.replaced.values()].every(({ before, after }) => sameSortValue(before, after, column));
    this.sorted = canReuse
      ? this.sorted.map((r) => this.replaced.get(r.key)?.after ?? r)
      : sortRows(rows, column, sort?.direction);
    this.sortedFor = { rows, sort };
    return this.sorted;
  }
}

function sameSortValue(a: PodRow, b: PodRow, column: ColumnId | undefined): boolean {
  if (column === undefined || column === 'namespace' || column === 'name') return true;
  return a.sortKeys[column] === b.sortKeys[column];
}
