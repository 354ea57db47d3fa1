/**
 * What the pod table needs computed before it renders: the window of rows on screen and the column layout for
 * them. Both look only at the visible rows, so their cost does not grow with the length of the list.
 */
import {
  columnDef,
  COLUMN_GAP,
  windowColumns,
  type ColumnId,
  type ColumnLayout,
  type ColumnWindow,
} from '../../domain/columns.js';
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
  /**
   * Content widths seen before while the set of pods was the same (see `WidthMemory`): a column never narrows
   * below them, so typing a filter, or scrolling, does not make the columns jump. Updated with what is measured.
   */
  readonly memory?: WidthMemory | undefined;
}

/**
 * The widest content each column has shown since the set of pods (or the columns, or the terminal width) last
 * changed. A filter only hides rows of the same set, so while it is typed the widths stay where they were.
 */
export class WidthMemory {
  private key = '';
  private readonly widths = new Map<ColumnId, number>();

  /**
   * Forgets the widths when `key` differs from the last one given.
   * @param key what the widths are valid for: the pod set, the columns offered and the terminal width
   */
  validFor(key: string): this {
    if (key !== this.key) {
      this.key = key;
      this.widths.clear();
      this.seeded = false;
    }
    return this;
  }

  private seeded = false;

  /**
   * Remembers the widest cells of a whole list once per key (the list before a filter, when one starts being
   * typed): every subset the filter leaves then fits the same widths. One pass over the list, on a keystroke.
   */
  seed(rows: readonly PodRow[], ids: readonly ColumnId[], now: number): void {
    if (this.seeded) return;
    this.seeded = true;
    const widest = measureRows(rows, ids, now);
    for (const id of ids) this.widen(id, widest(id));
  }

  /** The width to use: the widest of `measured` and what was seen before; remembered for next time. */
  widen(id: ColumnId, measured: number): number {
    const w = Math.max(measured, this.widths.get(id) ?? 0);
    this.widths.set(id, w);
    return w;
  }
}

/**
 * The columns that fit and their widths, sized to the rows on screen; the sorted column gets room for its arrow.
 * @param input the rows, window, width, columns, clock and sort
 */
export function podTableLayout(input: PodTableLayoutInput): ColumnLayout[] {
  return podTableWindow(input).layout;
}

/** The table's columns scrolled sideways, and the note at the end of the header saying what is off screen. */
export interface PodTableWindow extends ColumnWindow {
  /** E.g. `← PF, READY  IP, NODE →` or `+6 →`: the columns off screen; '' when every column is shown. */
  readonly note: string;
  /** The header's gutter: `←` when columns were scrolled past, `→` when more can be reached; '' when none. */
  readonly arrows: string;
}

/** The columns scrolled past on the left (none before the user scrolls: → reaches every hidden column then). */
function scrolledPast(window: ColumnWindow, ids: readonly ColumnId[]): ColumnId[] {
  if (window.scroll === 0) return [];
  const first = window.layout.find((c) => c.id !== 'name' && c.id !== 'namespace')?.id;
  const at = first === undefined ? ids.length : ids.indexOf(first);
  return window.hidden.filter((id) => ids.indexOf(id) < at);
}

/**
 * The note naming the columns off screen: `←` before those scrolled past on the left, `→` after the others (the
 * keys that reach them). Titles are kubectl's. Where the names do not fit, a count: `+6 →`.
 * @param window the columns shown and hidden
 * @param ids the columns offered, in display order
 * @param room columns the note may take
 */
export function hiddenNote(window: ColumnWindow, ids: readonly ColumnId[], room: number): string {
  if (window.hidden.length === 0) return '';
  const firstShown = ids.indexOf(
    window.layout.find((c) => c.id !== 'name' && c.id !== 'namespace')?.id ?? 'name',
  );
  const left = window.scroll > 0 ? window.hidden.filter((id) => ids.indexOf(id) < firstShown) : [];
  const right = window.hidden.filter((id) => !left.includes(id));
  const titles = (list: readonly ColumnId[]): string => list.map((id) => columnDef(id).title).join(', ');
  const named = [left.length ? `← ${titles(left)}` : '', right.length ? `${titles(right)} →` : '']
    .filter(Boolean)
    .join('  ');
  if (textWidth(named) <= room) return named;
  const counted = [left.length ? `← +${left.length}` : '', right.length ? `+${right.length} →` : '']
    .filter(Boolean)
    .join(' ');
  return textWidth(counted) <= room ? counted : '';
}

/**
 * The columns shown, scrolled `scroll` columns sideways (see `windowColumns`). What is off screen is said without
 * costing a column: arrows in the header's gutter (`←` columns scrolled past, `→` more to reach), and their names
 * at the end of the header where the line has room.
 * @param input the rows, window, width, columns, clock and sort
 * @param scroll how far the user scrolled sideways (← / →)
 */
export function podTableWindow(input: PodTableLayoutInput, scroll = 0): PodTableWindow {
  const { rows, offset, height, width, columns, now, sort, memory } = input;
  const measured = measureRows(visibleRows(rows, offset, height), columns, now);
  const content = memory ? (id: ColumnId) => memory.widen(id, measured(id)) : measured;
  const measure = (id: ColumnId): number =>
    sort?.column === id ? Math.max(content(id), textWidth(columnDef(id).title) + 1) : content(id);
  const room = width - ROW_GUTTER;
  const window = windowColumns(columns, measure, room, scroll);
  if (window.hidden.length === 0) return { ...window, note: '', arrows: '' };
  const used = window.layout.reduce((sum, c, i) => sum + c.width + (i > 0 ? COLUMN_GAP : 0), 0);
  const left = scrolledPast(window, columns).length > 0;
  const right = window.hidden.length > scrolledPast(window, columns).length;
  return {
    ...window,
    note: hiddenNote(window, columns, room - used - COLUMN_GAP),
    arrows: `${left ? '←' : ' '}${right ? '→' : ' '}`,
  };
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
