/**
 * Sorting the pod table by a column. kubectl lists pods in the API server's order, which is by namespace then name
 * (byte order of the storage key); that is the default here and the tie-breaker for every other column, so equal
 * cells never shuffle between flushes.
 */
import { columnDef, type ColumnId } from './columns.js';
import type { PodRow, SortKey } from './podRow.js';

/** Ascending or descending, as shown by ↑ / ↓ in the header. */
export type SortDirection = 'asc' | 'desc';

/** The table's sort: a column and a direction. */
export interface SortState {
  readonly column: ColumnId;
  readonly direction: SortDirection;
}

/** Code-unit order, like Go's string comparison; localeCompare would be slower and differ from kubectl. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numbers numerically, strings by code unit, numbers before strings; undefined is handled by the caller. */
function compareKeys(a: NonNullable<SortKey>, b: NonNullable<SortKey>): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  return typeof a === 'number' ? -1 : 1;
}

/**
 * kubectl's order: namespace, then name.
 * @param a a row
 * @param b another row
 */
export function compareDefault(a: PodRow, b: PodRow): number {
  return compareText(a.namespace, b.namespace) || compareText(a.name, b.name);
}

/**
 * The order of rows for a column and direction. Missing values (no metrics, `<none>`) go last in both
 * directions, and rows with equal values stay in the default order.
 * @param column the column to sort by, or undefined for the default order
 * @param direction ascending or descending, in terms of what the cell shows (AGE ascending = youngest first)
 */
export function rowComparator(
  column: ColumnId | undefined,
  direction: SortDirection = 'asc',
): (a: PodRow, b: PodRow) => number {
  if (column === undefined || column === 'namespace') {
    // Namespace order is the default order; only its direction can differ.
    const sign = direction === 'asc' ? 1 : -1;
    return (a, b) => sign * compareText(a.namespace, b.namespace) || compareText(a.name, b.name);
  }
  let sign = direction === 'asc' ? 1 : -1;
  if (columnDef(column).reverseSortKey) sign = -sign;
  return (a, b) => {
    const ka = a.sortKeys[column];
    const kb = b.sortKeys[column];
    if (ka !== kb) {
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      const order = compareKeys(ka, kb);
      if (order !== 0) return sign * order;
    }
    return compareDefault(a, b);
  };
}

/**
 * A sorted copy of `rows` (see rowComparator).
 * @param rows the rows to sort (not modified)
 * @param column the column to sort by, or undefined for the default order
 * @param direction ascending or descending
 */
export function sortRows(
  rows: readonly PodRow[],
  column: ColumnId | undefined,
  direction: SortDirection = 'asc',
): PodRow[] {
  return rows.slice().sort(rowComparator(column, direction));
}
