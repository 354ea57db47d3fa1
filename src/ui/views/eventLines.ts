/** The events pane as text lines: kubectl's columns, newest first, Warnings coloured. */
import type { PodEventRow } from '../../domain/podEvents.js';
import type { TextLine } from '../../domain/textLayout.js';

export function eventLines(rows: readonly PodEventRow[], forbidden: string | undefined): TextLine[] {
  if (forbidden)
    return [{ text: `cannot list events: ${forbidden}`, spans: [{ start: 0, end: 1e9, kind: 'warning' }] }];
  if (rows.length === 0)
    return [
      {
        text: 'no events (the cluster keeps them for an hour)',
        spans: [{ start: 0, end: 1e9, kind: 'muted' }],
      },
    ];
  const head = ['TYPE', 'REASON', 'AGE', 'FROM', 'MESSAGE'];
  const cells = rows.map((r) => [r.type, r.reason, r.age, r.from, r.message]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string =>
    c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(widths[i]! + 2))).join('');
  const out: TextLine[] = [{ text: line(head), spans: [{ start: 0, end: 1e9, kind: 'key' }] }];
  rows.forEach((r, i) => {
    const text = line(cells[i]!);
    out.push(r.warning ? { text, spans: [{ start: 0, end: text.length, kind: 'warning' }] } : { text });
  });
  return out;
}
