/**
 * The pod table scrolled sideways, on the real-world fixtures: not scrolled it is the priority layout; scrolled,
 * NAME stays and every other column can be reached, the header says what is off screen and on which side; and
 * while a filter is typed over the same pods the column widths do not move.
 */
import { describe, expect, it } from 'vitest';
import { columnsFor, type ColumnId } from '../../src/domain/columns.js';
import { podRows } from '../../src/domain/podRow.js';
import { sortRows } from '../../src/domain/sort.js';
import { podTableLayout, podTableWindow, WidthMemory } from '../../src/ui/components/podTableLayout.js';
import { allFixtures, NOW } from '../domain/podFixtures.js';

const rows = sortRows(podRows(allFixtures()), undefined);
const WIDE = columnsFor({ allNamespaces: true, metrics: true, wide: true });

function at(width: number, scroll: number, columns: readonly ColumnId[] = WIDE) {
  return podTableWindow({ rows, offset: 0, height: 30, width, columns, now: NOW }, scroll);
}

describe('podTableWindow', () => {
  it.each([80, 100, 200])('reaches every column at %i columns, NAME always shown', (width) => {
    const seen = new Set<ColumnId>();
    let scroll = 0;
    for (let i = 0; i < 40; i++) {
      const w = at(width, scroll);
      expect(w.layout.map((c) => c.id)).toContain('name');
      const used = 3 + w.layout.reduce((s, c, j) => s + c.width + (j > 0 ? 2 : 0), 0);
      expect(used).toBeLessThanOrEqual(width);
      for (const c of w.layout) seen.add(c.id);
      if (w.scroll > 0 && !w.moreRight) break;
      scroll = w.scroll + 1;
    }
    expect([...seen].sort()).toEqual([...WIDE].sort());
  });

  it('names the columns off screen, and on which side', () => {
    const first = at(100, 0);
    expect(first.hidden.length).toBeGreaterThan(0);
    expect(first.arrows).toBe(' →');
    expect(at(100, 3).arrows).toBe('←→');
    // Where the header has room the note names them, kubectl's titles; else it counts them.
    expect(at(200, 6).note).toBe('← PF, READY, STATUS, RESTARTS, AGE  LABELS →');
    expect(at(200, 3).note).toBe('← +2 +1 →');
    const end = at(100, 99);
    expect(end.moreRight).toBe(false);
    expect(end.arrows).toBe('← ');
    expect(end.layout.at(-1)!.id).toBe('labels');
  });

  it('shows nothing hidden when everything fits', () => {
    const narrow = columnsFor({ allNamespaces: false, metrics: false, wide: false });
    const w = at(300, 0, narrow);
    expect(w.hidden).toEqual([]);
    expect(w.note).toBe('');
    expect(w.arrows).toBe('');
  });
});

describe('column widths while a filter is typed', () => {
  const columns = columnsFor({ allNamespaces: true, metrics: false, wide: false });
  const layout = (shown: typeof rows, memory?: WidthMemory) =>
    podTableLayout({ rows: shown, offset: 0, height: 30, width: 200, columns, now: NOW, memory });

  it('keep their widths as the rows narrow down, for the same set of pods', () => {
    const memory = new WidthMemory();
    const set = `all/${rows.length}`;
    const before = layout(rows, memory.validFor(set));
    for (const typed of ['w', 'wo', 'wor', 'work', 'worker']) {
      const shown = rows.filter((r) => r.name.includes(typed));
      expect(shown.length).toBeGreaterThan(0);
      expect(layout(shown, memory.validFor(set))).toEqual(before);
    }
    // Without the memory they jump (what the user saw before).
    expect(layout(rows.filter((r) => r.name.includes('worker')))).not.toEqual(before);
  });

  it('fit the rows off screen too, once seeded with the whole list when the filter opens', () => {
    // Five rows on screen: the filter brings up rows from further down, wider ones among them.
    const short = (shown: typeof rows, memory?: WidthMemory) =>
      podTableLayout({ rows: shown, offset: 0, height: 5, width: 200, columns, now: NOW, memory });
    const widest = (shown: typeof rows) => Math.max(...shown.map((r) => r.name.length));
    const below = rows.slice(5).filter((r) => r.name.length > widest(rows.slice(0, 5)));
    expect(below.length).toBeGreaterThan(0);
    const seeded = new WidthMemory().validFor('all');
    seeded.seed(rows, columns, NOW);
    const before = short(rows, seeded);
    expect(short(below, seeded.validFor('all'))).toEqual(before);
    // Unseeded, the same keystroke widens NAME and moves every column after it.
    const unseeded = new WidthMemory().validFor('all');
    const plain = short(rows, unseeded);
    expect(short(below, unseeded.validFor('all'))).not.toEqual(plain);
  });

  it('start again when the set of pods changes', () => {
    const memory = new WidthMemory();
    layout(rows, memory.validFor('all/30'));
    const few = rows.filter((r) => r.name.includes('worker'));
    expect(layout(few, memory.validFor('all/1'))).toEqual(layout(few));
  });
});
