/**
 * Selection by key in a list that changes under it: moves by rows or pages, keeps the selected pod when rows
 * move, moves to a neighbour when it disappears, and keeps the window offset so the selection stays visible
 * with the least scrolling.
 */

export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | 'stay';

/** Offset so that `index` is visible in a window of `height` rows, moving as little as possible. */
export function visibleOffset(index: number, offset: number, height: number, total: number): number {
  const h = Math.max(1, height);
  let o = offset;
  if (index < o) o = index;
  if (index >= o + h) o = index - h + 1;
  return Math.max(0, Math.min(o, Math.max(0, total - h)));
}

/** The new selection and offset after a move (or, with `stay`, after the rows changed). */
export function moveSelection(
  keys: readonly string[],
  selectedKey: string | undefined,
  offset: number,
  height: number,
  move: Move,
  prevKeys?: readonly string[],
): { selectedKey: string | undefined; offset: number } {
  if (keys.length === 0) return { selectedKey, offset: 0 };
  let index = selectedKey === undefined ? -1 : keys.indexOf(selectedKey);
  if (index < 0) {
    // The selected pod is gone (or filtered out): take the row that now stands where it stood.
    const prev = prevKeys && selectedKey !== undefined ? prevKeys.indexOf(selectedKey) : -1;
    index = prev >= 0 ? Math.min(prev, keys.length - 1) : 0;
  }
  const page = Math.max(1, height - 1);
  switch (move) {
    case 'up':
      index = Math.max(0, index - 1);
      break;
    case 'down':
      index = Math.min(keys.length - 1, index + 1);
      break;
    case 'pageUp':
      index = Math.max(0, index - page);
      break;
    case 'pageDown':
      index = Math.min(keys.length - 1, index + page);
      break;
    case 'top':
      index = 0;
      break;
    case 'bottom':
      index = keys.length - 1;
      break;
    case 'stay':
      break;
  }
  return { selectedKey: keys[index], offset: visibleOffset(index, offset, height, keys.length) };
}
