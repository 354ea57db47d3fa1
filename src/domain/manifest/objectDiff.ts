/**
 * What applying an object would change, as `kubectl diff --server-side` shows it: the live object and the dry
 * run's result, both as kubectl prints YAML, with `metadata.managedFields` left out (kubectl diff's
 * omitManagedFields) and a v1 Secret's `data` values masked (its Masker), diffed line by line
 * (pkg/cmd/diff/diff.go, Differ.Diff).
 */
import { yamlLines } from '../yaml/emitter.js';
import type { DiffLine } from './unifiedDiff.js';
import { unifiedDiff } from './unifiedDiff.js';

type Json = Readonly<Record<string, unknown>>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withoutManagedFields(o: Json): Json {
  const metadata = o['metadata'];
  if (!isRecord(metadata) || !('managedFields' in metadata)) return o;
  const { managedFields: _dropped, ...rest } = metadata;
  return { ...o, metadata: rest };
}

/** kubectl diff's masks (sensitiveMaskDefault, sensitiveMaskBefore, sensitiveMaskAfter). */
const MASK = '***';
const MASK_BEFORE = '*** (before)';
const MASK_AFTER = '*** (after)';

/**
 * A Secret's values never reach the screen: each key of `data` is masked, a value that changes as
 * `*** (before)` / `*** (after)` so the change still shows (kubectl diff's Masker.run).
 */
function maskSecrets(from: Json, to: Json): [Json, Json] {
  if (to['apiVersion'] !== 'v1' || to['kind'] !== 'Secret') return [from, to];
  const a = isRecord(from['data']) ? { ...from['data'] } : undefined;
  const b = isRecord(to['data']) ? { ...to['data'] } : undefined;
  if (a)
    for (const k of Object.keys(a)) {
      if (b && k in b) {
        if (a[k] !== b[k]) {
          a[k] = MASK_BEFORE;
          b[k] = MASK_AFTER;
          continue;
        }
        b[k] = MASK;
      }
      a[k] = MASK;
    }
  if (b) for (const k of Object.keys(b)) if (!a || !(k in a)) b[k] = MASK;
  return [a ? { ...from, data: a } : from, b ? { ...to, data: b } : to];
}

/** The object as kubectl's YAML. */
export function diffableYaml(o: Json): string {
  return yamlLines(o)
    .map((l) => l.text)
    .join('\n');
}

/**
 * The diff from `live` to `applied` ([] when applying changes nothing kubectl diff would show).
 * @param label the object, e.g. `v1.Pod.default.web`, as kubectl diff names its two files
 */
export function objectDiff(live: Json, applied: Json, label: string): DiffLine[] {
  const [from, to] = maskSecrets(withoutManagedFields(live), withoutManagedFields(applied));
  return unifiedDiff(diffableYaml(from), diffableYaml(to), {
    before: `live/${label}`,
    after: `merged/${label}`,
  });
}
