/**
 * JSON values written as `kubectl get -o yaml` writes them (sigs.k8s.io/yaml over go-yaml v2): keys in go-yaml's
 * order, two-space indentation with sequences not indented under their key, `{}` and `[]` for empty
 * collections, strings in the style go-yaml picks (see `scalarStyle`) and long lines folded at spaces past column
 * 80. The output is lines of typed spans, so a view can colour keys, strings, numbers and booleans without
 * parsing YAML again.
 */
import { compareYamlKeys } from './keyOrder.js';
import { isPrintable, scalarStyle } from './scalarStyle.js';

/** What a span of a YAML line is, for syntax colours. */
export type YamlTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punctuation' | 'space';

export interface YamlSpan {
  kind: YamlTokenKind;
  text: string;
}

/** One line of YAML as coloured spans; `text` is their concatenation. */
export interface YamlLine {
  spans: YamlSpan[];
  text: string;
}

/** go-yaml's `best_width`: plain and quoted scalars fold at a space once a line is longer than this. */
const BEST_WIDTH = 80;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class Lines {
  readonly out: YamlSpan[][] = [[]];
  column = 0;

  push(kind: YamlTokenKind, text: string): void {
    if (text === '') return;
    this.out[this.out.length - 1]!.push({ kind, text });
    this.column += [...text].length;
  }

  newline(indent: number): void {
    this.out.push([]);
    this.column = 0;
    this.push('space', ' '.repeat(indent));
  }
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function escapeChar(c: string): string {
  const known = ESCAPES[c];
  if (known) return known;
  if (isPrintable(c) && c !== '\ufeff') return c;
  const n = c.codePointAt(0)!;
  if (n <= 0xff) return `\\x${n.toString(16).toUpperCase().padStart(2, '0')}`;
  if (n <= 0xffff) return `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${n.toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * A plain or quoted scalar, folded as go-yaml folds it: at a single space (not the first or last character for
 * quoted styles) once the line is past column 80, continuing at `indent`.
 */
function writeFlowScalar(
  l: Lines,
  s: string,
  style: 'plain' | 'single' | 'double',
  indent: number,
  kind: YamlTokenKind,
  breaks: boolean,
): void {
  const cs = [...s];
  const quote = style === 'single' ? "'" : style === 'double' ? '"' : '';
  let run = quote;
  const flush = (): void => {
    l.push(kind, run);
    run = '';
  };
  let spaces = false;
  cs.forEach((c, i) => {
    const col = l.column + [...run].length;
    if (c === ' ') {
      const inside = style === 'plain' || (i > 0 && i < cs.length - 1);
      const nextSpace = cs[i + 1] === ' ';
      if (breaks && !spaces && col > BEST_WIDTH && inside && (style === 'double' || !nextSpace)) {
        flush();
        l.newline(indent);
        if (style === 'double' && nextSpace) run += '\\';
      } else {
        run += ' ';
      }
      spaces = true;
      return;
    }
    spaces = false;
    run += style === 'double' ? escapeChar(c) : style === 'single' && c === "'" ? "''" : c;
  });
  run += quote;
  flush();
}

/** A literal block (`|`, `|-`, `|+`, with `2` when the text starts with a space or newline). */
function writeLiteral(l: Lines, s: string, indent: number): void {
  const indentHint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const chomp = !s.endsWith('\n') ? '-' : s === '\n' || s.endsWith('\n\n') ? '+' : '';
  l.push('punctuation', `|${indentHint}${chomp}`);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  for (const line of body.split('\n')) {
    if (line === '') {
      l.out.push([]);
      l.column = 0;
    } else {
      l.newline(indent);
      l.push('string', line);
    }
  }
}

function writeScalar(
  l: Lines,
  v: Exclude<Json, Json[] | { [key: string]: Json }>,
  indent: number,
  isKey = false,
): void {
  if (v === null) return l.push('null', 'null');
  if (typeof v === 'boolean') return l.push('boolean', String(v));
  if (typeof v === 'number') return l.push('number', String(v));
  const style = scalarStyle(v, isKey);
  if (style === 'literal') return writeLiteral(l, v, indent);
  writeFlowScalar(l, v, style, indent, isKey ? 'key' : 'string', !isKey);
}

const isCollection = (v: Json): v is Json[] | { [key: string]: Json } => typeof v === 'object' && v !== null;

function isEmpty(v: Json[] | { [key: string]: Json }): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** A value after `key:` or `- `; the caller has written the indicator. `indent` is the indicator's column. */
function writeValue(l: Lines, v: Json, indent: number, afterDash: boolean): void {
  if (!isCollection(v)) {
    l.push('space', ' ');
    return writeScalar(l, v, indent + 2);
  }
  if (isEmpty(v)) {
    l.push('space', ' ');
    return l.push('punctuation', Array.isArray(v) ? '[]' : '{}');
  }
  if (Array.isArray(v)) {
    // After a key the dashes stay at the key's column; after a dash they nest on the same line.
    if (afterDash) {
      l.push('space', ' ');
      return writeSequence(l, v, indent + 2, true);
    }
    l.newline(indent);
    return writeSequence(l, v, indent, true);
  }
  if (afterDash) {
    l.push('space', ' ');
    return writeMapping(l, v, indent + 2, true);
  }
  l.newline(indent + 2);
  writeMapping(l, v, indent + 2, true);
}

function writeSequence(l: Lines, items: Json[], indent: number, onCurrentLine: boolean): void {
  items.forEach((item, i) => {
    if (i > 0 || !onCurrentLine) l.newline(indent);
    l.push('punctuation', '-');
    writeValue(l, item, indent, true);
  });
}

function writeMapping(l: Lines, m: { [key: string]: Json }, indent: number, onCurrentLine: boolean): void {
  Object.keys(m)
    .sort(compareYamlKeys)
    .forEach((key, i) => {
      if (i > 0 || !onCurrentLine) l.newline(indent);
      writeScalar(l, key, indent, true);
      l.push('punctuation', ':');
      writeValue(l, m[key]!, indent, false);
    });
}

/**
 * A JSON value as kubectl's YAML, line by line.
 * @param value parsed JSON (an API object)
 */
export function yamlLines(value: unknown): YamlLine[] {
  const l = new Lines();
  const v = value as Json;
  if (isCollection(v) && !isEmpty(v)) {
    if (Array.isArray(v)) writeSequence(l, v, 0, true);
    else writeMapping(l, v, 0, true);
  } else if (isCollection(v)) {
    l.push('punctuation', Array.isArray(v) ? '[]' : '{}');
  } else {
    writeScalar(l, v, 0);
  }
  return l.out.map((spans) => ({ spans, text: spans.map((s) => s.text).join('') }));
}
