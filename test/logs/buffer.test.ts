/**
 * LineBuffer: bounded by bytes, not lines; stable sequence numbers; an eviction count; text as written (any
 * script, U+FFFD for bad bytes); and a size that matches the memory really held, heap and blocks outside it
 * (measured with the collector run before and after).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../src/logs/lineBuffer.js';
import { LineDecoder } from '../../src/logs/lineDecoder.js';
import { splitTimestamp } from '../../src/logs/timestamp.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The JavaScript heap and the ArrayBuffers outside it (the buffer's blocks), after a full collection. */
function heapAfterGc(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** `n` kubelet-style lines of about `width` characters, as the socket delivers them (16 KB chunks). */
function feed(buffer: LineBuffer, n: number, width: number, first = 0): void {
  const d = new LineDecoder((line) => {
    const { time, text } = splitTimestamp(line);
    buffer.append('c', time, text, 'line');
  });
  let chunk = '';
  for (let i = first; i < first + n; i++) {
    const ns = String(i).padStart(9, '0');
    chunk += `2026-11-21T10:41:27.${ns}Z seq=${i + 1} ${'x'.repeat(width)}\n`;
    if (chunk.length > 16_000) {
      d.push(Buffer.from(chunk));
      chunk = '';
    }
  }
  d.push(Buffer.from(chunk));
  d.end();
}

describe('LineBuffer', () => {
  it('keeps sequence numbers stable while evicting the oldest lines past the byte bound', () => {
    const b = new LineBuffer(10_000);
    for (let i = 0; i < 1000; i++) b.append('c', '', `line ${i}`, 'line');
    expect(b.bytes).toBeLessThanOrEqual(10_000);
    expect(b.evicted).toBeGreaterThan(800);
    expect(b.firstSeq).toBe(b.evicted);
    expect(b.nextSeq).toBe(1000);
    expect(b.at(b.firstSeq)!.text).toBe(`line ${b.firstSeq}`);
    expect(b.at(b.firstSeq - 1)).toBeUndefined();
    expect(b.slice(995, 2000).map((l) => l.text)).toEqual([
      'line 995',
      'line 996',
      'line 997',
      'line 998',
      'line 999',
    ]);
    expect(b.slice(0, 10)).toEqual([]);
  });

  it('keeps one line even when it alone is over the bound', () => {
    const b = new LineBuffer(100);
    b.append('c', '', 'x'.repeat(1000), 'line');
    b.append('c', '', 'y'.repeat(1000), 'line');
    expect(b.size).toBe(1);
    expect(b.at(1)!.text[0]).toBe('y');
  });

  it('gives back text, time, container and kind as appended, in any script', () => {
    const b = new LineBuffer(1_000_000);
    const texts = ['ascii', 'café', '日本語 🚀', '', 'bad byte \uFFFD', 'x'.repeat(5000)];
    for (const t of texts) b.append('api', '2026-11-21T10:41:27.123456789Z', t, 'line');
    b.append('sidecar', '', '── restarted ──', 'restart');
    expect(b.slice(0, 100).map((l) => l.text)).toEqual([...texts, '── restarted ──']);
    expect(b.at(2)).toEqual({
      seq: 2,
      container: 'api',
      time: '2026-11-21T10:41:27.123456789Z',
      text: '日本語 🚀',
      kind: 'line',
    });
    expect(b.at(texts.length)).toEqual({
      seq: texts.length,
      container: 'sidecar',
      time: '',
      text: '── restarted ──',
      kind: 'restart',
    });
  });

  it('keeps a line longer than its blocks whole', () => {
    const b = new LineBuffer(64 * 1024 * 1024);
    const long = 'é'.repeat(3_000_000);
    b.append('c', '', 'before', 'line');
    b.append('c', '', long, 'line');
    b.append('c', '', 'after', 'line');
    expect(b.slice(0, 3).map((l) => l.text)).toEqual(['before', long, 'after']);
  });

  it('counts its memory honestly, heap and blocks (within 25 % of the measured growth)', () => {
    const kept: LineBuffer[] = [];
    for (const width of [60, 400]) {
      const before = heapAfterGc();
      const b = new LineBuffer(1 << 30);
      feed(b, 100_000, width);
      const measured = heapAfterGc() - before;
      expect(b.size).toBe(100_000);
      const ratio = b.bytes / measured;
      kept.push(b); // alive until the next measurement is done
      expect(
        ratio,
        `estimate ${b.bytes} vs measured ${measured} for ${width}-character lines`,
      ).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.25);
    }
  });

  it('stays within its bound with lines evicted', () => {
    const before = heapAfterGc();
    const b = new LineBuffer(8 * 1024 * 1024);
    feed(b, 300_000, 100);
    const measured = heapAfterGc() - before;
    expect(b.evicted).toBeGreaterThan(0);
    expect(b.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(measured).toBeLessThan(8 * 1024 * 1024 * 1.25);
  });
});
