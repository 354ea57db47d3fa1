/** The separator between groups of a filtered log: drawn only where lines of the log lie between them. */
import { describe, expect, it } from 'vitest';
import { filterGapRow } from '../../src/domain/logFilterGap.js';

// eslint-disable-next-line no-control-regex -- the separator's dim SGR codes
const plain = (row: string | undefined): string | undefined => row?.replace(/\u001b\[[0-9;]*m/g, '');

describe('filterGapRow', () => {
  it('says how many lines lie between two groups', () => {
    expect(plain(filterGapRow(10, 19))).toBe('── 8 lines not shown ──');
    expect(plain(filterGapRow(10, 12))).toBe('── 1 line not shown ──');
    expect(plain(filterGapRow(0, 12_346))).toBe('── 12,345 lines not shown ──');
  });

  it('draws nothing between neighbours, or above the first line', () => {
    expect(filterGapRow(10, 11)).toBeUndefined();
    expect(filterGapRow(undefined, 40)).toBeUndefined();
  });
});
