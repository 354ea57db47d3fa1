/**
 * The palette: NO_COLOR (set and not empty, as https://no-color.org says) removes every colour; a light background
 * (COLORFGBG, or PODSCOPE_THEME=light) gets warnings that read on white; no token is white or black text, which
 * vanish on one of the two backgrounds.
 */
import { describe, expect, it } from 'vitest';
import { NONE, themeFor, type Theme } from '../../src/ui/theme.js';

function tokens(t: Theme): string[] {
  const { health, syntax, colored: _, ...flat } = t;
  return [...Object.values(flat), ...Object.values(health), ...Object.values(syntax)] as string[];
}

describe('themeFor', () => {
  it('has no colour at all under NO_COLOR', () => {
    const t = themeFor({ NO_COLOR: '1' });
    expect(t.colored).toBe(false);
    expect(new Set(tokens(t))).toEqual(new Set([NONE]));
  });

  it('ignores an empty NO_COLOR', () => {
    expect(themeFor({ NO_COLOR: '' }).colored).toBe(true);
  });

  it('draws no text in white, and black only on a highlight', () => {
    for (const env of [{}, { COLORFGBG: '0;15' }]) {
      const t = themeFor(env);
      const { onHighlight: _, ...rest } = t;
      expect(tokens({ ...rest, onHighlight: NONE } as Theme).filter((c) => /white|black/i.test(c))).toEqual(
        [],
      );
      expect(t.selection).toBe(NONE);
    }
  });

  it('uses a dark amber for warnings on a light background', () => {
    expect(themeFor({}).warning).toBe('yellow');
    expect(themeFor({ COLORFGBG: '0;15' }).warning).toBe('#af8700');
    expect(themeFor({ COLORFGBG: '0;default;7' }).warning).toBe('#af8700');
    expect(themeFor({ COLORFGBG: '15;0' }).warning).toBe('yellow');
    expect(themeFor({ PODSCOPE_THEME: 'light' }).health.warning).toBe('#af8700');
  });
});
