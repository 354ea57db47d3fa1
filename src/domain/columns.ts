/**
 * The pod table's columns as data, and the layout that decides which of them fit the terminal. Columns never wrap:
 * when the terminal is too narrow, NAME gives up width first (with an ellipsis), then whole columns are dropped in
 * priority order, so NAME and STATUS are the last ones standing.
 */
import type { Align, Ellipsis } from './fitText.js';
import { textWidth } from './fitText.js';

/** Every column the pod table can show. */
export type ColumnId =
  | 'namespace'
  | 'name'
  | 'pf'
  | 'ready'
  | 'status'
  | 'restarts'
  | 'age'
  | 'cpu'
  | 'mem'
  | 'ip'
  | 'node'
  | 'nominatedNode'
  | 'readinessGates'
  | 'qos'
  | 'serviceAccount'
  | 'labels';

/** When a column is offered at all; the layout then decides whether it fits. */
export type ColumnCondition = 'always' | 'allNamespaces' | 'metrics' | 'wide';

/** One column of the pod table. */
export interface ColumnDef {
  readonly id: ColumnId;
  /** The header, as kubectl (or kubectl top, or k9s for PF) prints it. */
  readonly title: string;
  readonly align: Align;
  /** Where an over-long cell is cut: NAME in the middle, since replicas differ only in their suffix. */
  readonly ellipsis: Ellipsis;
  /** For a shrinkable column, the narrowest it is squeezed to before other columns are dropped (others keep their natural width). */
  readonly minWidth: number;
  /** The widest it grows, however long its content; longer cells get an ellipsis. Room for a sort arrow. */
  readonly maxWidth: number;
  /** Whether it gives up width (with an ellipsis) before lower-priority columns are dropped. */
  readonly shrinkable: boolean;
  /** Higher stays longer: when columns do not fit, the lowest priority is dropped first. */
  readonly priority: number;
  /**
   * NAME and STATUS: the last to go. Once only essential columns are left, shrinkable ones squeeze on down to
   * ESSENTIAL_MIN_WIDTH rather than lose STATUS on a narrow terminal.
   */
  readonly essential: boolean;
  readonly shownWhen: ColumnCondition;
  /**
   * Whether ascending order of what the cell shows is descending order of its sort key: AGE shows a duration but
   * sorts on the creation time, so the youngest pod has the largest key.
   */
  readonly reverseSortKey: boolean;
}

type Options = Partial<Pick<ColumnDef, 'align' | 'ellipsis' | 'shrinkable' | 'essential' | 'reverseSortKey'>>;

function column(
  id: ColumnId,
  title: string,
  [minWidth, maxWidth]: [number, number],
  priority: number,
  shownWhen: ColumnCondition,
  options: Options = {},
): ColumnDef {
  return {
    id,
    title,
    align: 'left',
    ellipsis: 'end',
    shrinkable: false,
    essential: false,
    reverseSortKey: false,
    ...options,
    minWidth,
    maxWidth,
    priority,
    shownWhen,
  };
}

/**
 * All columns in display order: kubectl's `NAME READY STATUS RESTARTS AGE` first, then `kubectl top`'s usage, then
 * `-o wide`'s placement columns, then the extra wide ones.
 */
// prettier-ignore
export const COLUMNS: readonly ColumnDef[] = [
  column('namespace', 'NAMESPACE', [9, 30], 85, 'allNamespaces'),
  column('name', 'NAME', [20, 63], 100, 'always', { shrinkable: true, essential: true, ellipsis: 'middle' }),
  column('pf', 'PF', [2, 3], 55, 'always'),
  column('ready', 'READY', [5, 7], 80, 'always'),
  column('status', 'STATUS', [6, 24], 90, 'always', { essential: true }),
  column('restarts', 'RESTARTS', [8, 16], 70, 'always'),
  column('age', 'AGE', [3, 8], 72, 'always', { reverseSortKey: true }),
  column('cpu', 'CPU', [3, 7], 50, 'metrics', { align: 'right' }),
  column('mem', 'MEM', [3, 7], 49, 'metrics', { align: 'right' }),
  column('ip', 'IP', [2, 39], 35, 'always'),
  column('node', 'NODE', [4, 30], 40, 'always'),
  column('nominatedNode', 'NOMINATED NODE', [14, 30], 15, 'wide'),
  column('readinessGates', 'READINESS GATES', [15, 16], 14, 'wide'),
  column('qos', 'QOS', [3, 10], 25, 'wide'),
  column('serviceAccount', 'SERVICE ACCOUNT', [15, 30], 20, 'wide'),
  column('labels', 'LABELS', [10, 80], 10, 'wide', { shrinkable: true }),
];

