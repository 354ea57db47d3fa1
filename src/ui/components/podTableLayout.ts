/**
 * What the pod table needs computed before it renders: the window of rows on screen and the column layout for
 * them. Both look only at the visible rows, so their cost does not grow with the length of the list.
 */
import { columnDef, layoutColumns, type ColumnId, type ColumnLayout } from '../../domain/columns.js';
import { textWidth } from '../../domain/fitText.js';
import type { PodRow } from '../../domain/podRow.js';
import { measureRows } from '../../domain/rowLine.js';
import type { SortState } from '../../domain/sort.js';

/** Columns in front of the first cell: the selection marker, the mark marker and a space. */
export const ROW_GUTTER = 3;

/**
 * The rows on screen: `height` rows from `offset`, with the offset pulled back so a shrunken list still fills the
 * screen.
 * @param rows the whole filtered, sorted list
 * @param offset the first row the caller wants shown
 * @param height rows that fit
 */
export function visibleRows(rows: readonly PodRow[], offset: number, height: number): readonly PodRow[] {
  const rowsShown = Math.max(0, height);
  const start = Math.max(0, Math.min(offset, rows.length - rowsShown));
  return rows.slice(start, start + rowsShown);
}

/** What `podTableLayout` lays out. */
export interface PodTableLayoutInput {
  readonly rows: readonly PodRow[];
  readonly offset: number;
  readonly height: number;
  /** Terminal columns for the whole table, gutter included. */
  readonly width: number;
  /** The columns offered (`columnsFor(mode)`), in display order. */
  readonly columns: readonly ColumnId[];
  readonly now: number;
  readonly sort?: SortState | undefined;
}

/**
 * The columns that fit and their widths, sized to the rows on screen; the sorted column gets room for its arrow.
 * @param input the rows, window, width, columns, clock and sort
 */
export function podTableLayout(input: PodTableLayoutInput): ColumnLayout[] {
  const { rows, offset, height, width, columns, now, sort } = input;
  const content = measureRows(visibleRows(rows, offset, height), columns, now);
  const measure = (id: ColumnId): number =>
    sort?.column === id ? Math.max(content(id), textWidth(columnDef(id).title) + 1) : content(id);
  return layoutColumns(columns, measure, width - ROW_GUTTER);
}

/**
 * Whether two layouts are the same columns at the same widths; layouts are recomputed per frame, so identity says
 * nothing.
 * @param a a layout
 * @param b another layout
 */
export function sameLayout(a: readonly ColumnLayout[], b: readonly ColumnLayout[]): boolean {
  return (
    a === b || (a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c.width === b[i]!.width))
  );
}
