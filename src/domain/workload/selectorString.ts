/**
 * A LabelSelector object (`spec.selector` of a Deployment, ReplicaSet, StatefulSet…) as the one-line string the
 * API writes in a Scale's `status.selector` and a client puts in `?labelSelector=`: apimachinery's
 * `metav1.LabelSelectorAsSelector(…).String()` — requirements sorted by key, values sorted, `k=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`.
 */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The selector's string; `''` for an empty selector (which selects everything). */
export function selectorString(selector: LabelSelectorObject | undefined): string {
  if (!selector) return '';
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    parts.push({ key, text: `${key}=${value}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    parts.push({ key: e.key, text });
  }
  // labels.internalSelector sorts its requirements by key (a stable sort: matchLabels' entry first).
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(',');
}
