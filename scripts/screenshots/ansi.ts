/**
 * A tmux colour capture (`capture-pane -e -p`) → a grid of styled cells → a self-contained HTML page that draws
 * the terminal as a fixed grid (every cell its own box, so fallback glyphs can never shift the columns).
 *
 * The input is read as ONE stream: tmux writes SGR changes relative to the previous cell, across line ends.
 * Handled: SGR reset, bold, dim, italic, underline (single, double, curly, dotted, dashed; `4:n` sub-parameters),
 * blink (ignored), inverse, hidden, strike-through, overline, 16/256/24-bit foreground, background and
 * underline colours (`;` or `:` separated). Other escape sequences are skipped.
 *
 * Only package imports here and erasable TypeScript: loaded by Node's type stripping and by vitest.
 */
import stringWidth from 'string-width';

/** null = the terminal's default; 0–255 = palette index; '#rrggbb' = 24-bit. */
export type Color = number | `#${string}` | null;

export type Underline = 'none' | 'single' | 'double' | 'curly' | 'dotted' | 'dashed';

export interface CellStyle {
  fg: Color;
  bg: Color;
  underlineColor: Color;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: Underline;
  inverse: boolean;
  hidden: boolean;
  strike: boolean;
  overline: boolean;
}

export interface Cell {
  /** The grapheme drawn here ('' for the right half of a wide character). */
  text: string;
  /** 1, 2 for a wide character, 0 for the right half of one. */
  width: 0 | 1 | 2;
  style: CellStyle;
}

export interface Screen {
  cols: number;
  rows: number;
  cells: Cell[][];
}

export const DEFAULT_STYLE: Readonly<CellStyle> = Object.freeze({
  fg: null,
  bg: null,
  underlineColor: null,
  bold: false,
  dim: false,
  italic: false,
  underline: 'none',
  inverse: false,
  hidden: false,
  strike: false,
  overline: false,
});

const UNDERLINES: Record<string, Underline> = {
  '0': 'none',
  '1': 'single',
  '2': 'double',
  '3': 'curly',
  '4': 'dotted',
  '5': 'dashed',
};

function hex2(n: number): string {
  return Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');
}

