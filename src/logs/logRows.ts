/**
 * One log line as the screen rows a log view draws: the timestamp and `[container]` prefix when shown, JSON
 * pretty-printed when asked, made safe to print (sanitizeLine: only colour codes survive), search hits
 * highlighted, then cut to one row or wrapped at the pane's width. Rows carry SGR colour codes only, never a
 * sequence that moves the cursor or changes the terminal. A line far longer than the pane is cut before any work,
 * with a note of how much was left out (saving writes it whole).
 */
import wrapAnsi from 'wrap-ansi';
import { prettyJson } from './jsonPretty.js';
import type { LogLine } from './logLine.js';
import { matchRanges } from './matcher.js';
import { plainText, sanitizeLine } from './sanitize.js';
import { nextRowStart, rowEnd } from '../domain/textLayout.js';

/** SGR codes the rows use (the 16 basic colours, as the theme does). */
const COLOURED = {
  dim: ['\u001b[2m', '\u001b[22m'],
  marker: ['\u001b[33m', '\u001b[39m'],
  match: ['\u001b[30;43m', '\u001b[39;49m'],
  current: ['\u001b[30;46m', '\u001b[39;49m'],
} as const;

/** The same without colour (NO_COLOR): hits in inverse video, the current one bold too. */
const MONOCHROME: Record<keyof typeof COLOURED, readonly [string, string]> = {
  dim: ['\u001b[2m', '\u001b[22m'],
  marker: ['', ''],
  match: ['\u001b[7m', '\u001b[27m'],
  current: ['\u001b[1;7m', '\u001b[22;27m'],
};

/** Foreground colours of container prefixes, by the container's position in the view. */
const PREFIX_COLORS = [36, 35, 32, 33, 34, 96, 95, 92, 93, 94];

export interface RowFormat {
  /** The pane's width in columns. */
  width: number;
  wrap: boolean;
  /** At most this many rows per line when wrapping (the pane's height). */
  maxRows: number;
  timestamps: boolean;
  pretty: boolean;
  /** The container's position among the merged ones, or undefined for no prefix. */
  prefix: number | undefined;
  /**
   * A workload's lines: the prefix's text (`7d9f-x2kq9/nginx`) and its xterm-256 colour (the pod's), used instead
   * of the container's name and position.
   */
  label?: { text: string; color: number };
  /** Matches to highlight, and whether this line is the current match. */
  highlight: RegExp | undefined;
  current: boolean;
  /** False under NO_COLOR: the line's own colours are dropped and the rows add none. Default true. */
  color?: boolean;
}

function paint(text: string, [on, off]: readonly [string, string]): string {
  return on + text + off;
}

/** `2026-11-21 10:41:27.123` of the fixed-form time. */
export function shortTime(time: string): string {
  return time ? time.slice(0, 23).replace('T', ' ') : ' '.repeat(23);
}

/** The line's text cut to `limit` characters, with a note of what was left out. */
function cut(text: string, limit: number): { text: string; note: string } {
  if (text.length <= limit) return { text, note: '' };
  return {
    text: text.slice(0, limit),
    note: ` … ${text.length - limit} more characters (s saves the line whole)`,
  };
}

/** The visible body with hits highlighted, or the sanitized body when nothing matches. */
function body(text: string, f: RowFormat): string {
  const colors = f.color !== false;
  if (!f.highlight) return sanitizeLine(text, { colors });
  const plain = plainText(text);
  const ranges = matchRanges(plain, f.highlight);
  if (ranges.length === 0) return sanitizeLine(text, { colors });
  const SGR = colors ? COLOURED : MONOCHROME;
  const style = f.current ? SGR.current : SGR.match;
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += plain.slice(at, r.start) + paint(plain.slice(r.start, r.end), style);
    at = r.end;
  }
  return out + plain.slice(at);
}

/** Printable ASCII only: one column per character, no codes, so rows are plain slices. */
const SIMPLE = /^[\u0020-\u007e]*$/;

/** The screen rows of a line (at least one). */
export function logRows(line: LogLine, f: RowFormat): string[] {
  const width = Math.max(1, f.width);
  const limit = f.wrap ? width * Math.max(1, f.maxRows) : width * 2 + 16;
  const raw = cut(f.pretty && line.kind === 'line' ? prettyJson(line.text) : line.text, limit);
  const SGR = f.color === false ? MONOCHROME : COLOURED;
  let head = '';
  if (f.timestamps && line.kind === 'line') head += paint(shortTime(line.time), SGR.dim) + ' ';
  if (f.label !== undefined) {
    const text = sanitizeLine(f.label.text, { colors: false });
    head += f.color === false ? `[${text}] ` : `\u001b[38;5;${f.label.color}m[${text}]\u001b[39m `;
  } else if (f.prefix !== undefined && f.color === false)
    head += `[${sanitizeLine(line.container, { colors: false })}] `;
  else if (f.prefix !== undefined) {
    const color = PREFIX_COLORS[f.prefix % PREFIX_COLORS.length]!;
    head += `\u001b[${color}m[${sanitizeLine(line.container)}]\u001b[39m `;
  }
  const shown =
    line.kind === 'line' ? body(raw.text, f) : paint(sanitizeLine(raw.text, { colors: false }), SGR.marker);
  const full = head + shown + (raw.note ? paint(raw.note, SGR.dim) : '');
  if (!f.wrap) return [full];
  if (SIMPLE.test(full)) {
    if (full.length <= width) return [full];
    // At spaces, never inside a word (a word wider than the pane is cut at its edge).
    const rows: string[] = [];
    for (let i = 0; i < full.length && rows.length < f.maxRows;) {
      const end = rowEnd(full, i, width);
      rows.push(full.slice(i, end));
      i = nextRowStart(full, end);
    }
    return rows;
  }
  const rows = wrapAnsi(full, width, { hard: true, wordWrap: true, trim: false }).split('\n');
  return rows.length > f.maxRows ? rows.slice(0, Math.max(1, f.maxRows)) : rows;
}
