/**
 * The real-world pods of test/fixtures/pods/real-world/: pods nobody here wrote, as other projects keep them in
 * their test data (dumps of pods from live clusters with their status, and manifests from Kubernetes' own tree),
 * one per file, each with its source. See the README there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { KubeEvent, Pod } from '../../src/domain/wire.js';

export const REAL_WORLD_DIR = new URL('../fixtures/pods/real-world/', import.meta.url);

export interface RealWorldPod {
  /** The file's name without `.json`: unique, and short enough for a namespace of its own. */
  id: string;
  source: {
    repo: string;
    path: string;
    /** The commit the file was read at (GitHub repositories)… */
    commit?: string;
    /** …or the release tag and Go module it was read from (Kubernetes' tree, from the Go module proxy). */
    tag?: string;
    goModule?: string;
    url: string;
    /** The pod's index in a List. */
    item?: number;
  };
  /** The pod exactly as the source has it (YAML sources converted to JSON, nothing else changed). */
  pod: Pod;
  /** The events about this pod that the source keeps beside it (another file of the same repository), if any. */
  events?: { source: RealWorldPod['source']; items: KubeEvent[] };
}

/** Every real-world pod, in file-name order. */
export function realWorldPods(): RealWorldPod[] {
  return readdirSync(REAL_WORLD_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      id: f.replace(/\.json$/, ''),
      ...(JSON.parse(readFileSync(new URL(f, REAL_WORLD_DIR), 'utf8')) as Omit<RealWorldPod, 'id'>),
    }));
}
