import { describe, expect, it } from 'vitest';
import { fitCell, textWidth, type Align, type Ellipsis } from '../../src/domain/fitText.js';

describe('fitCell', () => {
  // prettier-ignore
  const cases: [text: string, width: number, align: Align, ellipsis: Ellipsis, expected: string][] = [
    ['Running', 10, 'left', 'end', 'Running   '],
    ['124m', 6, 'right', 'end', '  124m'],
    ['Running', 7, 'left', 'end', 'Running'],
    ['CrashLoopBackOff', 8, 'left', 'end', 'CrashLo…'],
    ['web-app-7d9f8b6c5-x2k4p', 16, 'left', 'middle', 'web-app-…5-x2k4p'],
    ['web-app-7d9f8b6c5-x2k4p', 10, 'left', 'middle', 'web-a…2k4p'],
    ['abc', 1, 'left', 'end', '…'],
    ['abc', 0, 'left', 'end', ''],
    ['', 3, 'left', 'end', '   '],
    // Double-width characters count two columns, and are never split.
    ['日本語', 6, 'left', 'end', '日本語'],
    ['日本語ラベル', 6, 'left', 'end', '日本… '],
    ['日本語ラベル', 7, 'left', 'end', '日本語…'],
    ['日本語ラベル', 4, 'right', 'end', ' 日…'],
  ];
  it.each(cases)('%j in %i (%s, %s)', (text, width, align, ellipsis, expected) => {
    const fitted = fitCell(text, width, align, ellipsis);
    expect(fitted).toBe(expected);
    expect(textWidth(fitted)).toBe(Math.max(0, width));
  });
});

describe('textWidth', () => {
  it.each([
    ['web', 3],
    ['⇄', 1],
    ['日本', 4],
    ['', 0],
  ])('%j is %i columns', (text, width) => {
    expect(textWidth(text)).toBe(width);
  });
});
