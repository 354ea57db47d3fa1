/**
 * A LabelSelector object (`spec.selector` of a Deployment, ReplicaSet, StatefulSet…) as the one-line string the
 * API writes in a Scale's `status.selector` and a client puts in `?labelSelector=`: apimachinery's
 * `metav1.LabelSelectorAsSelector(…).String()` — describe's formatLabelSelector without its `<none>`.
 */
import { formatLabelSelector } from '../describe/metadata.js';

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The selector's string; `''` for an empty selector (which selects everything). */
export function selectorString(selector: LabelSelectorObject | undefined): string {
  const text = formatLabelSelector(selector);
  return text === '<none>' ? '' : text;
}
