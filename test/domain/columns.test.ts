import { describe, expect, it } from 'vitest';
import {
  columnsFor,
  COLUMNS,
  layoutColumns,
  type ColumnId,
  type ColumnLayout,
} from '../../src/domain/columns.js';

/** Content widths as a typical screen of pods has them (NAME 23 like `web-app-7d9f8b6c5-x2k4p`). */
const CONTENT: Record<ColumnId, number> = {
  namespace: 11,
  name: 23,
  pf: 1,
  ready: 3,
  status: 16,
  restarts: 13,
  age: 5,
  cpu: 4,
  mem: 5,
  ip: 11,
  node: 18,
  nominatedNode: 6,
  readinessGates: 6,
  qos: 9,
  serviceAccount: 7,
  labels: 40,
};
const measure = (id: ColumnId) => CONTENT[id];

function ids(layout: readonly ColumnLayout[]): ColumnId[] {
  return layout.map((c) => c.id);
}

function total(layout: readonly ColumnLayout[]): number {
  return layout.reduce((sum, c) => sum + c.width, 2 * Math.max(0, layout.length - 1));
}

describe('columnsFor', () => {
  // prettier-ignore
  const cases: [string, Parameters<typeof columnsFor>[0], ColumnId[]][] = [
    ['one namespace', { allNamespaces: false, metrics: false, wide: false }, ['name', 'pf', 'ready', 'status', 'restarts', 'age', 'ip', 'node']],
    ['all namespaces', { allNamespaces: true, metrics: false, wide: false }, ['namespace', 'name', 'pf', 'ready', 'status', 'restarts', 'age', 'ip', 'node']],
    ['metrics', { allNamespaces: false, metrics: true, wide: false }, ['name', 'pf', 'ready', 'status', 'restarts', 'age', 'cpu', 'mem', 'ip', 'node']],
    ['wide', { allNamespaces: false, metrics: false, wide: true }, ['name', 'pf', 'ready', 'status', 'restarts', 'age', 'ip', 'node', 'nominatedNode', 'readinessGates', 'qos', 'serviceAccount', 'labels']],
  ];
  it.each(cases)('%s', (_, mode, expected) => {
    expect(columnsFor(mode)).toEqual(expected);
  });

  it('titles are what kubectl prints', () => {
    expect(COLUMNS.map((c) => c.title)).toEqual([
      'NAMESPACE',
      'NAME',
      'PF',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'CPU',
      'MEM',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
      'QOS',
      'SERVICE ACCOUNT',
      'LABELS',
    ]);
  });
});

describe('layoutColumns', () => {
  const normal = columnsFor({ allNamespaces: true, metrics: true, wide: false });
  const wide = columnsFor({ allNamespaces: false, metrics: false, wide: true });

  // prettier-ignore
  const cases: [string, readonly ColumnId[], number, Partial<Record<ColumnId, number>>][] = [
    // 133 columns wanted: everything fits at 200.
    ['all namespaces + metrics at 200', normal, 200, { namespace: 11, name: 23, pf: 2, ready: 5, status: 16, restarts: 13, age: 5, cpu: 4, mem: 5, ip: 11, node: 18 }],
    // IP (the lowest priority) goes; the rest fit at their natural widths.
    ['all namespaces + metrics at 120', normal, 120, { namespace: 11, name: 23, pf: 2, ready: 5, status: 16, restarts: 13, age: 5, cpu: 4, mem: 5, node: 18 }],
    // NODE, MEM, CPU and PF go, then NAME gives up 3 columns (to 20) to keep RESTARTS.
    ['all namespaces + metrics at 80', normal, 80, { namespace: 11, name: 20, ready: 5, status: 16, restarts: 13, age: 5 }],
    // Down to the essentials: NAME shrinks to its minimum-plus-what-fits beside STATUS.
    ['all namespaces + metrics at 40', normal, 40, { name: 22, status: 16 }],
    // Wide at 200: LABELS (shrinkable, least important) gives up 10 columns; nothing is dropped.
    ['wide at 200', wide, 200, { name: 23, pf: 2, ready: 5, status: 16, restarts: 13, age: 5, ip: 11, node: 18, nominatedNode: 14, readinessGates: 15, qos: 9, serviceAccount: 15, labels: 30 }],
    // Wide at 120: LABELS, READINESS GATES, NOMINATED NODE and SERVICE ACCOUNT dropped, QOS kept.
    ['wide at 120', wide, 120, { name: 23, pf: 2, ready: 5, status: 16, restarts: 13, age: 5, ip: 11, node: 18, qos: 9 }],
    ['wide at 80', wide, 80, { name: 23, pf: 2, ready: 5, status: 16, restarts: 13, age: 5 }],
    ['wide at 40', wide, 40, { name: 22, status: 16 }],
    // Only NAME and STATUS left and still too wide: NAME squeezes below its minimum rather than lose STATUS.
    ['essentials squeezed at 30', normal, 30, { name: 12, status: 16 }],
    ['NAME alone at 12', normal, 12, { name: 12 }],
    ['NAME cut to a tiny width', normal, 5, { name: 5 }],
  ];
  it.each(cases)('%s', (_, offered, width, expected) => {
    const layout = layoutColumns(offered, measure, width);
    expect(Object.fromEntries(layout.map((c) => [c.id, c.width]))).toEqual(expected);
    expect(ids(layout)).toEqual(offered.filter((id) => id in expected));
    expect(total(layout)).toBeLessThanOrEqual(width);
  });

  it('drops NAME and STATUS last, NAME after STATUS', () => {
    const drops: ColumnId[][] = [];
    for (let width = 140; width > 0; width--) drops.push(ids(layoutColumns(normal, measure, width)));
    const lastTwo = drops.filter((kept) => kept.length <= 2);
    expect(lastTwo.at(0)).toEqual(['name', 'status']);
    expect(lastTwo.at(-1)).toEqual(['name']);
  });

  it('gives each column at least its title and at most its maximum', () => {
    const layout = layoutColumns(['name', 'ready', 'labels'], (id) => (id === 'ready' ? 0 : 500), 500);
    expect(layout).toEqual([
      { id: 'name', width: 63 },
      { id: 'ready', width: 5 },
      { id: 'labels', width: 80 },
    ]);
  });

  it('lays out nothing in no width', () => {
    expect(layoutColumns(normal, measure, 0)).toEqual([]);
    expect(layoutColumns([], measure, 80)).toEqual([]);
  });
});
