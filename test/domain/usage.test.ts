import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory } from '../../src/domain/usage.js';

describe('kubectl top formats', () => {
  it.each([
    [formatCpu(124), '124m'],
    [formatCpu(0), '0m'],
    [formatCpu(0.4), '1m'],
    [formatMemory(47185920), '45Mi'],
    [formatMemory(2 ** 20 - 1), '0Mi'],
    [formatMemory(3 * 2 ** 30), '3072Mi'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
