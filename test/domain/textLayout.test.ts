/**
 * Wrapping describe and events text: rows break at spaces, never inside a word, continuation rows are indented
 * under their line, and the text is all there (only the spaces at a break are not drawn). The text is a real
 * kubelet message (an ErrImagePull event's, as containerd words it).
 */
import { describe, expect, it } from 'vitest';
import { wrapLines, type TextRow } from '../../src/domain/textLayout.js';

const MESSAGE =
  'Warning  Failed     41s (x3 over 75s)  kubelet            Failed to pull image "ngnx:latest": failed to pull and unpack image "docker.io/library/ngnx:latest": failed to resolve reference "docker.io/library/ngnx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';

function texts(text: string, rows: readonly TextRow[]): string[] {
  return rows.map((r) => ' '.repeat(r.indent ?? 0) + text.slice(r.start, r.end));
}

describe('wrapLines', () => {
  it.each([40, 80, 100, 200])('breaks a %i-column row at a space, never inside a word', (width) => {
    const rows = wrapLines([{ text: MESSAGE }], width);
    const shown = texts(MESSAGE, rows);
    for (const row of shown) expect(row.length).toBeLessThanOrEqual(width);
    const words = new Set(MESSAGE.split(/ +/));
    for (const row of shown) for (const w of row.trim().split(/ +/)) expect(words).toContain(w);
    expect(
      shown
        .map((r) => r.trim())
        .join(' ')
        .split(/ +/),
    ).toEqual(MESSAGE.split(/ +/));
  });

  it('indents continuation rows under the line', () => {
    const text = '    Message:  ' + 'word '.repeat(30).trim();
    const rows = wrapLines([{ text }], 40);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]!.indent).toBeUndefined();
    for (const r of rows.slice(1)) expect(r.indent).toBe(6);
  });

  it('cuts only a word longer than the whole row', () => {
    const text = 'sha256:' + 'a'.repeat(70) + ' done';
    const shown = texts(text, wrapLines([{ text }], 40));
    expect(shown[0]).toBe(text.slice(0, 40));
    expect(shown[shown.length - 1]!.trim()).toBe('done');
  });

  it('keeps an empty line as one empty row', () => {
    expect(wrapLines([{ text: '' }, { text: 'a b' }], 10)).toEqual([
      { line: 0, start: 0, end: 0 },
      { line: 1, start: 0, end: 3 },
    ]);
  });
});
