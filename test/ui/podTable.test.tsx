/**
 * The pod table as a user sees it (ink-testing-library, 100 columns, no colour): header, row order, markers,
 * columns dropped on a narrow terminal, and only the window of a 10,000-row list on screen.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { columnsFor, type ColumnId } from '../../src/domain/columns.js';
import { podRows, type PodRow } from '../../src/domain/podRow.js';
import { sortRows, type SortState } from '../../src/domain/sort.js';
import { PodTable, type PodTableProps } from '../../src/ui/components/PodTable.js';
import { podTableLayout } from '../../src/ui/components/podTableLayout.js';
import { allFixtures, fixture, NOW, renamed } from '../domain/podFixtures.js';

const ALL_NAMESPACES = columnsFor({ allNamespaces: true, metrics: false, wide: false });

interface Options {
  rows: readonly PodRow[];
  width?: number;
  height?: number;
  offset?: number;
  selectedKey?: string;
  marked?: ReadonlySet<string>;
  sort?: SortState;
  focusedColumn?: ColumnId;
  columns?: readonly ColumnId[];
  emptyText?: string;
}

function props(o: Options): PodTableProps {
  const height = o.height ?? 10;
  const offset = o.offset ?? 0;
  const columns = o.columns ?? ALL_NAMESPACES;
  return {
    rows: o.rows,
    offset,
    height,
    selectedKey: o.selectedKey,
    layout: podTableLayout({
      rows: o.rows,
      offset,
      height,
      width: o.width ?? 100,
      columns,
      now: NOW,
      sort: o.sort,
    }),
    marked: o.marked ?? new Set(),
    now: NOW,
    stale: false,
    sort: o.sort,
    focusedColumn: o.focusedColumn,
    emptyText: o.emptyText,
  };
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function show(o: Options): { lines: string[]; rerender: (o: Options) => string[] } {
  const app = render(<PodTable {...props(o)} />);
  unmount = app.unmount;
  // The test stdout is always 100 columns and has no rows (so Ink would ask `tput` on every frame): give it the
  // terminal this test describes, then render again at that size.
  Object.defineProperty(app.stdout, 'columns', { value: o.width ?? 100 });
  Object.defineProperty(app.stdout, 'rows', { value: 100 });
  app.rerender(<PodTable {...props(o)} />);
  const lines = () => (app.lastFrame() ?? '').split('\n');
  return {
    lines: lines(),
    rerender: (next) => {
      app.rerender(<PodTable {...props(next)} />);
      return lines();
    },
  };
}

/** The words of a line, so tests need not count padding. */
function words(line: string | undefined): string[] {
  return (line ?? '').trim().split(/\s+/);
}

