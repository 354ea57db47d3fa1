/**
 * The window of a long list that is on screen, and keeping the selection in it. The list is rendered only from
 * `offset` to `offset + height`, so these rules decide what the user sees: the selection is always visible, the
 * window moves as little as possible, and it never shows blank lines below the end of a list that has room to fill
 * them (a list that shrank pulls the window back).
 */

/** A selection index and the first row shown. */
export interface Viewport {
  readonly index: number;
  readonly offset: number;
}

/** Selection moves the keys make. */
export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

function clamp(n: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, n));
}

/**
 * The first row to show: `offset` moved just enough to show `selected`, within the list's bounds.
 * @param total rows in the list
 * @param height rows that fit on screen
 * @param offset the first row shown so far
 * @param selected the selected row's index, or -1 for none
 */
export function scrollOffset(total: number, height: number, offset: number, selected: number): number {
  const rows = Math.max(1, height);
  let next = offset;
  if (selected >= 0) {
    if (selected < next) next = selected;
    else if (selected >= next + rows) next = selected - rows + 1;
  }
  return clamp(next, 0, Math.max(0, total - rows));
}

/**
 * The selection and window after a navigation key. Page moves scroll the window by a page and keep the selection
 * on the same screen line, as a pager does; the others move the selection and let the window follow.
 * @param view the current selection and window
 * @param move the key's move
 * @param total rows in the list
 * @param height rows that fit on screen
 */
export function moveSelection(view: Viewport, move: Move, total: number, height: number): Viewport {
  if (total <= 0) return { index: -1, offset: 0 };
  const page = Math.max(1, height);
  const last = total - 1;
  const at = clamp(view.index, 0, last);
  let index: number;
  let offset = view.offset;
  switch (move) {
    case 'up':
      index = Math.max(0, at - 1);
      break;
    case 'down':
      index = Math.min(last, at + 1);
      break;
    case 'pageUp':
      index = Math.max(0, at - page);
      offset -= page;
      break;
    case 'pageDown':
      index = Math.min(last, at + page);
      offset += page;
      break;
    case 'home':
      index = 0;
      break;
    case 'end':
      index = last;
      break;
  }
  return { index, offset: scrollOffset(total, height, offset, index) };
}

/**
 * The position of the row with `key`, or -1.
 * @param rows the list
 * @param key the row key
 */
export function indexOfKey(rows: readonly { readonly key: string }[], key: string | undefined): number {
  if (key === undefined) return -1;
  return rows.findIndex((row) => row.key === key);
}

/**
 * Which row to select after the list changed (a flush, a new filter or sort). The same pod if it is still
 * listed, wherever it moved; otherwise its neighbour: the first row after it in the previous list that is still
 * listed, else the nearest one before it (it was at the end); else whatever now sits at its old position.
 * @param prevRows the list before the change
 * @param nextRows the list after it
 * @param selectedKey the selected row's key before the change
 * @returns the key to select, or undefined when the list is empty
 */
export function selectAfterChange(
  prevRows: readonly { readonly key: string }[],
  nextRows: readonly { readonly key: string }[],
  selectedKey: string | undefined,
): string | undefined {
  if (nextRows.length === 0) return undefined;
  if (selectedKey !== undefined && indexOfKey(nextRows, selectedKey) >= 0) return selectedKey;
  const was = indexOfKey(prevRows, selectedKey);
  if (was < 0) return nextRows[0]!.key;
  const listed = new Set(nextRows.map((row) => row.key));
  for (let i = was + 1; i < prevRows.length; i++) {
    if (listed.has(prevRows[i]!.key)) return prevRows[i]!.key;
  }
  for (let i = was - 1; i >= 0; i--) {
    if (listed.has(prevRows[i]!.key)) return prevRows[i]!.key;
  }
  return nextRows[Math.min(was, nextRows.length - 1)]!.key;
}