const BY_ID = new Map(COLUMNS.map((c) => [c.id, c]));

/**
 * The definition of one column.
 * @param id the column
 */
export function columnDef(id: ColumnId): ColumnDef {
  return BY_ID.get(id)!;
}

/** What the table is listing, which decides the columns offered. */
export interface ColumnMode {
  /** Listing every namespace (`-A`): NAMESPACE is shown. */
  readonly allNamespaces: boolean;
  /** The cluster serves metrics.k8s.io: CPU and MEM are shown. */
  readonly metrics: boolean;
  /** Wide mode (`-o wide`): the extra columns are offered. */
  readonly wide: boolean;
}

/**
 * The columns offered in a mode, in display order (before the layout drops what does not fit).
 * @param mode what is being listed
 */
export function columnsFor(mode: ColumnMode): ColumnId[] {
  const offered: Record<ColumnCondition, boolean> = {
    always: true,
    allNamespaces: mode.allNamespaces,
    metrics: mode.metrics,
    wide: mode.wide,
  };
  return COLUMNS.filter((c) => offered[c.shownWhen]).map((c) => c.id);
}

/** One column as laid out: its width in terminal columns, without the gap after it. */
export interface ColumnLayout {
  readonly id: ColumnId;
  readonly width: number;
}

/** How narrow a shrinkable essential column gets when nothing but essential columns are left. */
export const ESSENTIAL_MIN_WIDTH = 10;

/** Spaces between two columns. kubectl uses three; two buys a column on an 80-column terminal. */
export const COLUMN_GAP = 2;

interface Sized {
  def: ColumnDef;
  natural: number;
  floor: number;
}

/**
 * Which columns fit in `width` terminal columns, and how wide each is. A column's natural width is the widest of its
 * title and its content, capped at its maximum. While the columns do not fit: shrinkable columns (lowest priority
 * first) give up width down to their minimum; if that is not enough the lowest-priority column is dropped and the
 * rest tried again. When only essential columns (NAME, STATUS) are left, NAME may squeeze down to
 * ESSENTIAL_MIN_WIDTH before STATUS goes. A lone column that still does not fit is cut to the width.
 * @param ids the columns offered, in display order
 * @param measure the widest content of a column among the rows to be shown (plus anything the header adds to its
 *   title, such as a sort arrow)
 * @param width terminal columns available
 * @param gap spaces between columns
 * @returns the kept columns in display order
 */
export function layoutColumns(
  ids: readonly ColumnId[],
  measure: (id: ColumnId) => number,
  width: number,
  gap = COLUMN_GAP,
): ColumnLayout[] {
  if (width <= 0) return [];
  let kept: Sized[] = ids.map((id) => {
    const def = columnDef(id);
    const natural = Math.min(Math.max(textWidth(def.title), measure(id)), def.maxWidth);
    return { def, natural, floor: def.shrinkable ? Math.min(natural, def.minWidth) : natural };
  });
  for (;;) {
    if (kept.length === 0) return [];
    const gaps = gap * (kept.length - 1);
    const natural = kept.reduce((sum, c) => sum + c.natural, gaps);
    if (natural <= width) return kept.map((c) => ({ id: c.def.id, width: c.natural }));
    if (kept.reduce((sum, c) => sum + c.floor, gaps) <= width) return shrink(kept, natural - width);
    if (kept.every((c) => c.def.essential)) {
      const squeezed = kept.map((c) =>
        c.def.shrinkable ? { ...c, floor: Math.min(c.floor, ESSENTIAL_MIN_WIDTH) } : c,
      );
      if (squeezed.reduce((sum, c) => sum + c.floor, gaps) <= width) return shrink(squeezed, natural - width);
    }
    if (kept.length === 1) return [{ id: kept[0]!.def.id, width }];
    const lowest = kept.reduce((low, c) => (c.def.priority < low.def.priority ? c : low));
    kept = kept.filter((c) => c !== lowest);
  }
}

/** Takes `excess` columns from the shrinkable columns, the least important first, each down to its floor. */
function shrink(kept: readonly Sized[], excess: number): ColumnLayout[] {
  const widths = new Map(kept.map((c) => [c.def.id, c.natural]));
  const donors = kept.filter((c) => c.natural > c.floor).sort((a, b) => a.def.priority - b.def.priority);
  let left = excess;
  for (const c of donors) {
    const take = Math.min(left, c.natural - c.floor);
    widths.set(c.def.id, c.natural - take);
    left -= take;
  }
  return kept.map((c) => ({ id: c.def.id, width: widths.get(c.def.id)! }));
}

