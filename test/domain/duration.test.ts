/**
 * Expected strings follow apimachinery's pkg/util/duration/duration.go (HumanDuration, ShortHumanDuration) and
 * the printers' translateTimestampSince ("<unknown>" for a zero time), which is what kubectl prints in AGE.
 */
import { describe, expect, it } from 'vitest';
import { age, humanDuration, parseTimestamp } from '../../src/domain/duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    [-3 * s, '<invalid>'],
    [-2 * s, '<invalid>'],
    // Go truncates -1.5s to -1, inside the clock-skew tolerance.
    [-1.5 * s, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [999, '0s'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [2 * h + 15 * m, '135m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [5 * h + 30 * m, '5h30m'],
    [7 * h + 59 * m + 59 * s, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [45 * d + 12 * h, '45d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [740 * d, '2y10d'],
    [8 * 365 * d - d, '7y364d'],
    [8 * 365 * d, '8y'],
    [3000 * d, '8y'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('age', () => {
  const now = Date.parse('2025-03-14T12:00:00Z');

  it.each([
    ['2025-03-14T11:59:15Z', '45s'],
    ['2025-03-14T11:56:40Z', '3m20s'],
    ['2025-03-11T08:00:00Z', '3d4h'],
    ['2023-03-05T12:00:00Z', '2y10d'],
    // A creation time slightly ahead of our clock reads as brand new, as in kubectl.
    ['2025-03-14T12:00:01Z', '0s'],
    ['2025-03-14T12:00:05Z', '<invalid>'],
  ])('%s -> %s', (timestamp, expected) => {
    expect(age(timestamp, now)).toBe(expected);
  });

  it.each([[undefined], [''], ['not-a-date']])('%j -> <unknown>', (timestamp) => {
    expect(age(timestamp, now)).toBe('<unknown>');
  });
});

describe('parseTimestamp', () => {
  it('reads RFC 3339, with or without fractional seconds', () => {
    expect(parseTimestamp('2025-03-14T12:00:00Z')).toBe(Date.UTC(2025, 2, 14, 12));
    expect(parseTimestamp('2025-03-14T12:00:00.250Z')).toBe(Date.UTC(2025, 2, 14, 12, 0, 0, 250));
  });

  it('treats null and missing as no time at all', () => {
    expect(parseTimestamp(null)).toBeUndefined();
    expect(parseTimestamp(undefined)).toBeUndefined();
  });
});
