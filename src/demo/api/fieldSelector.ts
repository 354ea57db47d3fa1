/**
 * Field selectors as the API server supports them: only the fields each resource declares selectable, and only
 * `=`, `==` and `!=`. Anything else is a 400, worded as the API server words it.
 */
import type { KubeObject } from '../../domain/wire.js';
import type { ResourceType } from '../store/resourceTypes.js';

export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

export class FieldSelectorError extends Error {}

type Getter = (o: KubeObject) => string | undefined;

function path(...keys: string[]): Getter {
  return (o) => {
    let cur: unknown = o;
    for (const k of keys) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[k];
    }
    return cur === undefined || cur === null ? undefined : String(cur);
  };
}

const COMMON: Record<string, Getter> = {
  'metadata.name': path('metadata', 'name'),
  'metadata.namespace': path('metadata', 'namespace'),
};

const SELECTABLE: Record<string, Record<string, Getter>> = {
  pods: {
    ...COMMON,
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) =>
      String(Boolean((o.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork)),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  events: {
    ...COMMON,
    'involvedObject.kind': path('involvedObject', 'kind'),
    'involvedObject.namespace': path('involvedObject', 'namespace'),
    'involvedObject.name': path('involvedObject', 'name'),
    'involvedObject.uid': path('involvedObject', 'uid'),
    'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
    reason: path('reason'),
    reportingComponent: path('reportingComponent'),
    source: path('source', 'component'),
    type: path('type'),
  },
  nodes: {
    ...COMMON,
    'spec.unschedulable': (o) =>
      String(Boolean((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable)),
  },
  namespaces: { ...COMMON, 'status.phase': path('status', 'phase') },
};

/** Splits on commas not escaped by a backslash (apimachinery fields.splitTerms). */
function splitTerms(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === '\\' && i + 1 < input.length) {
      cur += ch + input[++i]!;
    } else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** `\,` `\=` `\\` in a value (fields.UnescapeValue). */
function unescape(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}

/**
 * Parses `a=b,c!=d` as fields.ParseSelector does: the terms sorted as strings, each split at its first `!=`, `==`
 * or `=`, nothing trimmed. Which labels the resource supports is checked apart (checkFieldLabels), after the
 * options are validated, as the API server does.
 */
export function parseFieldSelector(input: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const term of splitTerms(input).sort()) {
    if (term === '') continue;
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(term);
    if (!m) throw new FieldSelectorError(`invalid selector: '${input}'; can't understand '${term}'`);
    reqs.push({ field: m[1]!, negate: m[2] === '!=', value: unescape(m[3]!) });
  }
  return reqs;
}

/** The API server's ConvertFieldLabel: the first (in sorted order) label the resource can't select on is a 400. */
export function checkFieldLabels(type: ResourceType, reqs: readonly FieldRequirement[]): void {
  const fields = SELECTABLE[type.plural] ?? COMMON;
  for (const r of reqs) {
    if (!fields[r.field]) throw new FieldSelectorError(`field label not supported: ${r.field}`);
  }
}

/** Whether an object matches every requirement (a missing field is the empty string, as upstream). */
export function matchesFields(type: ResourceType, reqs: FieldRequirement[], o: KubeObject): boolean {
  const fields = SELECTABLE[type.plural] ?? COMMON;
  for (const r of reqs) {
    const v = fields[r.field]!(o) ?? '';
    if ((v === r.value) === r.negate) return false;
  }
  return true;
}
