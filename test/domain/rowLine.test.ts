import { describe, expect, it } from 'vitest';
import type { ColumnLayout } from '../../src/domain/columns.js';
import { podRow } from '../../src/domain/podRow.js';
import { measureRows, rowLine } from '../../src/domain/rowLine.js';
import { fixture, NOW } from './podFixtures.js';

describe('rowLine', () => {
  const row = podRow(fixture('crash-loop-backoff'));

  // prettier-ignore
  const cases: [string, ColumnLayout[], { before: string; status: string; after: string }][] = [
    ['status in the middle', [{ id: 'name', width: 12 }, { id: 'status', width: 17 }, { id: 'age', width: 6 }],
      { before: 'worker…k2j3h  ', status: 'CrashLoopBackOff ', after: '  8m30s ' }],
    ['status first', [{ id: 'status', width: 16 }, { id: 'restarts', width: 13 }],
      { before: '', status: 'CrashLoopBackOff', after: '  5 (3m20s ago)' }],
    ['status dropped', [{ id: 'name', width: 22 }, { id: 'ready', width: 5 }],
      { before: 'worker-5c6d7e8f9-k2j3h  0/1  ', status: '', after: '' }],
    ['right-aligned usage', [{ id: 'name', width: 6 }, { id: 'cpu', width: 5 }],
      { before: 'wor…3h    n/a', status: '', after: '' }],
  ];
  it.each(cases)('%s', (_, layout, expected) => {
    expect(rowLine(row, layout, NOW)).toEqual(expected);
  });
});

describe('measureRows', () => {
  it('measures the widest cell of each column among the given rows', () => {
    const rows = [podRow(fixture('crash-loop-backoff')), podRow(fixture('running-web-app'))];
    const measure = measureRows(rows, ['name', 'status', 'restarts', 'age'], NOW);
    expect([measure('name'), measure('status'), measure('restarts'), measure('age')]).toEqual([
      22, 16, 13, 5,
    ]);
    expect(measure('node')).toBe(0);
  });
});
