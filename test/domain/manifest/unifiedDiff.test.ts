/** The unified diff, held against GNU diff -u (what kubectl diff runs) on the same texts. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../src/domain/manifest/unifiedDiff.js';

/** GNU diff's hunks (headers dropped: they carry file names and times). */
function gnuDiff(a: string, b: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'podscope-diff-'));
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  try {
    execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
    return [];
  } catch (e) {
    return String((e as { stdout: string }).stdout)
      .trimEnd()
      .split('\n')
      .slice(2);
  }
}

function ours(a: string, b: string): string[] {
  return unifiedDiff(a, b, { before: 'a', after: 'b' })
    .slice(2)
    .map((l) => l.text);
}

const lines = (n: number, change: Record<number, string> = {}): string =>
  Array.from({ length: n }, (_, i) => change[i] ?? `line ${i}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', { before: 'a', after: 'b' })).toEqual([]);
  });

  it.each([
    ['one changed line', lines(10), lines(10, { 5: 'changed' })],
    ['two changes far apart: two hunks', lines(30), lines(30, { 2: 'x', 25: 'y' })],
    ['two changes close together: one hunk', lines(30), lines(30, { 10: 'x', 15: 'y' })],
    ['added lines at the end', lines(5), lines(5) + 'new 1\nnew 2\n'],
    ['removed lines at the start', lines(8), lines(8).split('\n').slice(3).join('\n')],
    ['from nothing', '', lines(3)],
    ['to nothing', lines(3), ''],
    ['a one-line text changed (GNU writes -1 +1)', 'a\n', 'b\n'],
    ['one line inserted into a long text', lines(40), lines(40).replace('line 20\n', 'line 20\ninserted\n')],
    [
      'a 20,000-line text (a big ConfigMap) with two changes',
      lines(20_000),
      lines(20_000, { 7: 'x', 19_990: 'y' }),
    ],
    [
      'a label added to a pod',
      'metadata:\n  name: web\nspec:\n  containers:\n  - image: nginx\n',
      'metadata:\n  labels:\n    tier: web\n  name: web\nspec:\n  containers:\n  - image: nginx\n',
    ],
  ])('agrees with diff -u: %s', (_, a, b) => {
    expect(ours(a, b)).toEqual(gnuDiff(a, b));
  });
});
