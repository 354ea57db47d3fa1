/**
 * The pod table's rows with a filter typed, through the dashboard's own pipeline (PodRowsDeriver: rows → sort →
 * filter, each patched by what changed), must always equal the straightforward derivation — every pod's row,
 * filtered, sorted — checked after each kind of change a watch brings: rows that start or stop matching, change
 * their sort value, arrive or go; and while a filter is typed a character at a time.
 */
import { describe, expect, it } from 'vitest';
import { columnsFor } from '../../src/domain/columns.js';
import { filterRows, narrows, parseFilter, type RowFilter } from '../../src/domain/filter.js';
import { podRows } from '../../src/domain/podRow.js';
import type { SortState } from '../../src/domain/sort.js';
import { sortRows } from '../../src/domain/sort.js';
import type { Pod } from '../../src/domain/wire.js';
import type { CowMap } from '../../src/kube/cowMap.js';
import type { MetricsSnapshot } from '../../src/kube/metricsStore.js';
import { PodRowsDeriver } from '../../src/ui/podRowsDeriver.js';
import { allFixtures, keyOf, podWorld, renamed } from '../domain/podFixtures.js';

const NO_METRICS: MetricsSnapshot = {
  availability: 'unavailable',
  pods: new Map(),
  version: 0,
} as MetricsSnapshot;
const COLUMNS = columnsFor({ allNamespaces: true, metrics: false, wide: false });

function parsed(text: string): RowFilter {
  const f = parseFilter(text);
  if (!f.ok) throw new Error(f.error);
  return f.filter;
}

const line = (r: { key: string; text: { status: string }; restartCount: number }): string =>
  `${r.key} ${r.text.status} ${r.restartCount}`;

function oracle(m: CowMap<Pod>, filter: string, sort: SortState | undefined): string[] {
  const rows = filterRows(podRows(m.freeze().values()), parsed(filter), COLUMNS);
  return sortRows(rows, sort?.column, sort?.direction).map(line);
}

function derived(d: PodRowsDeriver, m: CowMap<Pod>, filter: string, sort: SortState | undefined): string[] {
  const pods = { pods: m.freeze(), version: 1, sync: { kind: 'live' as const }, stale: false };
  return d
    .derive({ pods, metrics: NO_METRICS, filter, sort, allNamespaces: true, wide: false })
    .rows.map(line);
}

/** A new version of the pod: Evicted (kubectl's STATUS shows status.reason) or not, and its restarts. */
function changed(p: Pod, evicted: boolean, restarts: number): Pod {
  const statuses = (p.status?.containerStatuses ?? []).map((c) => ({ ...c, restartCount: restarts }));
  const { reason: _reason, ...status } = p.status ?? {};
  return {
    ...p,
    metadata: { ...p.metadata, resourceVersion: String(Math.random()) },
    status: {
      ...status,
      ...(evicted ? { reason: 'Evicted', phase: 'Failed' } : {}),
      containerStatuses: statuses,
    },
  };
}

describe('the filtered rows', () => {
  for (const [filter, sort] of [
    ['evict', undefined],
    ['!evict', { column: 'restarts', direction: 'desc' }],
    ['EVICTED|pod-00', { column: 'status', direction: 'asc' }],
    ['-f pod01', { column: 'restarts', direction: 'asc' }],
    ['-l app', undefined],
  ] as [string, SortState | undefined][]) {
    it(`equal the full derivation through a watch's changes (filter ${filter}, sort ${sort?.column ?? 'default'})`, () => {
      const m = podWorld(600);
      const d = new PodRowsDeriver();
      expect(derived(d, m, filter, sort)).toEqual(oracle(m, filter, sort));
      const keys = m.keys();
      // Pods that start and stop matching (Evicted on and off), and change their sort value or not.
      for (let step = 0; step < 30; step++) {
        const k = keys[(step * 37) % keys.length]!;
        m.set(k, changed(m.get(k)!, step % 4 !== 3, step % 3 === 0 ? 0 : step));
        if (step % 5 === 0) {
          const again = keys[(step * 37 + 11) % keys.length]!;
          m.set(again, changed(m.get(again)!, step % 2 === 0, step));
        }
        expect(derived(d, m, filter, sort)).toEqual(oracle(m, filter, sort));
      }
      // Each changed pod flipped back: what stopped matching must come back, in order.
      for (let step = 0; step < 30; step += 3) {
        const k = keys[(step * 37) % keys.length]!;
        m.set(k, changed(m.get(k)!, false, 0));
      }
      expect(derived(d, m, filter, sort)).toEqual(oracle(m, filter, sort));
      // An evicted pod arrives; a matching one goes; both in one flush.
      const extra = changed(renamed(allFixtures()[0]!, 'ns-0', 'aaa-new'), true, 1);
      m.set(keyOf(extra), extra);
      expect(derived(d, m, filter, sort)).toEqual(oracle(m, filter, sort));
      m.delete(keys[0]!);
      const other = changed(renamed(allFixtures()[1]!, 'ns-3', 'zzz-new'), true, 2);
      m.set(keyOf(other), other);
      expect(derived(d, m, filter, sort)).toEqual(oracle(m, filter, sort));
    });
  }

  it('equal the full derivation while a filter is typed, erased and changed', () => {
    const m = podWorld(600);
    for (const k of m.keys().filter((_, i) => i % 9 === 0)) m.set(k, changed(m.get(k)!, true, 1));
    const d = new PodRowsDeriver();
    const typed = [
      '',
      'p',
      'po',
      'pod',
      'pod-',
      'pod-0',
      'pod-00',
      'pod-0',
      'pod-',
      'pod-1',
      'pod-1|ev',
      'e',
      'ev',
      'Ev',
    ];
    for (const filter of typed)
      expect(derived(d, m, filter, undefined), filter).toEqual(oracle(m, filter, undefined));
  });
});

describe('narrows', () => {
  it('is true only when every row the new filter keeps is kept by the old one', () => {
    expect(narrows(parsed('web'), parsed('web-'))).toBe(true);
    expect(narrows(parsed('WEB'), parsed('a-web'))).toBe(true);
    expect(narrows({ kind: 'none' }, parsed('x'))).toBe(true);
    // Not plain text, inverted, or not containing the old text: no promise.
    expect(narrows(parsed('web'), parsed('web|db'))).toBe(false);
    expect(narrows(parsed('we.'), parsed('we.b'))).toBe(false);
    expect(narrows(parsed('!web'), parsed('!web-'))).toBe(false);
    expect(narrows(parsed('web'), parsed('db'))).toBe(false);
    expect(narrows(parsed('web'), parsed('-f web'))).toBe(false);
    expect(narrows(parsed('web'), { kind: 'none' })).toBe(false);
  });
});
