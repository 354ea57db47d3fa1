/**
 * The screenshot renderer's ANSI reader (scripts/screenshots/ansi.ts): tmux's `capture-pane -e` stream → cells →
 * HTML. Pure, no tmux or Chromium needed.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STYLE,
  applySgr,
  paletteColor,
  parseAnsiScreen,
  screenToHtml,
  styleCss,
} from '../../scripts/screenshots/ansi.js';

describe('applySgr', () => {
  it('reads 16, 256 and 24-bit colours, with ; or : separators', () => {
    expect(applySgr(DEFAULT_STYLE, '31;44')).toMatchObject({ fg: 1, bg: 4 });
    expect(applySgr(DEFAULT_STYLE, '92;103')).toMatchObject({ fg: 10, bg: 11 });
    expect(applySgr(DEFAULT_STYLE, '38;5;208;48;2;1;2;255')).toMatchObject({ fg: 208, bg: '#0102ff' });
    expect(applySgr(DEFAULT_STYLE, '38:2::10:20:30;48:5:17')).toMatchObject({ fg: '#0a141e', bg: 17 });
    expect(applySgr(DEFAULT_STYLE, '58;2;255;0;0;4:3')).toMatchObject({
      underlineColor: '#ff0000',
      underline: 'curly',
    });
  });

  it('sets and clears attributes; 0 and an empty list reset', () => {
    const s = applySgr(DEFAULT_STYLE, '1;2;3;4;7;8;9;53');
    expect(s).toMatchObject({
      bold: true,
      dim: true,
      italic: true,
      underline: 'single',
      inverse: true,
      hidden: true,
    });
    expect(applySgr(s, '22;23;24;27;28;29;55')).toEqual(DEFAULT_STYLE);
    expect(applySgr(s, '0')).toEqual(DEFAULT_STYLE);
    expect(applySgr(s, '')).toEqual(DEFAULT_STYLE);
    expect(applySgr(applySgr(DEFAULT_STYLE, '31;42'), '39;49')).toEqual(DEFAULT_STYLE);
  });
});

describe('parseAnsiScreen', () => {
  it('keeps the style across line ends, as tmux writes it', () => {
    const screen = parseAnsiScreen('\x1b[31mab\ncd\x1b[0m e', 6, 3);
    expect(screen.cells[0]!.map((c) => c.text).join('')).toBe('ab    ');
    expect(screen.cells[1]![0]).toMatchObject({ text: 'c', style: { fg: 1 } });
    expect(screen.cells[1]![3]).toMatchObject({ text: 'e', style: { fg: null } });
    expect(screen.cells[2]!.every((c) => c.text === ' ')).toBe(true);
  });

  it('gives wide characters two cells and clips at the edge', () => {
    const screen = parseAnsiScreen('日本x\n0123456789', 5, 2);
    expect(screen.cells[0]!.map((c) => [c.text, c.width])).toEqual([
      ['日', 2],
      ['', 0],
      ['本', 2],
      ['', 0],
      ['x', 1],
    ]);
    expect(screen.cells[1]!.map((c) => c.text).join('')).toBe('01234');
  });

  it('skips escape sequences other than SGR, and OSC hyperlinks', () => {
    const screen = parseAnsiScreen('\x1b]8;;https://x\x07link\x1b]8;;\x1b\\\x1b[?25l!', 6, 1);
    expect(screen.cells[0]!.map((c) => c.text).join('')).toBe('link! ');
  });
});

describe('screenToHtml', () => {
  it('draws each cell in a fixed box, styles as classes, text escaped', () => {
    const page = screenToHtml(parseAnsiScreen('\x1b[1;38;5;196m<b>\x1b[0m', 4, 1), {
      cellWidth: 10,
      cellHeight: 20,
      padding: 5,
    });
    expect([page.width, page.height]).toEqual([50, 30]);
    expect(page.html).toContain('&lt;');
    expect(page.html).toMatch(/\.s0\{color:#ff0000;font-weight:bold\}/);
    expect(page.html).toContain('<span class="s0">b</span>');
  });

  it('swaps colours for inverse and draws the cursor', () => {
    expect(styleCss({ ...DEFAULT_STYLE, inverse: true })).toBe('color:#1e1e1e;background:#cccccc');
    const page = screenToHtml(parseAnsiScreen('ab', 2, 1), { cursor: { x: 1, y: 0 } });
    expect(page.html).toContain('<span>a</span><span class="s0">b</span>');
  });

  it('maps the 256-colour palette', () => {
    expect(paletteColor(16)).toBe('#000000');
    expect(paletteColor(196)).toBe('#ff0000');
    expect(paletteColor(231)).toBe('#ffffff');
    expect(paletteColor(232)).toBe('#080808');
    expect(paletteColor(255)).toBe('#eeeeee');
  });
});
