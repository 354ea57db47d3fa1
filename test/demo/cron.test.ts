/** The CronJob schedule parser (src/demo/sim/cron.ts): robfig/cron's standard fields, descriptors and errors. */
import { describe, expect, it } from 'vitest';
import { parseCron } from '../../src/demo/sim/cron.js';

const at = (iso: string): number => Date.parse(iso);
const next = (spec: string, after: string): string => {
  const s = parseCron(spec);
  if (typeof s === 'string') throw new Error(s);
  return new Date(s.next(at(after))!).toISOString();
};

describe('parseCron', () => {
  it('finds the next minute of each field form', () => {
    expect(next('* * * * *', '2026-12-07T11:09:30Z')).toBe('2026-12-07T11:10:00.000Z');
    expect(next('* * * * *', '2026-12-07T11:09:00Z')).toBe('2026-12-07T11:10:00.000Z');
    expect(next('*/15 * * * *', '2026-12-07T11:09:00Z')).toBe('2026-12-07T11:15:00.000Z');
    expect(next('5,35 2-4 * * *', '2026-12-07T04:40:00Z')).toBe('2026-12-08T02:05:00.000Z');
    expect(next('0 0 1 JAN *', '2026-12-07T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('30 9 * * MON-FRI', '2026-12-05T10:00:00Z')).toBe('2026-12-07T09:30:00.000Z'); // a Saturday
    expect(next('10-40/10 * * * *', '2026-12-07T11:35:00Z')).toBe('2026-12-07T11:40:00.000Z');
  });

  it('takes either day field when both are restricted, both when one is a star', () => {
    // The 13th or a Friday: 2026-12-11 is a Friday before the 13th.
    expect(next('0 0 13 * FRI', '2026-12-07T00:00:00Z')).toBe('2026-12-11T00:00:00.000Z');
    expect(next('0 0 13 * *', '2026-12-07T00:00:00Z')).toBe('2026-12-13T00:00:00.000Z');
  });

  it('reads the descriptors', () => {
    expect(next('@hourly', '2026-12-07T11:09:00Z')).toBe('2026-12-07T12:00:00.000Z');
    expect(next('@daily', '2026-12-07T11:09:00Z')).toBe('2026-12-08T00:00:00.000Z');
    expect(next('@weekly', '2026-12-07T11:09:00Z')).toBe('2026-12-13T00:00:00.000Z');
    expect(next('@every 90s', '2026-12-07T11:09:00Z')).toBe('2026-12-07T11:10:30.000Z');
    expect(next('@every 1h30m', '2026-12-07T11:09:00Z')).toBe('2026-12-07T12:39:00.000Z');
  });

  it('words its errors as robfig/cron does', () => {
    expect(parseCron('* * * *')).toBe('expected exactly 5 fields, found 4: * * * *');
    expect(parseCron('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(parseCron('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(parseCron('x * * * *')).toBe(
      'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    );
    expect(parseCron('@often')).toBe('unrecognized descriptor: @often');
  });
});
