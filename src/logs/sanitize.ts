/**
 * Making a log line safe to print in a terminal. Containers write anything: colours, but also cursor movement,
 * screen clears, window-title changes (OSC), device control strings, bells and raw control bytes. Printed as is,
 * they would move Ink's cursor, corrupt the frame or change the terminal.
 *
 * Decision: SGR sequences (`ESC [ … m`: colours, bold, underline) are **kept** when `colors` is on — Ink measures
 * and slices strings with SGR codes correctly — and a line that has any ends with a reset so its colours never
 * bleed into the next line. Every other escape sequence (CSI, OSC, DCS, SOS, PM, APC, two-byte ESC sequences) is
 * removed. A tab becomes spaces to the next multiple of 8 columns; other C0 controls and DEL become their visible
 * Control Pictures (␛ ␇ ␈ …); C1 controls (U+0080–U+009F, which some terminals read as CSI) become U+FFFD.
 */

const ESC = 0x1b;
const BEL = 0x07;
const TAB_WIDTH = 8;
const RESET = '\u001b[0m';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export interface SanitizeOptions {
  /** Keep SGR colour sequences (true) or strip them too (false). */
  colors: boolean;
}

/** Whether a line needs no sanitising at all (the common case, checked by one native scan). */
export function isPlain(text: string): boolean {
  return !HAS_CONTROL.test(text);
}

/** Index after the escape sequence starting with ESC at `i`, and whether it is an SGR. */
function escapeEnd(text: string, i: number): { end: number; sgr: boolean } {
  const kind = text.charCodeAt(i + 1);
  if (Number.isNaN(kind)) return { end: i + 1, sgr: false };
  if (kind === 0x5b) {
    // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
    let j = i + 2;
    let paramsOnlyDigits = true;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c >= 0x30 && c <= 0x3f) {
        // SGR parameters are digits, ';' and ':'; '<', '=', '>', '?' mark private sequences.
        if (c > 0x3b) paramsOnlyDigits = false;
        j++;
      } else break;
    }
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c >= 0x20 && c <= 0x2f) {
        paramsOnlyDigits = false;
        j++;
      } else break;
    }
    const final = text.charCodeAt(j);
    if (final >= 0x40 && final <= 0x7e) return { end: j + 1, sgr: final === 0x6d && paramsOnlyDigits };
    // Malformed: drop the introducer only; what follows is shown as text.
    return { end: i + 2, sgr: false };
  }
  if (kind === 0x5d || kind === 0x50 || kind === 0x58 || kind === 0x5e || kind === 0x5f) {
    // OSC, DCS, SOS, PM, APC: a string up to ST (ESC \) or, for OSC, BEL; unterminated runs to the end.
    for (let j = i + 2; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === BEL) return { end: j + 1, sgr: false };
      if (c === ESC && text.charCodeAt(j + 1) === 0x5c) return { end: j + 2, sgr: false };
    }
    return { end: text.length, sgr: false };
  }
  // Two-character sequences (ESC c, ESC 7, ESC =, charset selection ESC ( B …).
  if (kind >= 0x20 && kind <= 0x2f) return { end: Math.min(text.length, i + 3), sgr: false };
  if (kind >= 0x30 && kind <= 0x7e) return { end: i + 2, sgr: false };
  return { end: i + 1, sgr: false };
}

/** A line made safe to print (see the file comment for what is kept, removed and replaced). */
export function sanitizeLine(text: string, options: SanitizeOptions = { colors: true }): string {
  if (isPlain(text)) return text;
  let out = '';
  let column = 0;
  let styled = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === ESC) {
      const { end, sgr } = escapeEnd(text, i);
      if (end === i + 1 && !sgr) {
        out += '\u241b';
        column++;
      } else if (sgr && options.colors) {
        out += text.slice(i, end);
        styled = true;
      }
      i = end;
      continue;
    }
    if (c === 0x09) {
      const spaces = TAB_WIDTH - (column % TAB_WIDTH);
      out += ' '.repeat(spaces);
      column += spaces;
    } else if (c < 0x20) {
      out += String.fromCharCode(0x2400 + c);
      column++;
    } else if (c === 0x7f) {
      out += '\u2421';
      column++;
    } else if (c >= 0x80 && c <= 0x9f) {
      out += '\uFFFD';
      column++;
    } else {
      out += text[i];
      column++;
    }
    i++;
  }
  return styled ? out + RESET : out;
}

/** The visible text of a line, with every escape sequence removed: what search and filter match against. */
export function plainText(text: string): string {
  if (isPlain(text)) return text;
  return sanitizeLine(text, { colors: false });
}
