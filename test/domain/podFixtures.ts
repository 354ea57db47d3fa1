/** Pod fixtures for the row, filter, sort and table tests: the JSON files in test/fixtures/pods, and variations. */
import { readdirSync, readFileSync } from 'node:fs';
import type { Pod } from '../../src/domain/wire.js';
import { CowMap } from '../../src/kube/cowMap.js';

const DIR = new URL('../fixtures/pods/', import.meta.url);

/** The clock every fixture's AGE and RESTARTS were written against. */
export const NOW = Date.parse('2025-03-14T12:00:00Z');

/** One fixture by file name (without .json), freshly parsed so tests cannot share mutations. */
export function fixture(name: string): Pod {
  return JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Pod;
}

/** Every fixture, in file-name order. */
export function allFixtures(): Pod[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => fixture(f.slice(0, -'.json'.length)));
}

/** A copy of `base` under another namespace/name, e.g. to make thousands of distinct pods. */
export function renamed(base: Pod, namespace: string, name: string): Pod {
  return { ...base, metadata: { ...base.metadata, namespace, name } };
}

/** A pod's store key, namespace/name. */
export const keyOf = (p: Pod): string => `${p.metadata!.namespace}/${p.metadata!.name}`;

/** `n` distinct pods made from the fixtures in turn, over 7 namespaces, in a store map as PodStore keeps them. */
export function podWorld(n: number): CowMap<Pod> {
  const m = new CowMap<Pod>();
  const fixtures = allFixtures();
  for (let i = 0; i < n; i++) {
    const p = renamed(fixtures[i % fixtures.length]!, `ns-${i % 7}`, `pod-${String(i).padStart(4, '0')}`);
    m.set(keyOf(p), p);
  }
  return m;
}
