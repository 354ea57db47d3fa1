/** The inside view's line kinds: section headings, aligned fields, notes and file contents, with their colours. */
import type { TextLine } from '../textLayout.js';
import type { InsideReads } from './insideFacts.js';

/** A section heading (coloured as a key). */
export function heading(text: string, note?: string): TextLine {
  const full = note ? `${text}  ${note}` : text;
  return {
    text: full,
    spans: [
      { start: 0, end: text.length, kind: 'key' },
      ...(note ? [{ start: text.length + 2, end: full.length, kind: 'comment' }] : []),
    ],
  };
}

/** `  label:   value`, the label padded to `width`. */
export function field(label: string, value: string, width = 30, indent = 2): TextLine {
  const head = `${' '.repeat(indent)}${label}:`.padEnd(indent + width);
  return { text: `${head} ${value}` };
}

/** A muted line: where a value comes from, or why it is missing. */
export function note(text: string, indent = 2): TextLine {
  const full = `${' '.repeat(indent)}${text}`;
  return { text: full, spans: [{ start: indent, end: full.length, kind: 'muted' }] };
}

/** A warning line: something could not be read. */
export function warn(text: string, indent = 2): TextLine {
  const full = `${' '.repeat(indent)}${text}`;
  return { text: full, spans: [{ start: indent, end: full.length, kind: 'warning' }] };
}

/** A file's content, indented, tabs shown as spaces so columns stay as `cat` shows them. */
export function fileLines(text: string, indent = 4): TextLine[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (body === '') return [note('(empty file)', indent)];
  return body.split('\n').map((l) => ({ text: `${' '.repeat(indent)}${expandTabs(l)}` }));
}

/** Tabs to the next multiple of 8, as a terminal shows them. */
function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

/** `06:31:02`, the local clock. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** `2027-12-07T06:00:00Z`. */
export function utc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An empty line between sections. */
export const BLANK: TextLine = { text: '' };

/** Where the exec-read sections came from, for their headings. */
export function readNote(reads: InsideReads): string {
  switch (reads.kind) {
    case 'reading':
      return '(reading through exec…)';
    case 'unavailable':
      return '(through exec: not available)';
    case 'read':
      return `(through exec: from container ${reads.container}, read at ${clock(reads.at)}; r reads again)`;
  }
}
