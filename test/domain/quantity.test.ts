/** Resource quantities as metrics-server and pod specs write them. */
import { describe, expect, it } from 'vitest';
import { cpuMillis, memoryBytes, parseQuantity } from '../../src/domain/quantity.js';

describe('quantities', () => {
  it.each([
    ['123456n', 1],
    ['123456789n', 124],
    ['12m', 12],
    ['250m', 250],
    ['2', 2000],
    ['1.5', 1500],
    ['0.3', 300],
    ['100u', 1],
    ['1e3', 1_000_000],
  ])('cpu %s = %dm (rounded up, as kubectl top)', (q, milli) => {
    expect(cpuMillis(q)).toBe(milli);
  });

  it.each([
    ['34Ki', 34 * 1024],
    ['5Mi', 5 * 1024 ** 2],
    ['1Gi', 1024 ** 3],
    ['128974848', 128974848],
    ['129M', 129_000_000],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['2k', 2000],
    ['12e6', 12_000_000],
  ])('memory %s = %d bytes', (q, bytes) => {
    expect(memoryBytes(q)).toBe(bytes);
  });

  it('rejects what is not a quantity', () => {
    for (const q of ['', 'abc', '12 Mi', '1KiB', 'Mi', '--1']) expect(parseQuantity(q)).toBeUndefined();
    expect(cpuMillis('x')).toBeUndefined();
    expect(memoryBytes('1.2.3')).toBeUndefined();
  });
});
