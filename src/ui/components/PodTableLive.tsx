/**
 * The pod table with its own clock: AGE and RESTARTS' "(3m ago)" age once a second by re-rendering this table
 * alone (the visible rows), not the App. The layout is sized here to the rows on screen at that clock; the ids of
 * the columns it kept are published through `columnIds` for the sort keys (`<`/`>` move across what is shown).
 */
import { memo, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import type { ColumnId } from '../../domain/columns.js';
import type { PodRow } from '../../domain/podRow.js';
import { useNow } from '../hooks/useNow.js';
import { PodTable, type PodTableProps } from './PodTable.js';
import { podTableWindow, WidthMemory, type PodTableWindow } from './podTableLayout.js';

/** Props of the live pod table: the pod table's, with the columns offered instead of a layout and a clock. */
export interface PodTableLiveProps extends Omit<
  PodTableProps,
  'layout' | 'now' | 'hiddenNote' | 'hiddenArrows'
> {
  /** The columns offered (`columnsFor(mode)`), in display order. */
  readonly columns: readonly ColumnId[];
  /** Terminal columns for the whole table, gutter included. */
  readonly width: number;
  /** Rows the layout is sized to (the table's full height, even while a dialog covers its bottom). */
  readonly layoutHeight: number;
  /** Receives the ids of the columns shown, left to right, after each commit. */
  readonly columnIds: RefObject<readonly ColumnId[]>;
  /**
   * Names what is listed (the namespace and label selector): while it and the number of pods are the same, column
   * widths only grow. While a filter is open or applied only the scope counts, so pods coming and going on a busy
   * cluster neither make the columns jump as the filter is typed nor re-measure the whole list on every flush.
   */
  readonly podSet?: string | undefined;
  /**
   * A filter is open or applied: the rows are (or are about to be) a subset of the set, and the list last shown
   * without it sizes the columns.
   */
  readonly filtering?: boolean | undefined;
  /** How far the columns are scrolled sideways (← / →); 0 shows what fits by priority. */
  readonly columnScroll?: number | undefined;
  /** Receives the window shown (scroll applied, columns off screen), for ← / →. */
  readonly columnWindow?: RefObject<PodTableWindow | undefined> | undefined;
}

function PodTableLiveView(props: PodTableLiveProps) {
  const { columns, width, layoutHeight, columnIds, podSet, columnScroll = 0, columnWindow, ...table } = props;
  const { filtering = false } = props;
  const now = useNow(1000);
  const { rows, offset, sort } = table;
  const widths = useRef(new WidthMemory());
  const unfiltered = useRef<readonly PodRow[]>([]);
  if (!filtering) unfiltered.current = table.rows;
  const layout = useMemo(() => {
    // The whole list sizes the columns once when a filter opens (one pass, ~10 ms at 10,000 pods): keyed on the
    // scope alone while filtering, the seed is not repeated for every pod created or deleted meanwhile.
    const set = filtering ? `${podSet}|filtering` : `${podSet}|${rows.length}`;
    const memory =
      podSet === undefined ? undefined : widths.current.validFor(`${set}|${width}|${columns.join()}`);
    if (memory && filtering) memory.seed(unfiltered.current, columns, now);
    const input = { rows, offset, height: layoutHeight, width, columns, now, sort, memory };
    return podTableWindow(input, columnScroll);
  }, [rows, offset, layoutHeight, width, columns, now, sort, podSet, columnScroll, filtering]);
  useLayoutEffect(() => {
    columnIds.current = layout.layout.map((c) => c.id);
    if (columnWindow) columnWindow.current = layout;
  }, [layout, columnIds, columnWindow]);
  return (
    <PodTable
      {...table}
      layout={layout.layout}
      hiddenNote={layout.note}
      hiddenArrows={layout.arrows}
      now={now}
    />
  );
}

/** The live pod table; re-rendered by its parent only when a prop changes. */
export const PodTableLive = memo(PodTableLiveView);
