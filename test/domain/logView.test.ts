/**
 * The logs view's pure parts: a line's screen rows (prefixes, sanitising, highlight, wrap, very long lines) and the
 * window of rows (following keeps the newest row on screen; an anchor stays put; the filter's list).
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { logRows, type RowFormat } from '../../src/logs/logRows.js';
import { arrayList, logWindow, rangeList, scrollBy } from '../../src/domain/logWindow.js';
import type { LogLine } from '../../src/logs/logLine.js';

const FORMAT: RowFormat = {
  width: 20,
  wrap: false,
  maxRows: 10,
  timestamps: false,
  pretty: false,
  prefix: undefined,
  highlight: undefined,
  current: false,
};

function line(text: string, extra: Partial<LogLine> = {}): LogLine {
  return { seq: 0, container: 'app', time: '2026-11-21T10:41:27.123456789Z', text, kind: 'line', ...extra };
}

/** Escape sequences other than SGR colours. */
// eslint-disable-next-line no-control-regex -- finding escape sequences is the point
const NOT_SGR = /\u001b(?!\[[\d;]*m)/;

describe('logRows', () => {
  it('keeps colours and removes every other escape sequence', () => {
    const rows = logRows(line('\u001b[2J\u001b[31mred\u001b[0m \u001b]0;title\u0007x\r'), FORMAT);
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toMatch(NOT_SGR);
    expect(stripVTControlCharacters(rows[0]!)).toBe('red x␍');
  });

  it('prefixes the timestamp and the container, and pretty-prints JSON', () => {
    const rows = logRows(line('{"level":"info","msg":"hi","n":1}'), {
      ...FORMAT,
      width: 200,
      timestamps: true,
      prefix: 1,
      pretty: true,
    });
    expect(stripVTControlCharacters(rows[0]!)).toBe('2026-11-21 10:41:27.123 [app] info hi  n=1');
  });

  it('wraps at the width, hard, and cuts a huge line with a note', () => {
    expect(logRows(line('a'.repeat(45)), { ...FORMAT, wrap: true })).toEqual([
      'a'.repeat(20),
      'a'.repeat(20),
      'a'.repeat(5),
    ]);
    const huge = logRows(line('b'.repeat(1_000_000)), FORMAT);
    expect(huge).toHaveLength(1);
    expect(stripVTControlCharacters(huge[0]!)).toMatch(/^b{56} … 999944 more characters/);
  });

  it('highlights every match of the search', () => {
    const [row] = logRows(line('ab ab'), { ...FORMAT, highlight: /b/i });
    expect(row).toBe('a\u001b[30;43mb\u001b[39;49m a\u001b[30;43mb\u001b[39;49m');
  });
});

describe('logWindow', () => {
  const rowsOf = (seq: number): string[] => (seq === 5 ? ['5a', '5b', '5c'] : [String(seq)]);

  it('follows the newest lines, a tall last line showing its end', () => {
    const w = logWindow({ list: rangeList(0, 6), follow: true, topSeq: 0, height: 4, rowsOf });
    expect(w.rows.map((r) => r.text)).toEqual(['4', '5a', '5b', '5c']);
    expect(w).toMatchObject({ topSeq: 4, bottomSeq: 5, atEnd: true, followTopSeq: 4 });
  });

  it('stays at its anchor, and keeps the window full near the end', () => {
    expect(
      logWindow({ list: rangeList(0, 6), follow: false, topSeq: 1, height: 3, rowsOf }).rows.map(
        (r) => r.text,
      ),
    ).toEqual(['1', '2', '3']);
    expect(
      logWindow({ list: rangeList(0, 6), follow: false, topSeq: 5, height: 4, rowsOf }).rows.map(
        (r) => r.text,
      ),
    ).toEqual(['4', '5a', '5b', '5c']);
  });

  it("scrolls through a filter's lines and says when it reached the end", () => {
    const list = arrayList([3, 7, 9, 12]);
    expect(scrollBy(list, 7, 1, 12)).toEqual({ topSeq: 9, atEnd: false });
    expect(scrollBy(list, 7, 5, 12)).toEqual({ topSeq: 12, atEnd: true });
    expect(scrollBy(list, 8, -1, 12)).toEqual({ topSeq: 7, atEnd: false });
    expect(scrollBy(list, 9, -Infinity, 12)).toEqual({ topSeq: 3, atEnd: false });
  });
});
