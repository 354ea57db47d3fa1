/**
 * Kubernetes label selectors (`app=web,tier!=db,env in (a,b),!legacy`): parsed once, then matched against labels.
 * Used by the demo server to answer `labelSelector=` and by the dashboard to check what the user typed.
 */

export type Requirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type Selector = Requirement[];

/** Thrown with a one-line message naming what is wrong. */
export class SelectorError extends Error {}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]{0,61}[a-z0-9A-Z])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim()).filter((t) => t.length > 0);
}

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorError(`invalid label key "${key}"`);
  return key;
}

function checkValue(value: string): string {
  if (!VALUE.test(value)) throw new SelectorError(`invalid label value: "${value}"`);
  return value;
}

/** Parses a label selector; an empty string selects everything. */
export function parseLabelSelector(input: string): Selector {
  const reqs: Requirement[] = [];
  for (const term of splitTerms(input)) {
    const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (setMatch) {
      const values = setMatch[3]!
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0)
        .map(checkValue);
      reqs.push({ op: setMatch[2] as 'in' | 'notin', key: checkKey(setMatch[1]!), values });
      continue;
    }
    const opMatch = /^([^=!\s]+)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (opMatch) {
      const op = opMatch[2] === '!=' ? 'neq' : 'eq';
      reqs.push({ op, key: checkKey(opMatch[1]!), value: checkValue(opMatch[3]!.trim()) });
      continue;
    }
    if (term.startsWith('!')) {
      reqs.push({ op: 'notexists', key: checkKey(term.slice(1).trim()) });
      continue;
    }
    if (/^\S+$/.test(term)) {
      reqs.push({ op: 'exists', key: checkKey(term) });
      continue;
    }
    throw new SelectorError(`unable to parse requirement: "${term}"`);
  }
  return reqs;
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        if (!has || v !== r.value) return false;
        break;
      case 'neq':
        if (has && v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
    }
  }
  return true;
}
