/**
 * The pure text steps of a log view: bytes → lines across chunk boundaries, timestamps, making lines safe to
 * print, JSON pretty-printing, since options, and dropping a resumed stream's overlap.
 */
import { describe, expect, it } from 'vitest';
import { LineDecoder } from '../../src/logs/lineDecoder.js';
import { prettyJson } from '../../src/logs/jsonPretty.js';
import { OverlapFilter } from '../../src/logs/overlap.js';
import { plainText, sanitizeLine } from '../../src/logs/sanitize.js';
import { formatSince, nextSincePreset, parseSince, sinceQuery } from '../../src/logs/sinceOption.js';
import { normalizeTimestamp, sinceTimeParam, splitTimestamp, timestampMs } from '../../src/logs/timestamp.js';

function decode(chunks: Buffer[], maxLineBytes?: number): { lines: string[] } {
  const lines: string[] = [];
  const d = new LineDecoder((l) => lines.push(l), maxLineBytes);
  for (const c of chunks) d.push(c);
  d.end();
  return { lines };
}

/** Every way of cutting `bytes` into two chunks. */
function everySplit(bytes: Buffer): Buffer[][] {
  return Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.subarray(0, i), bytes.subarray(i)]);
}

describe('LineDecoder', () => {
  it('splits lines across every chunk boundary, CRLF included, multi-byte characters whole', () => {
    const bytes = Buffer.from('héllo wörld\r\nsecond 😀 line\nthird\r\n', 'utf8');
    for (const chunks of everySplit(bytes)) {
      expect(decode(chunks).lines).toEqual(['héllo wörld', 'second 😀 line', 'third']);
    }
  });

  it('turns invalid UTF-8 into U+FFFD and keeps the last line without a newline', () => {
    const bytes = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xc3]), Buffer.from(' end')]);
    expect(decode([bytes]).lines).toEqual(['ok', 'bad \uFFFD\uFFFD end']);
  });

  it('passes a 1 MB line whole, fed in 16 KB chunks', () => {
    const long = 'x'.repeat(1024 * 1024);
    const bytes = Buffer.from(`short\n${long}\nafter\n`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 16 * 1024) chunks.push(bytes.subarray(i, i + 16 * 1024));
    const { lines } = decode(chunks);
    expect(lines.map((l) => l.length)).toEqual([5, long.length, 5]);
  });

  it('cuts an endless line into pieces at character boundaries', () => {
    const { lines } = decode([Buffer.from('éééé'), Buffer.from('é\n')], 4);
    expect(lines).toEqual(['éé', 'éé', 'é']);
  });
});

describe('timestamps', () => {
  it('splits the kubelet prefix and normalises other forms to fixed UTC nanoseconds', () => {
    expect(splitTimestamp('2026-11-21T10:41:27.123456789Z hello world')).toEqual({
      time: '2026-11-21T10:41:27.123456789Z',
      text: 'hello world',
    });
    expect(splitTimestamp('2026-11-21T10:41:27.5+02:00 x')).toEqual({
      time: '2026-11-21T08:41:27.500000000Z',
      text: 'x',
    });
    expect(splitTimestamp('2026-11-21T10:41:27Z ')).toEqual({
      time: '2026-11-21T10:41:27.000000000Z',
      text: '',
    });
    expect(splitTimestamp('no timestamp here')).toEqual({ time: '', text: 'no timestamp here' });
    expect(normalizeTimestamp('2026-01-01T00:30:00.1-01:00')).toBe('2026-01-01T01:30:00.100000000Z');
    expect(timestampMs('2026-11-21T10:41:27.123456789Z')).toBe(Date.UTC(2026, 10, 21, 10, 41, 27, 123));
    expect(sinceTimeParam('2026-11-21T10:41:27.123456789Z')).toBe('2026-11-21T10:41:27Z');
  });
});

