/**
 * Laying out a text view: logical lines (with colour spans) wrapped into screen rows — long messages and image
 * names are shown in full, never cut — and each row split into segments by colour and by search highlight.
 */
import type { TextMatch } from './textSearch.js';

/** A coloured part of a line, by token kind (the view maps kinds to theme colours). */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

export interface TextLine {
  readonly text: string;
  readonly spans?: readonly Span[] | undefined;
}

/** One screen row: a slice of a logical line. */
export interface TextRow {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** A run of one style on a row. */
export interface Segment {
  readonly text: string;
  readonly kind: string | undefined;
  /** 'match' for a search hit, 'current' for the one n/N went to. */
  readonly highlight: 'match' | 'current' | undefined;
}

/** Wraps every line at `width` columns (a line of one column per character: describe and YAML are ASCII). */
export function wrapLines(lines: readonly TextLine[], width: number): TextRow[] {
  const w = Math.max(1, width);
  const rows: TextRow[] = [];
  lines.forEach((l, line) => {
    const n = l.text.length;
    if (n === 0) rows.push({ line, start: 0, end: 0 });
    for (let start = 0; start < n; start += w) rows.push({ line, start, end: Math.min(n, start + w) });
  });
  return rows;
}

/** The first row of a logical line. */
export function rowOfLine(rows: readonly TextRow[], line: number, offset = 0): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid]!;
    if (r.line < line || (r.line === line && r.end <= offset && r.end !== r.start)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A row cut into segments at span and match boundaries. */
export function rowSegments(
  row: TextRow,
  line: TextLine,
  matches: readonly TextMatch[],
  current: TextMatch | undefined,
): Segment[] {
  const cuts = new Set<number>([row.start, row.end]);
  const inRow = (s: number, e: number): boolean => e > row.start && s < row.end;
  const spans = (line.spans ?? []).filter((s) => inRow(s.start, s.end));
  const hits = matches.filter((m) => m.line === row.line && inRow(m.start, m.end));
  for (const x of [...spans, ...hits]) {
    if (x.start > row.start && x.start < row.end) cuts.add(x.start);
    if (x.end > row.start && x.end < row.end) cuts.add(x.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const kind = spans.find((x) => x.start <= s && x.end >= e)?.kind;
    const hit = hits.find((x) => x.start <= s && x.end >= e);
    const highlight = hit ? (hit === current ? 'current' : 'match') : undefined;
    const prev = out[out.length - 1];
    const text = line.text.slice(s, e);
    if (prev && prev.kind === kind && prev.highlight === highlight)
      out[out.length - 1] = { ...prev, text: prev.text + text };
    else out.push({ text, kind, highlight });
  }
  return out;
}
