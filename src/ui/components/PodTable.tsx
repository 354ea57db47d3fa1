/**
 * The live pod list's table: a header line and only the rows in the window, one `<Text>` per row (see
 * REFERENCE §2: string rows cost a fraction of a box per cell, and cost grows with the lines rendered, so a frame
 * costs the same with 100 pods or 10,000).
 */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { ColumnId, ColumnLayout } from '../../domain/columns.js';
import type { PodRow } from '../../domain/podRow.js';
import { rowLine } from '../../domain/rowLine.js';
import type { SortState } from '../../domain/sort.js';
import { theme } from '../theme.js';
import { PodTableHeader } from './PodTableHeader.js';
import { ROW_GUTTER, visibleRows } from './podTableLayout.js';
import { PodTableRow } from './PodTableRow.js';

/** Props of the pod table. */
export interface PodTableProps {
  /** The whole list, already filtered and sorted; only the window is rendered. */
  readonly rows: readonly PodRow[];
  /** Index of the first row shown (pulled back if the list is shorter than offset + height). */
  readonly offset: number;
  /** Rows shown below the header line. */
  readonly height: number;
  /** Key (`namespace/name`) of the selected row. */
  readonly selectedKey: string | undefined;
  /** Columns and widths, from `podTableLayout`. */
  readonly layout: readonly ColumnLayout[];
  /** Keys of rows marked with Space. */
  readonly marked: ReadonlySet<string>;
  /** The clock for AGE and RESTARTS, epoch milliseconds. */
  readonly now: number;
  /** The watch is reconnecting: rows are dimmed as possibly out of date. */
  readonly stale: boolean;
  /** The sort, shown as ↑/↓ after its column's title; undefined for the default order. */
  readonly sort: SortState | undefined;
  /** The column that sort keys act on, highlighted in the header. */
  readonly focusedColumn: ColumnId | undefined;
  /** Shown in place of rows when the list is empty. */
  readonly emptyText?: string | undefined;
  /** Names the columns off screen, at the end of the header line (see `hiddenNote`). */
  readonly hiddenNote?: string | undefined;
  /** Arrows in the header's gutter for columns off screen (see `podTableWindow`). */
  readonly hiddenArrows?: string | undefined;
}

function PodTableView(props: PodTableProps) {
  const { rows, offset, height, selectedKey, layout, marked, now, stale, sort, focusedColumn, emptyText } =
    props;
  const { hiddenNote, hiddenArrows } = props;
  return (
    <Box flexDirection="column">
      <PodTableHeader
        layout={layout}
        sort={sort}
        focusedColumn={focusedColumn}
        note={hiddenNote}
        arrows={hiddenArrows}
      />
      {rows.length === 0 && emptyText ? (
        <Text color={theme.muted} wrap="truncate">
          {' '.repeat(ROW_GUTTER) + emptyText}
        </Text>
      ) : null}
      {visibleRows(rows, offset, height).map((row) => {
        const line = rowLine(row, layout, now);
        return (
          <PodTableRow
            key={row.key}
            before={line.before}
            status={line.status}
            after={line.after}
            health={row.health}
            selected={row.key === selectedKey}
            marked={marked.has(row.key)}
            stale={stale}
          />
        );
      })}
    </Box>
  );
}

/** The pod table. Rows are memoised: a frame re-renders only the lines whose text or state changed. */
export const PodTable = memo(PodTableView);
