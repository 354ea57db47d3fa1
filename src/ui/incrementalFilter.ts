/**
 * The filter step of the pod table, applied to the sorted list (so the rows it keeps come out sorted, with no sort
 * of their own) and proportional to what changed rather than to the list: at 100,000 pods under churn, filtering
 * every row again on each flush cost 60–70 ms (test/bench/filterRows.mjs), the most of any step with a filter
 * typed. Three ways, the cheapest that is certain:
 * - the sorted list was patched from the one filtered last time (IncrementalRows.lastPatch): the patch's changes,
 *   kept to the rows the filter matches, patch the last filtered list the same way (sortedPatch.ts);
 * - the same sorted list and a narrower filter (typing on: `web` → `web-`, see domain/filter.ts's narrows): only
 *   the rows the last filter kept are tested;
 * - otherwise every row is tested, in order.
 */
import type { ColumnId } from '../domain/columns.js';
import type { HaystackMemory, RowFilter } from '../domain/filter.js';
import { narrows, rowMatcher } from '../domain/filter.js';
import type { PodRow } from '../domain/podRow.js';
import { patchSorted, type Changes, type Replaced, type SortPatch } from './sortedPatch.js';

interface Filtered {
  sorted: readonly PodRow[];
  filter: RowFilter;
  columns: readonly ColumnId[];
  rows: readonly PodRow[];
}

export class IncrementalFilter {
  private last: Filtered | undefined;

  /**
   * The rows of `sorted` that `filter` keeps, in the same order; `sorted` itself when nothing is filtered, and the
   * same array as last time when no input changed.
   * @param sorted the sorted list
   * @param patch how `sorted` was patched from the list before it, if it was
   * @param filter the parsed filter
   * @param columns the columns a regex searches
   * @param memory where each row's searched text is kept
   */
  apply(
    sorted: readonly PodRow[],
    patch: SortPatch | undefined,
    filter: RowFilter,
    columns: readonly ColumnId[],
    memory: HaystackMemory,
  ): readonly PodRow[] {
    const last = this.last;
    if (last && last.sorted === sorted && last.filter === filter && last.columns === columns)
      return last.rows;
    const rows =
      filter.kind === 'none'
        ? sorted
        : this.filter({ sorted, filter, columns }, patch, rowMatcher(filter, columns, memory));
    this.last = { sorted, filter, columns, rows };
    return rows;
  }

  /** Filtered by `matches`, the cheapest way that is certain (see the module comment); `this.last` is the old state. */
  private filter(
    { sorted, filter, columns }: Omit<Filtered, 'rows'>,
    patch: SortPatch | undefined,
    matches: (row: PodRow) => boolean,
  ): readonly PodRow[] {
    const last = this.last;
    if (last === undefined) return sorted.filter(matches);
    const sameFilter = last.filter === filter && last.columns === columns;
    if (sameFilter && patch !== undefined && patch.from === last.sorted && patch.to === sorted) {
      const patched = patchSorted(last.rows, matching(patch.changes, matches), patch.compare, patch.column);
      if (patched) return patched;
    }
    if (last.sorted === sorted && last.columns === columns && narrows(last.filter, filter))
      return last.rows.filter(matches);
    return sorted.filter(matches);
  }
}

/**
 * An update's changes as the filtered list sees them: a row that starts matching is added, one that stops is
 * removed, one that matches before and after is replaced.
 */
function matching(changes: Changes, matches: (row: PodRow) => boolean): Changes {
  const added = changes.added.filter(matches);
  const removed = changes.removed.filter(matches);
  const replaced: Replaced[] = [];
  for (const r of changes.replaced) {
    const before = matches(r.before);
    const after = matches(r.after);
    if (before && after) replaced.push(r);
    else if (before) removed.push(r.before);
    else if (after) added.push(r.after);
  }
  return { added, removed, replaced };
}
