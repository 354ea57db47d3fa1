/**
 * The pod table's header line: kubectl's titles padded to the layout, ↑/↓ after the sorted column's title, and
 * the column that sort keys act on highlighted.
 */
import { Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { columnDef, COLUMN_GAP, type ColumnId, type ColumnLayout } from '../../domain/columns.js';
import { fitCell, textWidth } from '../../domain/fitText.js';
import type { SortState } from '../../domain/sort.js';
import { theme } from '../theme.js';
import { ROW_GUTTER, sameLayout } from './podTableLayout.js';

/** Props of the header line. */
export interface PodTableHeaderProps {
  readonly layout: readonly ColumnLayout[];
  readonly sort: SortState | undefined;
  readonly focusedColumn: ColumnId | undefined;
  /** Names the columns off screen (`IP, NODE →`, `+6 →`), after the last title; '' when all are shown. */
  readonly note?: string | undefined;
  /** `←`, `→` or both, in the gutter: columns off screen on that side (← / → scroll). */
  readonly arrows?: string | undefined;
}

/** The arrow shown after the sorted column's title. */
export function sortArrow(direction: SortState['direction']): string {
  return direction === 'asc' ? '↑' : '↓';
}

function headerCell({ id, width }: ColumnLayout, sort: SortState | undefined, focused: boolean): ReactNode {
  const def = columnDef(id);
  const arrow = sort?.column === id && width > 1 ? sortArrow(sort.direction) : '';
  const room = width - textWidth(arrow);
  const title = textWidth(def.title) > room ? fitCell(def.title, room) : def.title;
  const pad = ' '.repeat(Math.max(0, room - textWidth(title)));
  const label = focused ? (
    <Text color={theme.accent} underline>
      {title}
    </Text>
  ) : (
    title
  );
  const mark = arrow === '' ? null : <Text color={theme.sortIndicator}>{arrow}</Text>;
  return (
    <Text key={id}>
      {def.align === 'right' ? pad : null}
      {label}
      {mark}
      {def.align === 'right' ? null : pad}
    </Text>
  );
}

function PodTableHeaderLine({ layout, sort, focusedColumn, note, arrows = '' }: PodTableHeaderProps) {
  const gap = ' '.repeat(COLUMN_GAP);
  return (
    <Text wrap="truncate" color={theme.header} bold>
      {arrows ? <Text color={theme.accent}>{arrows}</Text> : null}
      {' '.repeat(ROW_GUTTER - textWidth(arrows))}
      {layout.map((column, i) => [
        i === 0 ? null : gap,
        headerCell(column, sort, column.id === focusedColumn),
      ])}
      {note ? (
        <Text color={theme.muted} bold={false}>
          {gap + note}
        </Text>
      ) : null}
    </Text>
  );
}

function sameHeader(a: PodTableHeaderProps, b: PodTableHeaderProps): boolean {
  return (
    sameLayout(a.layout, b.layout) &&
    a.focusedColumn === b.focusedColumn &&
    a.note === b.note &&
    a.arrows === b.arrows &&
    a.sort?.column === b.sort?.column &&
    a.sort?.direction === b.sort?.direction
  );
}

/** The header line, re-rendered only when the columns, their widths, the sort or the focus change. */
export const PodTableHeader = memo(PodTableHeaderLine, sameHeader);
