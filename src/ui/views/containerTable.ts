/**
 * The containers view's table as text: columns chosen by priority to fit the width (never wrapped), long cells
 * cut with an ellipsis (the image in the middle, keeping its tag), the full text shown in the detail lines below.
 */
import type { ContainerRow } from '../../domain/containerRows.js';
import { fitCell, textWidth } from '../../domain/fitText.js';

type Cell = (r: ContainerRow) => string;

interface Column {
  readonly title: string;
  readonly cell: Cell;
  /** Lower goes first when the width is short. */
  readonly priority: number;
  readonly max: number;
  readonly ellipsis?: 'middle';
}

const pair = (a: string, b: string): string => (a === '-' && b === '-' ? '-' : `${a}/${b}`);

const COLUMNS: readonly Column[] = [
  { title: 'KIND', cell: (r) => r.kind, priority: 3, max: 9 },
  { title: 'NAME', cell: (r) => r.name, priority: 0, max: 30, ellipsis: 'middle' },
  { title: 'IMAGE', cell: (r) => r.image, priority: 4, max: 40, ellipsis: 'middle' },
  { title: 'READY', cell: (r) => (r.ready ? 'true' : 'false'), priority: 2, max: 5 },
  { title: 'STATE', cell: (r) => r.state, priority: 1, max: 36 },
  { title: 'RESTARTS', cell: (r) => r.restarts, priority: 2, max: 14 },
  { title: 'LAST TERMINATION', cell: (r) => r.lastTermination || '-', priority: 5, max: 32 },
  { title: 'PORTS', cell: (r) => r.ports || '-', priority: 6, max: 24 },
  { title: 'PROBES', cell: (r) => r.probes || '-', priority: 8, max: 30 },
  { title: 'CPU', cell: (r) => r.cpuUsage ?? 'n/a', priority: 5, max: 7 },
  { title: 'MEM', cell: (r) => r.memUsage ?? 'n/a', priority: 5, max: 8 },
  { title: 'CPU REQ/LIM', cell: (r) => pair(r.cpuRequest, r.cpuLimit), priority: 7, max: 14 },
  { title: 'MEM REQ/LIM', cell: (r) => pair(r.memRequest, r.memLimit), priority: 7, max: 16 },
];

const GAP = 2;

export interface ContainerTable {
  readonly header: string;
  readonly lines: readonly string[];
}

/** The table's header and one line per container, fitted to `width` columns (after the 2-column gutter). */
export function containerTable(rows: readonly ContainerRow[], width: number): ContainerTable {
  const widths = COLUMNS.map((c) =>
    Math.min(c.max, Math.max(textWidth(c.title), ...rows.map((r) => textWidth(c.cell(r))))),
  );
  const order = COLUMNS.map((c, i) => ({ c, i })).sort((a, b) => a.c.priority - b.c.priority);
  const chosen = new Set<number>();
  let used = 0;
  for (const { i } of order) {
    const need = widths[i]! + (chosen.size ? GAP : 0);
    if (used + need > width) continue;
    chosen.add(i);
    used += need;
  }
  const shown = COLUMNS.map((c, i) => ({ c, i })).filter(({ i }) => chosen.has(i));
  const line = (text: (c: Column) => string): string =>
    shown.map(({ c, i }) => fitCell(text(c), widths[i]!, 'left', c.ellipsis ?? 'end')).join(' '.repeat(GAP));
  return { header: line((c) => c.title), lines: rows.map((r) => line((c) => c.cell(r))) };
}
