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
  /** Spaces drawn before a continuation row, so wrapped text stays under its line's first word. */
  readonly indent?: number;
}

/** A run of one style on a row. */
export interface Segment {
  readonly text: string;
  readonly kind: string | undefined;
  /** 'match' for a search hit, 'current' for the one n/N went to. */
  readonly highlight: 'match' | 'current' | undefined;
}

/** How far continuation rows are indented: under the line's text, two more, never past half the width. */
function hangingIndent(text: string, width: number): number {
  const lead = text.length - text.trimStart().length;
  return Math.min(lead + 2, Math.floor(width / 2));
}

/**
 * Where a row that starts at `start` and holds at most `room` characters ends: before the last space that fits,
 * or, for a word longer than the row, at the row's edge. The caller skips the spaces after it.
 * @param text the line
 * @param start where the row starts
 * @param room characters the row holds
 */
export function rowEnd(text: string, start: number, room: number): number {
  if (text.length - start <= room) return text.length;
  const space = text.lastIndexOf(' ', start + room);
  return space > start ? space : start + room;
}

/** Where the next row starts: after the spaces at `end`. */
export function nextRowStart(text: string, end: number): number {
  let at = end;
  while (at < text.length && text[at] === ' ') at++;
  return at;
}

/**
 * Wraps every line at `width` columns (a line of one column per character: describe and YAML are ASCII) at
 * spaces, never inside a word: a row ends before the last space that fits and the next starts after it, indented
 * under the line. Only a word longer than a whole row is cut, since it fits nowhere.
 */
export function wrapLines(lines: readonly TextLine[], width: number): TextRow[] {
  const w = Math.max(1, width);
  const rows: TextRow[] = [];
  lines.forEach((l, line) => {
    const text = l.text;
    const n = text.length;
    if (n === 0) {
      rows.push({ line, start: 0, end: 0 });
      return;
    }
    const indent = hangingIndent(text, w);
    let start = 0;
    let room = w;
    while (n - start > room) {
      const end = rowEnd(text, start, room);
      rows.push(start === 0 ? { line, start, end } : { line, start, end, indent });
      start = nextRowStart(text, end);
      room = Math.max(1, w - indent);
    }
    if (start < n || start === 0)
      rows.push(start === 0 ? { line, start, end: n } : { line, start, end: n, indent });
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
