import { describe, expect, it } from 'vitest';
import type { ColumnId } from '../../src/domain/columns.js';
import { podRow, podRows, type PodRow } from '../../src/domain/podRow.js';
import { sortRows, type SortDirection } from '../../src/domain/sort.js';
import type { Pod } from '../../src/domain/wire.js';
import { allFixtures, fixture, renamed } from './podFixtures.js';

/** A running pod with the given restart count and IP, to test numeric order beyond what the fixtures hold. */
function pod(namespace: string, name: string, restarts: number, ip?: string): Pod {
  const base = renamed(fixture('running-web-app'), namespace, name);
  const statuses = base.status!.containerStatuses!.map((c) => ({
    ...c,
    restartCount: restarts,
    lastState: {},
  }));
  return { ...base, status: { ...base.status, podIP: ip, podIPs: [], containerStatuses: statuses } };
}

function names(rows: readonly PodRow[]): string[] {
  return rows.map((r) => r.name);
}

describe('sortRows', () => {
  const synthetic = [
    pod('b', 'x', 9, '10.244.1.9'),
    pod('a', 'y', 10, '10.244.1.17'),
    pod('a', 'x', 0, undefined),
    pod('b', 'w', 10, '10.244.0.200'),
  ].map((p) => podRow(p));

  // prettier-ignore
  const cases: [column: ColumnId | undefined, direction: SortDirection, expected: string[]][] = [
    // kubectl's order: namespace, then name.
    [undefined, 'asc', ['x', 'y', 'w', 'x']],
    ['namespace', 'desc', ['w', 'x', 'x', 'y']],
    ['name', 'asc', ['w', 'x', 'x', 'y']],
    // Numbers compare as numbers (10 after 9); equal values keep the default order.
    ['restarts', 'asc', ['x', 'x', 'y', 'w']],
    ['restarts', 'desc', ['y', 'w', 'x', 'x']],
    // IPs by octet, not as text; no IP goes last in both directions.
    ['ip', 'asc', ['w', 'x', 'y', 'x']],
    ['ip', 'desc', ['y', 'x', 'w', 'x']],
  ];
  it.each(cases)('by %s %s', (column, direction, expected) => {
    expect(names(sortRows(synthetic, column, direction))).toEqual(expected);
  });

  const fixtures = podRows(allFixtures());

  it('sorts AGE ascending youngest first, descending oldest first', () => {
    expect(names(sortRows(fixtures, 'age', 'asc')).slice(0, 3)).toEqual([
      'web-7d9f8b6c5-n3m4b', // 6s
      'orders-7b6c5d4e3-h5j6k', // 15s
      'orders-7b6c5d4e3-w8x9y', // 20s
    ]);
    expect(names(sortRows(fixtures, 'age', 'desc')).slice(0, 3)).toEqual([
      'web-7d9f8b6c5-lost1', // 12d
      'web-7d9f8b6c5-x2k4p', // 3d4h
      'checkout-5f4e3d2c1-b8n7m', // 27h
    ]);
  });

  it('sorts STATUS as text', () => {
    const statuses = sortRows(fixtures, 'status', 'asc').map((r) => r.text.status);
    expect(statuses).toEqual([...statuses].sort());
  });

  it('puts rows without metrics last in both directions', () => {
    const key = (p: Pod) => `${p.metadata!.namespace}/${p.metadata!.name}`;
    const pods = allFixtures().slice(0, 4);
    const usage = new Map([
      [key(pods[0]!), { cpuMilli: 20, memBytes: 2 ** 20 }],
      [key(pods[2]!), { cpuMilli: 5, memBytes: 2 ** 20 }],
    ]);
    const rows = podRows(pods, { usage });
    expect(sortRows(rows, 'cpu', 'asc').map((r) => r.text.cpu)).toEqual(['5m', '20m', 'n/a', 'n/a']);
    expect(sortRows(rows, 'cpu', 'desc').map((r) => r.text.cpu)).toEqual(['20m', '5m', 'n/a', 'n/a']);
  });

  it('does not modify its input', () => {
    const before = [...synthetic];
    sortRows(synthetic, 'restarts', 'desc');
    expect(synthetic).toEqual(before);
  });
});
