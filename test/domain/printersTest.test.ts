/**
 * Kubernetes' own expectations for the pod printer, case by case: each fixture in test/fixtures/pods/printers_test/
 * is one pod of a `TestPrintPod*` test in pkg/printers/internalversion/printers_test.go (the README there names the
 * release and test of each), with the cells that test expects. podscope's printer must print exactly those cells,
 * and so must the dashboard's row, which reads a slimmed copy of the pod.
 */
import { describe, expect, it } from 'vitest';
import { cellText, podRow } from '../../src/domain/podRow.js';
import { podPrintRow, podTableRowConditions } from '../../src/domain/podStatus.js';
import { slimPod } from '../../src/kube/slimPod.js';
import type { Pod } from '../../src/domain/wire.js';
import { fixturePod, printerFixtures, type PrinterFixture } from './printerFixtures.js';

const fixtures = printerFixtures();

function printedCells(pod: Pod, now: number, wide: boolean): string[] {
  const r = podPrintRow(pod, now);
  const cells = [r.name, r.ready, r.status, r.restarts, r.age];
  return wide ? [...cells, r.ip, r.node, r.nominatedNode, r.readinessGates] : cells;
}

function rowCells(pod: Pod, now: number, wide: boolean): string[] {
  const row = podRow(pod);
  const cells = [
    row.name,
    row.text.ready,
    row.text.status,
    cellText(row, 'restarts', now),
    cellText(row, 'age', now),
  ];
  return wide
    ? [...cells, row.text.ip, row.text.node, row.text.nominatedNode, row.text.readinessGates]
    : cells;
}

const byName = fixtures.map((f) => [f.pod.metadata!.name!, f] as const);

describe("Kubernetes' TestPrintPod* cases", () => {
  it('finds every fixture', () => {
    // 39 cases of v1.32.13 plus the 4 that TestPrintPod gained by v1.37.2.
    expect(fixtures).toHaveLength(43);
  });

  it.each(byName)('%s: the printed cells', (_, f: PrinterFixture) => {
    expect(printedCells(fixturePod(f), Date.parse(f.now), f.wide)).toEqual(f.expect.cells);
  });

  // Every case expects the same cells in v1.32.13 and v1.37.2 (the README says how that was checked), so 1.32's
  // printer, which a 1.32 server makes podscope follow, prints them too.
  it.each(byName)("%s: the printed cells, by 1.32's printer", (_, f: PrinterFixture) => {
    expect(podPrintRow(fixturePod(f), Date.parse(f.now), 32).status).toBe(f.expect.cells[2]);
  });

  it.each(byName)('%s: the row conditions', (_, f: PrinterFixture) => {
    expect(podTableRowConditions(fixturePod(f))).toEqual(f.expect.conditions);
  });

  it.each(byName)("%s: the dashboard row's cells, from the slim pod", (_, f: PrinterFixture) => {
    expect(rowCells(slimPod(fixturePod(f)), Date.parse(f.now), f.wide)).toEqual(f.expect.cells);
  });
});
