/**
 * The pod table with its own clock: AGE and RESTARTS' "(3m ago)" age once a second by re-rendering this table
 * alone (the visible rows), not the App. The layout is sized here to the rows on screen at that clock; the ids of
 * the columns it kept are published through `columnIds` for the sort keys (`<`/`>` move across what is shown).
 */
import { memo, useLayoutEffect, useMemo, type RefObject } from 'react';
import type { ColumnId } from '../../domain/columns.js';
import { useNow } from '../hooks/useNow.js';
import { PodTable, type PodTableProps } from './PodTable.js';
import { podTableLayout } from './podTableLayout.js';

/** Props of the live pod table: the pod table's, with the columns offered instead of a layout and a clock. */
export interface PodTableLiveProps extends Omit<PodTableProps, 'layout' | 'now'> {
  /** The columns offered (`columnsFor(mode)`), in display order. */
  readonly columns: readonly ColumnId[];
  /** Terminal columns for the whole table, gutter included. */
  readonly width: number;
  /** Rows the layout is sized to (the table's full height, even while a dialog covers its bottom). */
  readonly layoutHeight: number;
  /** Receives the ids of the columns shown, left to right, after each commit. */
  readonly columnIds: RefObject<readonly ColumnId[]>;
}

function PodTableLiveView(props: PodTableLiveProps) {
  const { columns, width, layoutHeight, columnIds, ...table } = props;
  const now = useNow(1000);
  const { rows, offset, sort } = table;
  const layout = useMemo(
    () => podTableLayout({ rows, offset, height: layoutHeight, width, columns, now, sort }),
    [rows, offset, layoutHeight, width, columns, now, sort],
  );
  useLayoutEffect(() => {
    columnIds.current = layout.map((c) => c.id);
  }, [layout, columnIds]);
  return <PodTable {...table} layout={layout} now={now} />;
}

/** The live pod table; re-rendered by its parent only when a prop changes. */
export const PodTableLive = memo(PodTableLiveView);
