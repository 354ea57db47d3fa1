/**
 * A table row as pre-padded text: every cell fitted to its column with string-width, joined with the column gap,
 * and split around STATUS so the view can colour that one cell. Built only for the rows on screen.
 */
import { columnDef, COLUMN_GAP, type ColumnId, type ColumnLayout } from './columns.js';
import { fitCell, textWidth } from './fitText.js';
import { cellText, type PodRow } from './podRow.js';

/** One row's text: `before + status + after` is the whole line, exactly as wide as the layout. */
export interface RowLine {
  readonly before: string;
  /** The STATUS cell, padded; '' when the layout dropped STATUS. */
  readonly status: string;
  readonly after: string;
}

/**
 * The line for one row.
 * @param row the row
 * @param layout the columns kept and their widths
 * @param now the current time in epoch milliseconds
 * @param gap spaces between columns
 */
export function rowLine(
  row: PodRow,
  layout: readonly ColumnLayout[],
  now: number,
  gap = COLUMN_GAP,
): RowLine {
  const separator = ' '.repeat(gap);
  const cells = layout.map(({ id, width }) => {
    const def = columnDef(id);
    return fitCell(cellText(row, id, now), width, def.align, def.ellipsis);
  });
  const statusAt = layout.findIndex((c) => c.id === 'status');
  if (statusAt < 0) return { before: cells.join(separator), status: '', after: '' };
  return {
    before: cells
      .slice(0, statusAt)
      .map((cell) => cell + separator)
      .join(''),
    status: cells[statusAt]!,
    after: cells
      .slice(statusAt + 1)
      .map((cell) => separator + cell)
      .join(''),
  };
}

/**
 * The widest cell of each column among `rows`, for `layoutColumns`' measure. Pass only the rows that will be on
 * screen: measuring all 10,000 would make every frame cost as much as the whole list.
 * @param rows the rows to measure
 * @param ids the columns to measure
 * @param now the current time in epoch milliseconds
 */
export function measureRows(
  rows: readonly PodRow[],
  ids: readonly ColumnId[],
  now: number,
): (id: ColumnId) => number {
  const widths = new Map<ColumnId, number>(ids.map((id) => [id, 0]));
  for (const row of rows) {
    for (const id of ids) {
      const w = textWidth(cellText(row, id, now));
      if (w > widths.get(id)!) widths.set(id, w);
    }
  }
  return (id) => widths.get(id) ?? 0;
}
