/**
 * describe's multi-line maps and lists: labels and node selectors (`k=v`, sorted), annotations (sorted, long or
 * multi-line values broken onto their own lines and shortened at 140 characters, as kubectl does), tolerations
 * and topology spread constraints.
 */
import type { Pod } from '../wire.js';
import { compareGo } from './goFormat.js';
import type { PrefixWriter } from './prefixWriter.js';

type Toleration = NonNullable<NonNullable<Pod['spec']>['tolerations']>[number];
type SpreadConstraint = NonNullable<NonNullable<Pod['spec']>['topologySpreadConstraints']>[number];
type LabelSelector = NonNullable<SpreadConstraint['labelSelector']>;

/** kubectl's `maxAnnotationLen`. */
const MAX_ANNOTATION_LEN = 140;
/** Annotations kubectl never shows. */
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** `printLabelsMultiline`. */
export function writeLabels(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(compareGo);
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${key}=${labels![key]}\n`);
  });
}

/** Go's `s[:n] + "..."` on bytes; cut on a code point here so the result stays valid text. */
function shorten(s: string, max: number): string {
  return Buffer.byteLength(s) > max
    ? `${Buffer.from(s)
        .subarray(0, max)
        .toString('utf8')
        .replace(/\uFFFD$/, '')}...`
    : s;
}

/** `printAnnotationsMultiline`. */
export function writeAnnotations(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort(compareGo);
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (Buffer.byteLength(value) + Buffer.byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** `printPodTolerationsMultiline`: sorted by key (a stable sort; Go's sort.Slice is not, but ties are rare). */
export function writeTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] | undefined,
): void {
  w.write(0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) return w.writeLine('<none>');
  const sorted = [...tolerations].sort((a, b) => compareGo(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    // `operator: Exists` with no key tolerates everything.
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** `metav1.FormatLabelSelector`: `a=b,c in (d,e),!f`, or `<none>` when it selects everything. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    parts.push({ key, text: `${key}=${value}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(compareGo).join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : e.operator === 'DoesNotExist'
              ? `!${e.key}`
              : `${e.key} ${e.operator} (${values})`;
    parts.push({ key: e.key, text });
  }
  if (parts.length === 0) return '<none>';
  return parts
    .sort((a, b) => compareGo(a.key, b.key))
    .map((p) => p.text)
    .join(',');
}

/** `describeTopologySpreadConstraints`: nothing when there are none. */
export function writeSpreadConstraints(w: PrefixWriter, constraints: SpreadConstraint[] | undefined): void {
  if (!constraints || constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => compareGo(a.topologyKey, b.topologyKey));
  w.write(0, 'Topology Spread Constraints:\t');
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(0, '\t');
    let text = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector) text += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(0, `${text}\n`);
  });
}