function rgb(r: number, g: number, b: number): `#${string}` {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

/**
 * Reads an extended colour (after 38/48/58) from `params` at `i` (pointing at the 38): returns the colour and
 * how many parameters it used. Sub-parameters (`38:2::r:g:b`, `38:5:n`) arrive as one parameter with ':' parts.
 */
function extendedColor(params: string[], i: number): [Color | undefined, number] {
  const head = params[i]!;
  if (head.includes(':')) {
    const sub = head.split(':');
    if (sub[1] === '5') return [clampIndex(Number(sub[2])), 1];
    if (sub[1] === '2') {
      // 38:2:r:g:b or 38:2:colourspace:r:g:b
      const nums = sub.slice(2);
      const [r, g, b] = nums.length >= 4 ? nums.slice(1) : nums;
      return [rgb(Number(r || 0), Number(g || 0), Number(b || 0)), 1];
    }
    return [undefined, 1];
  }
  const mode = params[i + 1];
  if (mode === '5') return [clampIndex(Number(params[i + 2])), 3];
  if (mode === '2') {
    return [rgb(Number(params[i + 2] || 0), Number(params[i + 3] || 0), Number(params[i + 4] || 0)), 5];
  }
  return [undefined, 1];
}

function clampIndex(n: number): Color {
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : null;
}

/** Applies one SGR sequence's parameters (the text between `ESC [` and `m`) to a style. */
export function applySgr(style: CellStyle, paramText: string): CellStyle {
  const s: CellStyle = { ...style };
  const params = paramText === '' ? ['0'] : paramText.split(';');
  for (let i = 0; i < params.length;) {
    const p = params[i]!;
    const code = Number(p.split(':')[0] || '0');
    if (code === 38 || code === 48 || code === 58) {
      const [color, used] = extendedColor(params, i);
      if (color !== undefined) {
        if (code === 38) s.fg = color;
        else if (code === 48) s.bg = color;
        else s.underlineColor = color;
      }
      i += used;
      continue;
    }
    i += 1;
    if (code === 0) Object.assign(s, DEFAULT_STYLE);
    else if (code === 1) s.bold = true;
    else if (code === 2) s.dim = true;
    else if (code === 3) s.italic = true;
    else if (code === 4)
      s.underline = p.includes(':') ? (UNDERLINES[p.split(':')[1] ?? '1'] ?? 'single') : 'single';
    else if (code === 7) s.inverse = true;
    else if (code === 8) s.hidden = true;
    else if (code === 9) s.strike = true;
    else if (code === 21) s.underline = 'double';
    else if (code === 22) s.bold = s.dim = false;
    else if (code === 23) s.italic = false;
    else if (code === 24) s.underline = 'none';
    else if (code === 27) s.inverse = false;
    else if (code === 28) s.hidden = false;
    else if (code === 29) s.strike = false;
    else if (code >= 30 && code <= 37) s.fg = code - 30;
    else if (code === 39) s.fg = null;
    else if (code >= 40 && code <= 47) s.bg = code - 40;
    else if (code === 49) s.bg = null;
    else if (code === 53) s.overline = true;
    else if (code === 55) s.overline = false;
    else if (code === 59) s.underlineColor = null;
    else if (code >= 90 && code <= 97) s.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) s.bg = code - 100 + 8;
    // 5, 6 (blink) and anything unknown: no visible effect here
  }
  return s;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Parses a capture into a `cols`×`rows` grid (extra text is clipped; missing cells are blank, default style). */
export function parseAnsiScreen(input: string, cols: number, rows: number): Screen {
  const blank = (): Cell => ({ text: ' ', width: 1, style: DEFAULT_STYLE });
  const cells: Cell[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, blank));
  let style: CellStyle = { ...DEFAULT_STYLE };
  let row = 0;
  let col = 0;

  const put = (text: string): void => {
    for (const { segment } of segmenter.segment(text)) {
      const w = stringWidth(segment);
      if (row >= rows) return;
      const line = cells[row]!;
      if (w === 0) {
        // A combining mark or zero-width joiner left over: it belongs to the previous cell.
        const prev = line[col - 1];
        if (prev) line[col - 1] = { ...prev, text: prev.text + segment };
        continue;
      }
      const width: 1 | 2 = w >= 2 ? 2 : 1;
      if (col + width > cols) {
        col = cols;
        continue;
      }
      line[col] = { text: segment, width, style };
      if (width === 2) line[col + 1] = { text: '', width: 0, style };
      col += width;
    }
  };

  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '\x1b') {
      const next = input[i + 1];
      if (next === '[') {
        let j = i + 2;
        while (j < input.length && !/[\x40-\x7e]/.test(input[j]!)) j++;
        if (input[j] === 'm') style = applySgr(style, input.slice(i + 2, j));
        i = j + 1;
      } else if (next === ']') {
        // OSC (a hyperlink, a title): skip to BEL or ST.
        let j = i + 2;
        while (j < input.length && input[j] !== '\x07' && !(input[j] === '\x1b' && input[j + 1] === '\\'))
          j++;
        i = input[j] === '\x07' ? j + 1 : j + 2;
      } else {
        i += 2;
      }
      continue;
    }
    if (ch === '\n') {
      row++;
      col = 0;
      i++;
      continue;
    }
    if (ch === '\r') {
      col = 0;
      i++;
      continue;
    }
    if (ch < ' ' || ch === '\x7f') {
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && input[j]! >= ' ' && input[j] !== '\x1b' && input[j] !== '\x7f') j++;
    put(input.slice(i, j));
    i = j;
  }
  return { cols, rows, cells };
}

/** The colours of a dark terminal theme (VS Code's terminal defaults). */
export interface Theme {
  background: string;
  foreground: string;
  cursor: string;
  /** 16 colours: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones. */
  ansi: readonly string[];
}

export const DARK_THEME: Theme = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  cursor: '#aeafad',
  ansi: [
    '#000000',
    '#cd3131',
    '#0dbc79',
    '#e5e510',
    '#2472c8',
    '#bc3fbc',
    '#11a8cd',
    '#e5e5e5',
    '#666666',
    '#f14c4c',
    '#23d18b',
    '#f5f543',
    '#3b8eea',
    '#d670d6',
    '#29b8db',
    '#e5e5e5',
  ],
};

/** A palette index (0–255) as #rrggbb: the theme's 16, the 6×6×6 cube, the 24 greys. */
export function paletteColor(index: number, theme: Theme = DARK_THEME): string {
  if (index < 16) return theme.ansi[index]!;
  if (index < 232) {
    const n = index - 16;
    const level = (v: number): number => (v === 0 ? 0 : 55 + v * 40);
    return rgb(level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6));
  }
  const grey = 8 + (index - 232) * 10;
  return rgb(grey, grey, grey);
}

function resolve(color: Color, fallback: string, theme: Theme): string {
  if (color === null) return fallback;
  if (typeof color === 'number') return paletteColor(color, theme);
  return color;
}

function mix(a: string, b: string, t: number): string {
  const p = (s: string, k: number): number => parseInt(s.slice(1 + 2 * k, 3 + 2 * k), 16);
  return rgb(
    p(a, 0) * (1 - t) + p(b, 0) * t,
    p(a, 1) * (1 - t) + p(b, 1) * t,
    p(a, 2) * (1 - t) + p(b, 2) * t,
  );
}

