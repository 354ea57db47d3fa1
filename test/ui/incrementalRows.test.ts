/**
 * Incremental rows must always equal the straightforward derivation (rows of every pod, fully sorted): checked
 * after each kind of change a watch brings, with the straightforward result as the oracle.
 */
import { describe, expect, it } from 'vitest';
import { podRows } from '../../src/domain/podRow.js';
import type { SortState } from '../../src/domain/sort.js';
import { sortRows } from '../../src/domain/sort.js';
import type { Pod } from '../../src/domain/wire.js';
import type { CowMap } from '../../src/kube/cowMap.js';
import type { PodRow } from '../../src/domain/podRow.js';
import { IncrementalRows } from '../../src/ui/incrementalRows.js';
import { allFixtures, keyOf, podWorld, renamed } from '../domain/podFixtures.js';

/** Pods per health, as the header counts them: the oracle counts every row. */
function healthLine(rows: readonly PodRow[]): string {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.health] = (counts[r.health] ?? 0) + 1;
  return `health ${JSON.stringify(
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .sort(),
  )}`;
}

function oracle(pods: Iterable<Pod>, sort: SortState | undefined): string[] {
  const rows = sortRows(podRows(pods), sort?.column, sort?.direction);
  return [...rows.map((r) => `${r.key} ${r.text.status} ${r.restartCount}`), healthLine(rows)];
}

function derived(inc: IncrementalRows, m: CowMap<Pod>, sort: SortState | undefined): string[] {
  const snap = m.freeze();
  const rows = inc
    .sort(inc.rows(snap, undefined), sort)
    .map((r) => `${r.key} ${r.text.status} ${r.restartCount}`);
  const counts = Object.entries(inc.counts()).filter(([, n]) => n > 0);
  return [...rows, `health ${JSON.stringify(counts.sort())}`];
}

function withRestarts(p: Pod, n: number): Pod {
  const statuses = (p.status?.containerStatuses ?? []).map((c) => ({ ...c, restartCount: n }));
  return {
    ...p,
    metadata: { ...p.metadata, resourceVersion: String(Math.random()) },
    status: { ...p.status, containerStatuses: statuses },
  };
}

describe('IncrementalRows', () => {
  for (const sort of [
    undefined,
    { column: 'restarts', direction: 'desc' },
    { column: 'status', direction: 'asc' },
  ] as (SortState | undefined)[]) {
    it(`equals the full derivation through updates, additions and deletions (sort ${sort?.column ?? 'default'})`, () => {
      const m = podWorld(600);
      const inc = new IncrementalRows();
      expect(derived(inc, m, sort)).toEqual(oracle(m.freeze().values(), sort));
      const keys = m.keys();
      // Modified pods (same keys): some change their sort value, some not.
      for (let step = 0; step < 20; step++) {
        const k = keys[(step * 37) % keys.length]!;
        m.set(k, withRestarts(m.get(k)!, step % 3 === 0 ? 0 : step));
        expect(derived(inc, m, sort)).toEqual(oracle(m.freeze().values(), sort));
      }
      // An addition and a deletion.
      const extra = renamed(allFixtures()[0]!, 'ns-0', 'aaa-new');
      m.set(keyOf(extra), extra);
      expect(derived(inc, m, sort)).toEqual(oracle(m.freeze().values(), sort));
      m.delete(keys[5]!);
      expect(derived(inc, m, sort)).toEqual(oracle(m.freeze().values(), sort));
      // A deletion and an addition in the same flush (same count, different members).
      m.delete(keys[9]!);
      const other = renamed(allFixtures()[1]!, 'ns-3', 'zzz-new');
      m.set(keyOf(other), other);
      expect(derived(inc, m, sort)).toEqual(oracle(m.freeze().values(), sort));
    });
  }

  it('returns the same arrays when nothing changed', () => {
    const m = podWorld(100);
    const inc = new IncrementalRows();
    const snap = m.freeze();
    const a = inc.rows(snap, undefined);
    expect(inc.rows(snap, undefined)).toBe(a);
    expect(inc.sort(a, undefined)).toBe(inc.sort(a, undefined));
  });
});
