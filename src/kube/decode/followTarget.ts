/**
 * What a forward that follows a Service or a workload reads of it (issue 16): a Service's selector and ports, a
 * workload's `spec.selector` (matchLabels and matchExpressions, as apps/v1 Deployments, StatefulSets, DaemonSets
 * and ReplicaSets carry it). Checked at the API boundary like the other decoders.
 */
import type { Service } from '../../domain/services/serviceWire.js';
import {
  checked,
  eachObject,
  isObject,
  object,
  optArray,
  optObject,
  optString,
  optStringMap,
  string,
  topObject,
  wrong,
  type Subject,
} from './read.js';

/**
 * A Service: name, and every port with a number (and targetPort a number or a string).
 * @throws DecodeError
 */
export function decodeService(raw: unknown, where?: string): Service {
  const s: Subject = { what: 'a service', where };
  const o = topObject(raw, s);
  string(object(o, 'metadata', s), 'name', s, 'metadata');
  const spec = optObject(o, 'spec', s);
  if (spec) {
    optStringMap(spec, 'selector', s, 'spec');
    optString(spec, 'clusterIP', s, 'spec');
    eachObject(spec, 'ports', s, 'spec', (p, at) => {
      if (typeof p['port'] !== 'number') wrong(s, `${at()}.port`, p['port'], 'a number');
      const t = p['targetPort'];
      if (t !== undefined && typeof t !== 'number' && typeof t !== 'string')
        wrong(s, `${at()}.targetPort`, t, 'a number or a string');
      optString(p, 'name', s, at);
      optString(p, 'protocol', s, at);
    });
  }
  return checked<Service>(o);
}

/** A label selector requirement (metav1.LabelSelectorRequirement). */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** A workload's `spec.selector`, as the API holds it. */
export interface WorkloadSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly SelectorRequirement[];
}

/**
 * The `spec.selector` of an apps/v1 workload; undefined when it has none.
 * @throws DecodeError
 */
export function decodeWorkloadSelector(
  raw: unknown,
  what: string,
  where?: string,
): WorkloadSelector | undefined {
  const s: Subject = { what, where };
  const o = topObject(raw, s);
  string(object(o, 'metadata', s), 'name', s, 'metadata');
  const spec = optObject(o, 'spec', s);
  const sel = spec && optObject(spec, 'selector', s, 'spec');
  if (!sel) return undefined;
  optStringMap(sel, 'matchLabels', s, 'spec.selector');
  eachObject(sel, 'matchExpressions', s, 'spec.selector', (r, at) => {
    string(r, 'key', s, at);
    string(r, 'operator', s, at);
    for (const v of optArray(r, 'values', s, at) ?? [])
      if (typeof v !== 'string') wrong(s, `${at()}.values`, v, 'a string');
  });
  return isObject(sel) ? checked<WorkloadSelector>(sel) : undefined;
}