describe('PodTable', () => {
  const rows = sortRows(podRows(allFixtures()), undefined);

  it('shows the header and the rows in order', () => {
    const { lines } = show({ rows, height: 30, width: 120 });
    expect(words(lines[0])).toEqual([
      'NAMESPACE',
      'NAME',
      'PF',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
    ]);
    expect(lines).toHaveLength(1 + rows.length);
    expect(lines.slice(1).map((l) => words(l)[1])).toEqual(rows.map((r) => r.name));
    expect(words(lines[1 + rows.findIndex((r) => r.name === 'worker-5c6d7e8f9-k2j3h')])).toEqual([
      'default',
      'worker-5c6d7e8f9-k2j3h',
      '0/1',
      'CrashLoopBackOff',
      '5',
      '(3m20s',
      'ago)',
      '8m30s',
      '10.244.1.23',
      'worker-1',
    ]);
  });

  it('squeezes NAME with a middle ellipsis before dropping more columns', () => {
    // 100 columns: IP goes, and NAME gives up a few columns (keeping the replica suffix) so NODE can stay.
    const { lines } = show({ rows, height: 30, width: 100 });
    expect(words(lines[0])).toEqual([
      'NAMESPACE',
      'NAME',
      'PF',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'NODE',
    ]);
    expect(words(lines.find((l) => l.includes('k2j3h')))[1]).toBe('worker-5c6…8f9-k2j3h');
  });

  it('marks the selected row and the marked rows', () => {
    const selected = rows[2]!;
    const marked = new Set([rows[3]!.key, rows[4]!.key]);
    const { lines } = show({ rows, selectedKey: selected.key, marked });
    expect(lines.filter((l) => l.startsWith('›'))).toEqual([expect.stringContaining(selected.name)]);
    expect(lines.filter((l) => l.startsWith(' ●')).map((l) => words(l)[2])).toEqual([
      rows[3]!.name,
      rows[4]!.name,
    ]);
  });

  it('moves the selection marker on rerender', () => {
    const { rerender } = show({ rows, selectedKey: rows[0]!.key });
    const lines = rerender({ rows, selectedKey: rows[1]!.key });
    expect(lines.findIndex((l) => l.startsWith('›'))).toBe(2);
  });

  it('shows the sort arrow and the port-forward marker', () => {
    const key = 'default/web-7d9f8b6c5-x2k4p';
    const forwarded = sortRows(podRows(allFixtures(), { portForwards: new Set([key]) }), 'restarts', 'desc');
    const sort: SortState = { column: 'restarts', direction: 'desc' };
    const { lines } = show({ rows: forwarded, sort, focusedColumn: 'restarts', height: 30, width: 120 });
    expect(words(lines[0])).toContain('RESTARTS↓');
    expect(lines.slice(1, 5).map((l) => words(l)[1])).toEqual([
      'worker-5c6d7e8f9-k2j3h',
      'billing-6d5c4b3a2-p7q8r',
      'checkout-5f4e3d2c1-b8n7m',
      'cache-0',
    ]);
    expect(words(lines.find((l) => l.includes('x2k4p')))).toContain('⇄');
  });

  it('drops columns that do not fit a narrow terminal, NAME and STATUS last', () => {
    const { lines } = show({ rows, width: 40 });
    expect(words(lines[0])).toEqual(['NAME', 'STATUS']);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.some((l) => l.includes('…'))).toBe(true);
    expect(words(show({ rows, width: 60 }).lines[0])).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS']);
  });

  it('offers the wide columns in wide mode, keeping those that fit', () => {
    const columns = columnsFor({ allNamespaces: false, metrics: false, wide: true });
    const { lines } = show({ rows: rows.slice(0, 3), columns, width: 100 });
    expect(words(lines[0])).toEqual([
      'NAME',
      'PF',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'QOS',
    ]);
    expect(words(lines[1]).at(-1)).toBe('Burstable');
  });

  it('renders only `height` rows of 10,000, from the offset', () => {
    const base = fixture('running-web-app');
    const many = podRows(
      Array.from({ length: 10_000 }, (_, i) => renamed(base, 'team-01', `pod-${String(i).padStart(5, '0')}`)),
    );
    const { lines, rerender } = show({ rows: many, height: 20, offset: 5000, selectedKey: many[5010]!.key });
    expect(lines).toHaveLength(21);
    expect(words(lines[1])[1]).toBe('pod-05000');
    expect(words(lines[20])[1]).toBe('pod-05019');
    expect(lines[11]!.startsWith('›')).toBe(true);

    // An offset past the end shows the last full window.
    const end = rerender({ rows: many, height: 20, offset: 99_999 });
    expect(end).toHaveLength(21);
    expect(words(end[20])[1]).toBe('pod-09999');
  });

  it('says so when there are no rows', () => {
    const { lines } = show({ rows: [], emptyText: 'no pods match /xyz' });
    expect(lines.map((l) => l.trim())).toEqual([
      'NAMESPACE  NAME  PF  READY  STATUS  RESTARTS  AGE  IP  NODE',
      'no pods match /xyz',
    ]);
  });
});
