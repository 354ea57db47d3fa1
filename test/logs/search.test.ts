/**
 * Search and filter over the retained lines: smart case, regex errors as messages, next/prev with wrap-around,
 * ±N context, incremental updates with eviction — and a search over 100,000 lines of a demo firehose that
 * finds the very first line.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LineBuffer } from '../../src/logs/lineBuffer.js';
import { isCaseSensitive } from '../../src/domain/textSearch.js';
import { compilePattern, LineMatcher, matchRanges } from '../../src/logs/matcher.js';
import { startTestCluster, type TestCluster } from '../support/demoCluster.js';
import { waitFor } from '../support/waitFor.js';
import { closeSessions, createPod, follow } from './support.js';

function bufferOf(texts: string[], maxBytes = 1 << 30): LineBuffer {
  const b = new LineBuffer(maxBytes);
  for (const t of texts) b.append('c', '', t, 'line');
  return b;
}

describe('patterns', () => {
  it('are case-insensitive unless they have a capital outside an escape', () => {
    expect(isCaseSensitive('error')).toBe(false);
    expect(isCaseSensitive('\\S+\\W')).toBe(false);
    expect(isCaseSensitive('Error')).toBe(true);
    expect(compilePattern('error').test('ERROR x')).toBe(true);
    expect(compilePattern('Error').test('ERROR x')).toBe(false);
    expect(() => compilePattern('a(')).toThrow('invalid pattern "a(": Unterminated group');
    expect(() => compilePattern('')).toThrow('empty search pattern');
  });

  it('give every match in a line for highlighting, on the visible text', () => {
    expect(matchRanges('GET /a GET /b', compilePattern('get'))).toEqual([
      { start: 0, end: 3 },
      { start: 7, end: 10 },
    ]);
    const m = new LineMatcher('31m');
    m.update(bufferOf(['\u001b[31mred\u001b[0m', 'plain 31m']));
    expect(m.matchLines).toEqual([1]);
  });
});

describe('LineMatcher', () => {
  const lines = Array.from({ length: 20 }, (_, i) => (i % 7 === 3 ? `ERROR at ${i}` : `info ${i}`));

  it('finds next and previous matches from a position, wrapping around', () => {
    const b = bufferOf(lines);
    const m = new LineMatcher('error');
    m.update(b);
    expect(m.matchLines).toEqual([3, 10, 17]);
    expect(m.next(3)).toBe(10);
    expect(m.next(17)).toBe(3);
    expect(m.next(17, false)).toBeUndefined();
    expect(m.prev(10)).toBe(3);
    expect(m.prev(3)).toBe(17);
    expect(m.prev(0, false)).toBeUndefined();
  });

  it('keeps ±N lines of context around matches for the filter view', () => {
    const m = new LineMatcher('error', 2);
    m.update(bufferOf(lines));
    expect(m.lines).toEqual([1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19]);
    expect(m.matches).toBe(3);
    expect(m.next(4)).toBe(10);
  });

  it('updates incrementally as lines arrive and forgets evicted ones', () => {
    const b = new LineBuffer(2000);
    const m = new LineMatcher('error', 1);
    for (let i = 0; i < 100; i++) {
      b.append('c', '', i % 10 === 0 ? `error ${i}` : `ok ${i}`, 'line');
      if (i % 7 === 0) m.update(b);
    }
    m.update(b);
    expect(b.evicted).toBeGreaterThan(0);
    const expected: number[] = [];
    for (let s = b.firstSeq; s < b.nextSeq; s++) {
      if (s % 10 === 0 || (s % 10 === 9 && s + 1 < b.nextSeq) || s % 10 === 1) expected.push(s);
    }
    expect(m.lines).toEqual(expected);
    expect(m.matches).toBe(expected.filter((s) => s % 10 === 0).length);
  });
});

describe('search over a demo firehose', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ populate: true });
  });
  afterEach(() => closeSessions());
  afterAll(async () => {
    await t.demo.close();
  });

  it('finds a match at the start of 100,000 lines', async () => {
    await createPod(t, 'firehose-search', { fh: 'podscope/firehose' });
    const s = follow(t.kc, {
      namespace: 'default',
      pod: 'firehose-search',
      containers: ['fh'],
      since: { kind: 'tail', lines: 100_000 },
      maxBytes: 512 * 1024 * 1024,
    });
    await waitFor(() => s.buffer.size >= 100_000, '100,000 lines', 15_000);
    s.close();
    const b = s.buffer;
    const first = b.at(b.firstSeq)!;
    const id = /\breq-\d+\b/.exec(first.text)![0];
    const m = new LineMatcher(`${id}\\b`);
    const t0 = performance.now();
    m.update(b);
    const ms = performance.now() - t0;
    expect(m.matchLines).toEqual([b.firstSeq]);
    expect(m.next(b.nextSeq - 1)).toBe(b.firstSeq);
    expect(m.prev(b.firstSeq + 50_000)).toBe(b.firstSeq);
    // Not a timing test (benchmarks are separate), only a guard against a quadratic search.
    expect(ms, `searched ${b.size} lines`).toBeLessThan(5000);
  });
});
