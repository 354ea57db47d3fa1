/**
 * How go-yaml v2 writes a string: plain when it would read back as the same string, double-quoted when plain
 * would read as something else (`"80"`, `"true"`, `"on"`, `""`, timestamps), single-quoted when it starts with
 * an indicator or contains `: ` / ` #`, a literal block (`|`, `|-`, `|+`) for multi-line text, double-quoted with
 * escapes for control characters. Ports of `encoder.stringv`, `resolve` and `yaml_emitter_analyze_scalar`.
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const RESOLVES_TO_NON_STRING = new Set([
  ...['', '~', 'null', 'Null', 'NULL', '<<'],
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO'],
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF'],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'],
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:Z|[-+]\d{1,2}(?::\d{2})?))|(?: \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?))?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether a plain scalar with this text would be read as a string (go-yaml v2's `resolve` with no tag). */
function resolvesToString(s: string): boolean {
  if (RESOLVES_TO_NON_STRING.has(s)) return false;
  const first = s[0] ?? '';
  if (!/[-+.0-9]/.test(first)) return true;
  const plain = s.replaceAll('_', '');
  if (TIMESTAMP.test(s) || GO_INT.test(plain) || YAML_FLOAT.test(plain)) return false;
  return !BASE60_FLOAT.test(s);
}

const isBreak = (c: string): boolean =>
  c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c);

/** yaml's printable set (tab is not in it). */
export function isPrintable(c: string): boolean {
  const n = c.codePointAt(0)!;
  return (
    n === 0x0a ||
    (n >= 0x20 && n <= 0x7e) ||
    n === 0x85 ||
    (n >= 0xa0 && n <= 0xd7ff) ||
    (n >= 0xe000 && n <= 0xfffd && n !== 0xfeff) ||
    (n >= 0x10000 && n <= 0x10ffff)
  );
}

interface Analysis {
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** `yaml_emitter_analyze_scalar`, for block context (kubectl's output never uses flow collections). */
function analyze(s: string): Analysis {
  const r: Analysis = { blockPlain: true, singleQuoted: true, block: true };
  if (s === '') return r;
  const cs = [...s];
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let spaceBreak = false;
  let breakSpace = false;
  let prevSpace = false;
  let prevBreak = false;
  let precededByWhitespace = true;
  cs.forEach((c, i) => {
    const next = cs[i + 1];
    const followedByWhitespace = isBlank(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWhitespace = isBlank(c);
  });
  const first = cs[0]!;
  const last = cs[cs.length - 1]!;
  if (first === ' ' || isBreak(first) || last === ' ' || isBreak(last)) r.blockPlain = false;
  if (last === ' ') r.block = false;
  if (breakSpace) {
    r.blockPlain = false;
    r.singleQuoted = false;
  }
  if (spaceBreak || special) {
    r.blockPlain = false;
    r.singleQuoted = false;
    r.block = false;
  }
  if (lineBreaks || blockIndicators) r.blockPlain = false;
  return r;
}

/**
 * The style go-yaml v2 picks for a string.
 * @param s the string
 * @param isKey mapping keys cannot be literal blocks and cannot be empty plain scalars
 */
export function scalarStyle(s: string, isKey = false): ScalarStyle {
  let style: ScalarStyle = s.includes('\n') ? 'literal' : resolvesToString(s) ? 'plain' : 'double';
  const a = analyze(s);
  if (style === 'plain' && (!a.blockPlain || (s === '' && isKey))) style = 'single';
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || isKey)) style = 'double';
  return style;
}
