/**
 * The workload logs' rows above the log: every pod with its line count (and its match count while a filter or
 * search applies) in its prefix's colour — one row, as long as the terminal is wide, because the counts are what
 * tells a silent pod from a busy one at a glance and a side panel would take columns from every log line — and,
 * when the stream cap is reached, a row that says so and names the pods not followed.
 */
import type { WorkloadSnapshot } from '../../logs/logSnapshot.js';

const n = (v: number): string => v.toLocaleString('en-US');

/**
 * The rows (with SGR colours unless `color` is false).
 * @param matches per pod name, when a pattern applies
 */
export function workloadRows(
  w: WorkloadSnapshot,
  matches: ReadonlyMap<string, number> | undefined,
  color: boolean,
): string[] {
  const paint = (c: number, text: string): string => (color ? `\u001b[38;5;${c}m${text}\u001b[39m` : text);
  const followed = w.pods.filter((p) => p.status !== 'capped');
  const capped = w.pods.filter((p) => p.status === 'capped');
  const head = [
    `${followed.filter((p) => p.status === 'following').length} pods`,
    `${w.streams}/${w.maxStreams} streams`,
    `selector ${w.selector}`,
  ];
  if (w.podsState) head.push(w.podsState);
  else if (w.pods.length === 0) head.push('no pods match yet: they join when they start');
  const cells = followed.map((p) => {
    const m = matches ? ` &${n(matches.get(p.name) ?? 0)}` : '';
    const notes = [
      p.status === 'left' ? 'left' : '',
      p.evicted ? `${n(p.evicted)} evicted` : '',
      p.reconnects ? `${n(p.reconnects)} reconnects` : '',
    ].filter(Boolean);
    return `${paint(p.color, p.short)} ${n(p.lines)}${m}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  const rows = [[...head, ...cells].join(' · ')];
  if (capped.length > 0) {
    const names = capped.map((p) => p.name);
    rows.push(
      `stream cap reached (${w.maxStreams}, stern's and kubectl's --max-log-requests): ${capped.length} pods not followed: ${names.join(', ')}`,
    );
  }
  return rows;
}
