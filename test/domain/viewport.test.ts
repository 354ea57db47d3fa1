import { describe, expect, it } from 'vitest';
import {
  indexOfKey,
  moveSelection,
  scrollOffset,
  selectAfterChange,
  type Move,
  type Viewport,
} from '../../src/domain/viewport.js';

describe('scrollOffset', () => {
  // prettier-ignore
  const cases: [what: string, total: number, height: number, offset: number, selected: number, expected: number][] = [
    ['selection already visible: no move', 100, 10, 20, 25, 20],
    ['selection above: window moves up to it', 100, 10, 20, 15, 15],
    ['selection below: window moves just enough', 100, 10, 20, 30, 21],
    ['selection on the last visible line', 100, 10, 20, 29, 20],
    ['list shrank below the window: pulled back', 12, 10, 20, 11, 2],
    ['list shorter than the screen', 5, 10, 3, 4, 0],
    ['no selection: only clamped', 100, 10, 95, -1, 90],
    ['empty list', 0, 10, 7, -1, 0],
    ['zero height counts as one row', 100, 0, 0, 5, 5],
  ];
  it.each(cases)('%s', (_, total, height, offset, selected, expected) => {
    expect(scrollOffset(total, height, offset, selected)).toBe(expected);
  });
});

describe('moveSelection', () => {
  // prettier-ignore
  const cases: [from: Viewport, move: Move, total: number, expected: Viewport][] = [
    [{ index: 5, offset: 0 }, 'down', 100, { index: 6, offset: 0 }],
    [{ index: 9, offset: 0 }, 'down', 100, { index: 10, offset: 1 }],
    [{ index: 99, offset: 90 }, 'down', 100, { index: 99, offset: 90 }],
    [{ index: 10, offset: 10 }, 'up', 100, { index: 9, offset: 9 }],
    [{ index: 0, offset: 0 }, 'up', 100, { index: 0, offset: 0 }],
    // Page moves scroll a page and keep the selection on the same screen line.
    [{ index: 13, offset: 10 }, 'pageDown', 100, { index: 23, offset: 20 }],
    [{ index: 95, offset: 88 }, 'pageDown', 100, { index: 99, offset: 90 }],
    [{ index: 23, offset: 20 }, 'pageUp', 100, { index: 13, offset: 10 }],
    [{ index: 4, offset: 2 }, 'pageUp', 100, { index: 0, offset: 0 }],
    [{ index: 50, offset: 45 }, 'home', 100, { index: 0, offset: 0 }],
    [{ index: 5, offset: 0 }, 'end', 100, { index: 99, offset: 90 }],
    // A list shorter than the screen never scrolls.
    [{ index: 2, offset: 0 }, 'pageDown', 6, { index: 5, offset: 0 }],
    // A selection past the end of a shrunken list comes back inside it.
    [{ index: 40, offset: 35 }, 'up', 20, { index: 18, offset: 10 }],
    [{ index: 0, offset: 0 }, 'down', 0, { index: -1, offset: 0 }],
  ];
  it.each(cases)('%j %s in %i rows', (from, move, total, expected) => {
    expect(moveSelection(from, move, total, 10)).toEqual(expected);
  });
});

describe('selectAfterChange', () => {
  const list = (...keys: string[]) => keys.map((key) => ({ key }));
  const before = list('a', 'b', 'c', 'd', 'e');

  // prettier-ignore
  const cases: [what: string, next: { key: string }[], selected: string | undefined, expected: string | undefined][] = [
    ['still there', list('a', 'b', 'c', 'd', 'e'), 'c', 'c'],
    ['moved (re-sorted): follows the pod', list('e', 'c', 'a', 'b', 'd'), 'c', 'c'],
    ['deleted in the middle: the next row', list('a', 'b', 'd', 'e'), 'c', 'd'],
    ['deleted with its next neighbour: the next survivor', list('a', 'b', 'e'), 'c', 'e'],
    ['deleted at the end: the previous row', list('a', 'b', 'c', 'd'), 'e', 'd'],
    ['the last rows deleted: the nearest survivor before', list('a', 'b'), 'd', 'b'],
    ['everything replaced: what sits at its old index', list('v', 'w', 'x', 'y'), 'c', 'x'],
    ['everything replaced by fewer: the last row', list('v'), 'c', 'v'],
    ['nothing selected: the first row', list('a', 'b'), undefined, 'a'],
    ['selection unknown to both lists: the first row', list('a', 'b'), 'zz', 'a'],
    ['empty list: nothing', [], 'c', undefined],
  ];
  it.each(cases)('%s', (_, next, selected, expected) => {
    expect(selectAfterChange(before, next, selected)).toBe(expected);
  });

  it('finds a key among 10,000 rows', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ key: `ns/pod-${i}` }));
    const without = many.filter((_, i) => i !== 5000);
    expect(selectAfterChange(many, without, 'ns/pod-5000')).toBe('ns/pod-5001');
    expect(indexOfKey(many, 'ns/pod-9999')).toBe(9999);
    expect(indexOfKey(many, undefined)).toBe(-1);
  });
});
