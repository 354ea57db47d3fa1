/** A workload's (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job) `spec.selector`: what its pods carry. */
import type { LabelSelectorSpec } from '../../domain/workloadLogs.js';
import { isObject, object, optArray, optObject, string, topObject, wrong, type Subject } from './read.js';

/**
 * The workload's selector, checked (matchLabels' values strings, each expression a key and an operator).
 * @param raw the workload as the server sent it
 * @param where the request it came from
 * @returns undefined when it has no selector
 * @throws DecodeError naming the field that is wrong
 */
export function decodeWorkloadSelector(raw: unknown, where?: string): LabelSelectorSpec | undefined {
  const s: Subject = { what: 'a workload', where };
  const o = topObject(raw, s);
  const selector = optObject(object(o, 'spec', s), 'selector', s, 'spec');
  if (!selector) return undefined;
  const labels = optObject(selector, 'matchLabels', s, 'spec.selector');
  const matchLabels: Record<string, string> = {};
  for (const key of Object.keys(labels ?? {}))
    matchLabels[key] = string(labels ?? {}, key, s, 'spec.selector.matchLabels');
  const matchExpressions = (optArray(selector, 'matchExpressions', s, 'spec.selector') ?? []).map((e, i) => {
    const path = `spec.selector.matchExpressions[${i}]`;
    if (!isObject(e)) return wrong(s, path, e, 'an object');
    const values = (optArray(e, 'values', s, path) ?? []).map((v, j) =>
      typeof v === 'string' ? v : wrong(s, `${path}.values[${j}]`, v, 'a string'),
    );
    return { key: string(e, 'key', s, path), operator: string(e, 'operator', s, path), values };
  });
  return { matchLabels, matchExpressions };
}