describe('sanitizeLine', () => {
  it('keeps colours (closed with a reset) and removes everything that moves the cursor or changes the terminal', () => {
    const text = '\u001b[31mred\u001b[0m \u001b[2J\u001b[Hcleared \u001b]0;title\u0007\u001bPdcs\u001b\\ok';
    expect(sanitizeLine(text)).toBe('\u001b[31mred\u001b[0m cleared ok\u001b[0m');
    expect(sanitizeLine(text, { colors: false })).toBe('red cleared ok');
    expect(plainText(text)).toBe('red cleared ok');
  });

  it('shows control bytes as visible symbols and expands tabs', () => {
    expect(sanitizeLine('a\tb\u0007c\u0008d\u007fe\u009bf\u001b')).toBe('a       b␇c␈d␡e\uFFFDf␛');
    expect(sanitizeLine('\u001b[?25l\u001b[1;1Hhidden cursor')).toBe('hidden cursor');
  });

  it('returns a plain line as it is', () => {
    const line = 'plain text, nothing to do';
    expect(sanitizeLine(line)).toBe(line);
  });
});

describe('prettyJson', () => {
  it('turns a JSON object into level, message and key=value fields', () => {
    expect(prettyJson('{"level":"info","ts":1763721687.12,"msg":"cache refreshed","seq":42}')).toBe(
      'info cache refreshed  ts=1763721687.12 seq=42',
    );
    expect(prettyJson('{"msg":"req","http":{"status":200,"path":"/a b"},"tags":["x"],"e":""}')).toBe(
      'req  http.status=200 http.path="/a b" tags="[\\"x\\"]" e=""',
    );
  });

  it('leaves other lines untouched', () => {
    for (const line of ['plain', '{not json}', '[1,2]', '"str"', '{"unterminated": ']) {
      expect(prettyJson(line)).toBe(line);
    }
  });
});

describe('since options', () => {
  it('parses presets, tails and custom durations', () => {
    expect(parseSince('tail 100')).toEqual({ kind: 'tail', lines: 100 });
    expect(parseSince('500')).toEqual({ kind: 'tail', lines: 500 });
    expect(parseSince('all')).toEqual({ kind: 'all' });
    expect(parseSince('1m')).toEqual({ kind: 'since', seconds: 60 });
    expect(parseSince(' 15M ')).toEqual({ kind: 'since', seconds: 900 });
    expect(parseSince('90s')).toEqual({ kind: 'since', seconds: 90 });
    expect(parseSince('2h30m')).toEqual({ kind: 'since', seconds: 9000 });
    expect(parseSince('1.5h')).toEqual({ kind: 'since', seconds: 5400 });
    expect(formatSince(parseSince('2h30m'))).toBe('2h30m');
    expect(formatSince({ kind: 'tail', lines: 100 })).toBe('tail 100');
    expect(sinceQuery(parseSince('5m'))).toEqual({ sinceSeconds: 300 });
    expect(sinceQuery(parseSince('tail 7'))).toEqual({ tailLines: 7 });
    expect(nextSincePreset({ kind: 'all' })).toEqual({ kind: 'tail', lines: 100 });
    expect(nextSincePreset(parseSince('1m'))).toEqual({ kind: 'since', seconds: 300 });
  });

  it('rejects bad input with a message that says what would do', () => {
    expect(() => parseSince('5x')).toThrow(
      '"5x" is not a duration: use "tail N", a duration such as 90s, 5m, 2h30m or 1d, or "all"',
    );
    expect(() => parseSince('tail x')).toThrow('"tail x" is not a line count');
    expect(() => parseSince('')).toThrow('empty since option');
    expect(() => parseSince('0s')).toThrow('shorter than a second');
  });
});

describe('OverlapFilter', () => {
  it('drops what a resumed stream repeats, by time and text, and nothing after it', () => {
    const f = new OverlapFilter();
    const seen = [
      ['2026-01-01T00:00:00.100000000Z', 'a'],
      ['2026-01-01T00:00:00.500000000Z', 'b'],
      ['2026-01-01T00:00:00.500000000Z', 'same'],
      ['2026-01-01T00:00:00.500000000Z', 'same'],
    ] as const;
    for (const [time, text] of seen) f.accept(time, text);
    f.resume();
    const resumed: (readonly [string, string])[] = [
      ...seen,
      ['2026-01-01T00:00:00.500000000Z', 'new at the same time'],
      ['2026-01-01T00:00:00.600000000Z', 'later'],
      ['2026-01-01T00:00:00.600000000Z', 'later'],
    ];
    expect(resumed.filter(([time, text]) => !f.isRepeat(time, text)).map(([, t]) => t)).toEqual([
      'new at the same time',
      'later',
      'later',
    ]);
  });
});
