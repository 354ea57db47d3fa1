/** CowMap: snapshots are immutable, writes after a snapshot don't show in it, and it behaves as a Map. */
import { describe, expect, it } from 'vitest';
import { CowMap } from '../../src/kube/cowMap.js';

describe('CowMap', () => {
  it('acts as a map: set, overwrite, delete, size, iteration', () => {
    const m = new CowMap<number>();
    for (let i = 0; i < 1000; i++) m.set(`ns/pod-${i}`, i);
    m.set('ns/pod-5', 55);
    expect(m.delete('ns/pod-7')).toBe(true);
    expect(m.delete('ns/pod-7')).toBe(false);
    expect(m.delete('absent')).toBe(false);
    expect(m.size).toBe(999);
    expect(m.get('ns/pod-5')).toBe(55);
    expect(m.has('ns/pod-7')).toBe(false);
    expect(m.keys()).toHaveLength(999);

    const f = m.freeze();
    expect(f.size).toBe(999);
    expect(f.get('ns/pod-5')).toBe(55);
    expect(f.has('ns/pod-7')).toBe(false);
    expect(new Set(f.keys()).size).toBe(999);
    expect([...f.values()].reduce((a, b) => a + b, 0)).toBe(499500 - 5 + 55 - 7);
    const viaForEach: string[] = [];
    f.forEach((_v, k, map) => {
      expect(map).toBe(f);
      viaForEach.push(k);
    });
    expect(viaForEach).toEqual([...f.keys()]);
    expect(new Map(f)).toEqual(new Map(f.entries()));
  });

  it('leaves every snapshot as it was when taken', () => {
    const m = new CowMap<string>();
    m.set('a/1', 'one');
    m.set('a/2', 'two');
    const first = m.freeze();
    m.set('a/1', 'uno');
    m.delete('a/2');
    m.set('a/3', 'tres');
    const second = m.freeze();
    m.set('a/3', 'drei');
    expect(Object.fromEntries(first)).toEqual({ 'a/1': 'one', 'a/2': 'two' });
    expect(Object.fromEntries(second)).toEqual({ 'a/1': 'uno', 'a/3': 'tres' });
    expect(first.size).toBe(2);
    expect(second.size).toBe(2);
    expect(m.get('a/3')).toBe('drei');
  });

  it('agrees with a plain Map under random writes and snapshots', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const m = new CowMap<number>();
    const ref = new Map<string, number>();
    const snaps: [ReturnType<CowMap<number>['freeze']>, Map<string, number>][] = [];
    for (let step = 0; step < 20_000; step++) {
      const key = `ns-${rand(5)}/pod-${rand(400)}`;
      if (rand(3) === 0) {
        m.delete(key);
        ref.delete(key);
      } else {
        m.set(key, step);
        ref.set(key, step);
      }
      if (step % 997 === 0) snaps.push([m.freeze(), new Map(ref)]);
    }
    for (const [frozen, expected] of snaps) {
      expect(frozen.size).toBe(expected.size);
      expect(new Map(frozen)).toEqual(expected);
    }
  });
});