/** The CSS declarations that draw a cell of this style. */
export function styleCss(style: CellStyle, theme: Theme = DARK_THEME, cursor = false): string {
  let fg = resolve(style.fg, theme.foreground, theme);
  let bg = resolve(style.bg, theme.background, theme);
  if (style.inverse) [fg, bg] = [bg, fg];
  if (cursor) [fg, bg] = [bg, theme.cursor];
  if (style.dim) fg = mix(fg, bg, 0.45);
  if (style.hidden) fg = bg;
  const decl: string[] = [`color:${fg}`];
  if (bg !== theme.background) decl.push(`background:${bg}`);
  if (style.bold) decl.push('font-weight:bold');
  if (style.italic) decl.push('font-style:italic');
  const lines: string[] = [];
  if (style.underline !== 'none') lines.push('underline');
  if (style.strike) lines.push('line-through');
  if (style.overline) lines.push('overline');
  if (lines.length > 0) {
    decl.push(`text-decoration-line:${lines.join(' ')}`);
    const kind = {
      none: 'solid',
      single: 'solid',
      double: 'double',
      curly: 'wavy',
      dotted: 'dotted',
      dashed: 'dashed',
    };
    decl.push(`text-decoration-style:${kind[style.underline]}`);
    if (style.underlineColor !== null) {
      decl.push(`text-decoration-color:${resolve(style.underlineColor, fg, theme)}`);
    }
  }
  return decl.join(';');
}

export interface HtmlOptions {
  theme?: Theme;
  /** Font size in px; the cell is `cellWidth`×`cellHeight` px. DejaVu Sans Mono's advance is 0.602 em. */
  fontSize?: number;
  cellWidth?: number;
  cellHeight?: number;
  /** Space around the grid, px. */
  padding?: number;
  /** Draws a block cursor here (when the program shows its cursor). */
  cursor?: { x: number; y: number } | undefined;
  title?: string;
}

export interface RenderedPage {
  html: string;
  /** The page's size in CSS px: exactly the terminal plus padding. */
  width: number;
  height: number;
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The screen as a self-contained HTML page (one box per cell, styles as classes). */
export function screenToHtml(screen: Screen, opts: HtmlOptions = {}): RenderedPage {
  const theme = opts.theme ?? DARK_THEME;
  const fontSize = opts.fontSize ?? 15;
  const cw = opts.cellWidth ?? 9;
  const ch = opts.cellHeight ?? 18;
  const pad = opts.padding ?? 12;
  const classes = new Map<string, string>();
  const classOf = (style: CellStyle, cursor: boolean): string => {
    const css = styleCss(style, theme, cursor);
    if (css === `color:${theme.foreground}`) return '';
    let name = classes.get(css);
    if (name === undefined) {
      name = `s${classes.size}`;
      classes.set(css, name);
    }
    return name;
  };

  const rowsHtml: string[] = [];
  screen.cells.forEach((line, y) => {
    let html = '';
    line.forEach((cell, x) => {
      if (cell.width === 0) return;
      const isCursor = opts.cursor !== undefined && opts.cursor.x === x && opts.cursor.y === y;
      const cls = [classOf(cell.style, isCursor), cell.width === 2 ? 'w' : ''].filter(Boolean).join(' ');
      html += cls ? `<span class="${cls}">` : '<span>';
      html += escapeHtml(cell.text) + '</span>';
    });
    rowsHtml.push(`<div class="r">${html}</div>`);
  });

  const width = screen.cols * cw + 2 * pad;
  const height = screen.rows * ch + 2 * pad;
  const css = [
    `html,body{margin:0;padding:0;background:${theme.background};width:${width}px;height:${height}px;overflow:hidden}`,
    `.t{padding:${pad}px;color:${theme.foreground};font-family:'DejaVu Sans Mono',monospace;font-size:${fontSize}px;` +
      `line-height:${ch}px;font-variant-ligatures:none;font-kerning:none;text-rendering:optimizeSpeed}`,
    `.r{display:flex;height:${ch}px}`,
    `.r>span{flex:none;width:${cw}px;height:${ch}px;overflow:visible;white-space:pre}`,
    `.r>span.w{width:${2 * cw}px}`,
    ...[...classes].map(([decl, name]) => `.${name}{${decl}}`),
  ].join('\n');
  const html =
    '<!doctype html>\n<html><head><meta charset="utf-8">' +
    `<title>${escapeHtml(opts.title ?? 'terminal')}</title>\n<style>\n${css}\n</style></head>\n` +
    `<body><div class="t">${rowsHtml.join('')}</div></body></html>\n`;
  return { html, width, height };
}
