/**
 * One line of the pod table: a single `<Text>` holding pre-padded cells, with only STATUS nested for its health
 * colour — except on the selected row, which is one unbroken bar (a health colour inside the inverse bar would
 * cut it in three; the STATUS text still says what the health is). Props are primitives so React.memo skips every row whose text and state did not change; moving the
 * selection re-renders two rows, not the window.
 */
import { Text } from 'ink';
import { memo } from 'react';
import type { PodHealth } from '../../domain/podHealth.js';
import { theme } from '../theme.js';

/** Props of one table line. */
export interface PodTableRowProps {
  /** The cells before STATUS, padded and joined. */
  readonly before: string;
  /** The STATUS cell, padded; '' when the column was dropped. */
  readonly status: string;
  /** The cells after STATUS. */
  readonly after: string;
  readonly health: PodHealth;
  readonly selected: boolean;
  /** Marked with Space for a bulk action. */
  readonly marked: boolean;
  /** Shown while the watch reconnects: the data may be out of date. */
  readonly stale: boolean;
}

/** The markers in front of the first cell, so selection and marks read without colour too. */
export const SELECTED_MARK = '›';
/** The marker of a row marked with Space. */
export const MARKED_MARK = '●';

function rowColor(selected: boolean, marked: boolean, stale: boolean): string | undefined {
  if (selected) return theme.selection;
  if (marked) return theme.marked;
  return stale ? theme.stale : undefined;
}

function PodTableRowLine({ before, status, after, health, selected, marked, stale }: PodTableRowProps) {
  const gutter = `${selected ? SELECTED_MARK : ' '}${marked ? MARKED_MARK : ' '} `;
  return (
    <Text wrap="truncate" inverse={selected} color={rowColor(selected, marked, stale)} dimColor={stale}>
      {gutter}
      {before}
      {status === '' ? null : selected ? status : <Text color={theme.health[health]}>{status}</Text>}
      {after}
    </Text>
  );
}

/** One table line, re-rendered only when its text or state changes. */
export const PodTableRow = memo(PodTableRowLine);