/** A window onto the columns, scrolled sideways (see `windowColumns`). */
export interface ColumnWindow {
  /** The columns shown and their widths, in display order. */
  readonly layout: ColumnLayout[];
  /** Columns off screen, in display order: scrolled past on the left, beyond the right edge, or dropped to fit. */
  readonly hidden: ColumnId[];
  /** Whether a column lies beyond the right edge (→ shows more). */
  readonly moreRight: boolean;
  /** The scroll actually applied (0: not scrolled), clamped so the last column is reachable and no further. */
  readonly scroll: number;
}

/**
 * The columns frozen at the left while the others scroll sideways: NAMESPACE (when shown) and NAME, so a row
 * always says which pod it is.
 */
function frozenCount(ids: readonly ColumnId[]): number {
  const name = ids.indexOf('name');
  return name < 0 ? 0 : name + 1;
}

/**
 * The columns in `width`, scrolled `scroll` columns sideways. Not scrolled (0), it is `layoutColumns`: what fits
 * by priority, NAME and STATUS last. Scrolled (n ≥ 1), NAMESPACE and NAME stay at the left at their full width and
 * the others follow in display order from the n-th one after NAME, as many as fit, so every column can be
 * reached. NAME takes at most half the width (a middle ellipsis keeps the replica suffix), less only if not even
 * one other column would fit beside it.
 * @param ids the columns offered, in display order
 * @param measure as for `layoutColumns`
 * @param width terminal columns available
 * @param scroll how far the user scrolled (clamped here)
 * @param gap spaces between columns
 */
export function windowColumns(
  ids: readonly ColumnId[],
  measure: (id: ColumnId) => number,
  width: number,
  scroll: number,
  gap = COLUMN_GAP,
): ColumnWindow {
  const frozen = ids.slice(0, frozenCount(ids));
  const scrollable = ids.slice(frozen.length);
  const natural = (id: ColumnId): number => {
    const def = columnDef(id);
    return Math.min(Math.max(textWidth(def.title), measure(id)), def.maxWidth);
  };
  const result = (layout: ColumnLayout[], applied: number): ColumnWindow => {
    const shown = new Set(layout.map((c) => c.id));
    const hidden = ids.filter((id) => !shown.has(id));
    const last = layout[layout.length - 1]?.id;
    const moreRight = last !== undefined && ids.slice(ids.indexOf(last) + 1).some((id) => !shown.has(id));
    return { layout, hidden, moreRight, scroll: applied };
  };
  if (scroll <= 0 || scrollable.length === 0) return result(layoutColumns(ids, measure, width, gap), 0);

  /** The window starting at scrollable[from]: frozen columns, then as many as fit. */
  const windowAt = (from: number): ColumnLayout[] => {
    // NAME keeps its full width up to half the terminal, so the scrolled columns still have room beside it.
    const frozenWidth = (id: ColumnId): number =>
      id === 'name'
        ? Math.min(natural(id), Math.max(columnDef(id).minWidth, Math.floor(width / 2)))
        : natural(id);
    const layout: ColumnLayout[] = frozen.map((id) => ({ id, width: frozenWidth(id) }));
    let used = layout.reduce((sum, c, i) => sum + c.width + (i > 0 ? gap : 0), 0);
    for (const id of scrollable.slice(from)) {
      const w = natural(id);
      const next = used + (layout.length > 0 ? gap : 0) + w;
      if (next > width) {
        if (layout.length === frozen.length) {
          // Not even one column beside NAME: NAME shrinks (down to ESSENTIAL_MIN_WIDTH) to make room for this one
          // at its minimum, and it takes what is left (cut with an ellipsis).
          const nameAt = layout.findIndex((c) => c.id === 'name');
          const name = layout[nameAt];
          let room = width - used - gap;
          const wanted = Math.min(w, columnDef(id).minWidth);
          if (name && room < wanted) {
            const take = Math.min(wanted - room, name.width - Math.min(name.width, ESSENTIAL_MIN_WIDTH));
            layout[nameAt] = { id: 'name', width: name.width - take };
            room += take;
          }
          if (room >= 1) layout.push({ id, width: Math.min(w, room) });
        }
        break;
      }
      layout.push({ id, width: w });
      used = next;
    }
    return layout;
  };
  // The furthest useful scroll: the first start from which every remaining column fits.
  let max = 0;
  while (max < scrollable.length - 1 && windowAt(max).length < frozen.length + scrollable.length - max) max++;
  const from = Math.min(scroll - 1, max);
  return result(windowAt(from), from + 1);
}
