/**
 * What applying an object would change, as `kubectl diff --server-side` shows it: the live object and the dry
 * run's result, both as kubectl prints YAML, with `metadata.managedFields` left out (kubectl diff's
 * omitManagedFields, pkg/cmd/diff/diff.go — the only field it drops), diffed line by line.
 */
import { yamlLines } from '../yaml/emitter.js';
import type { DiffLine } from './unifiedDiff.js';
import { unifiedDiff } from './unifiedDiff.js';

function withoutManagedFields(o: unknown): unknown {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return o;
  const metadata: unknown = (o as Record<string, unknown>)['metadata'];
  if (typeof metadata !== 'object' || metadata === null || !('managedFields' in metadata)) return o;
  const { managedFields: _dropped, ...rest } = metadata as Record<string, unknown>;
  return { ...o, metadata: rest };
}

/** The object as kubectl's YAML, managedFields left out. */
export function diffableYaml(o: unknown): string {
  return yamlLines(withoutManagedFields(o))
    .map((l) => l.text)
    .join('\n');
}

/**
 * The diff from `live` to `applied` ([] when applying changes nothing kubectl diff would show).
 * @param label the object, e.g. `v1.Pod.default.web`, as kubectl diff names its two files
 */
export function objectDiff(live: unknown, applied: unknown, label: string): DiffLine[] {
  return unifiedDiff(diffableYaml(live), diffableYaml(applied), {
    before: `live/${label}`,
    after: `merged/${label}`,
  });
}
