/**
 * The demo's server-side Table for pods, against Kubernetes' own printer cases (test/fixtures/pods/printers_test/):
 * the API server prints every row's cells with `printPod` and puts a Completed condition on the rows of finished
 * pods, in the order cells, conditions, object.
 */
import { describe, expect, it } from 'vitest';
import { toTable } from '../../src/demo/api/tables.js';
import { PODS } from '../../src/demo/store/resourceTypes.js';
import type { KubeObject } from '../../src/domain/wire.js';
import { fixturePod, printerFixtures } from '../domain/printerFixtures.js';

const fixtures = printerFixtures();

describe('the pod Table', () => {
  const pods = fixtures.map((f) => fixturePod(f) as KubeObject);
  // Every fixture is worked out against the same clock.
  const now = Date.parse(fixtures[0]!.now);
  const table = toTable(PODS, pods, now, 'None');

  it.each(fixtures.map((f, i) => [f.pod.metadata!.name!, i] as const))('%s', (_, i) => {
    const f = fixtures[i]!;
    const row = table.rows[i]!;
    // The Table always has the wide cells; kubectl drops them without -o wide.
    expect(row.cells.slice(0, f.expect.cells.length)).toEqual(f.expect.cells);
    expect(row.conditions).toEqual(f.expect.conditions);
  });

  it('keeps the API server order of a row: cells, conditions, object', () => {
    const failed = fixtures.findIndex((f) => f.status.phase === 'Failed');
    const rows = toTable(PODS, [pods[failed]!], now, 'Metadata').rows;
    expect(Object.keys(rows[0]!)).toEqual(['cells', 'conditions', 'object']);
  });

  it('leaves conditions out of the rows of pods still running', () => {
    const running = fixtures.findIndex((f) => f.status.phase === 'Running');
    // includeObject=None still carries `object: null`, as the API server's rows do (differential scenario
    // table-pods).
    expect(Object.keys(toTable(PODS, [pods[running]!], now, 'None').rows[0]!)).toEqual(['cells', 'object']);
  });
});
