/**
 * Comparing two API servers' answers (the real kube-apiserver and the demo) field by field, after normalising
 * only what must differ between two clusters: uids, timestamps, resourceVersions, the random suffixes the server
 * picks (generateName's five characters, the ServiceAccount admission plugin's `kube-api-access-xxxxx` volume)
 * and IPs. Everything else — every defaulted field, managedFields, status, error messages and causes — must be
 * equal. Shared by the real-server suites and the differential scenarios.
 */
import type { ApiResponse } from './api.js';

/** The alphabet of apiserver's names.SimpleNameGenerator (k8s.io/apiserver/pkg/storage/names). */
const SUFFIX_CHARS = '[bcdfghjklmnpqrstvwxz2456789]';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const API_ACCESS = new RegExp(`kube-api-access-${SUFFIX_CHARS}{5}`, 'g');
const IP_KEYS = new Set(['podIP', 'hostIP', 'ip']);

export interface NormaliseHints {
  /** generateName prefixes: `<prefix>xxxxx` anywhere (names, messages) becomes `<prefix><suffix>`. */
  generateNames?: readonly string[];
}

function normaliseString(s: string, hints: NormaliseHints): string {
  if (RFC3339.test(s)) return '<time>';
  let out = s.replace(API_ACCESS, 'kube-api-access-<suffix>');
  for (const g of hints.generateNames ?? []) {
    const escaped = g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`${escaped}${SUFFIX_CHARS}{5}`, 'g'), `${g}<suffix>`);
  }
  return out;
}

/**
 * A copy of an API answer (object, list or Status) with the values that legitimately differ between two clusters
 * replaced by placeholders: `metadata.uid` and `details.uid`, `resourceVersion`, RFC 3339 times, IPs of pods and
 * hosts, and random name suffixes.
 */
export function normaliseObject(value: unknown, hints: NormaliseHints = {}, parentKey = ''): unknown {
  if (typeof value === 'string') return normaliseString(value, hints);
  if (Array.isArray(value)) return value.map((v) => normaliseObject(v, hints, parentKey));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = normaliseString(k, hints);
    if (k === 'uid' && (parentKey === 'metadata' || parentKey === 'details') && typeof v === 'string') {
      out[key] = '<uid>';
    } else if (k === 'resourceVersion' && typeof v === 'string' && v !== '') {
      out[key] = '<rv>';
    } else if (IP_KEYS.has(k) && typeof v === 'string' && /^[\d.:a-f]+$/.test(v)) {
      out[key] = '<ip>';
    } else {
      out[key] = normaliseObject(v, hints, k);
    }
  }
  return out;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? '(absent)' : s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/**
 * The differences between two JSON values, one line each (`spec.containers[0].imagePullPolicy: expected "Always",
 * got "IfNotPresent"`); empty when equal. Key order does not count; array order does.
 */
export function diffJson(expected: unknown, actual: unknown, path = ''): string[] {
  const at = path || '(root)';
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (i >= actual.length) out.push(`${path}[${i}]: missing, expected ${show(expected[i])}`);
      else if (i >= expected.length) out.push(`${path}[${i}]: unexpected ${show(actual[i])}`);
      else out.push(...diffJson(expected[i], actual[i], `${path}[${i}]`));
    }
    return out;
  }
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(expected) && isObj(actual)) {
    const out: string[] = [];
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in actual)) out.push(`${p}: missing, expected ${show(expected[k])}`);
      else if (!(k in expected)) out.push(`${p}: unexpected ${show(actual[k])}`);
      else out.push(...diffJson(expected[k], actual[k], p));
    }
    return out;
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

/**
 * Where two JSON values write the keys they share in a different order (`spec: keys in order volumes,
 * containers, …; got containers, volumes, …`); empty when every object's shared keys come in the same order.
 * JSON objects are unordered, but the API server writes fields in Go's struct order and maps sorted, and a
 * server that answers exactly as it does writes them so too.
 */
export function diffKeyOrder(expected: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.flatMap((e, i) => (i < actual.length ? diffKeyOrder(e, actual[i], `${path}[${i}]`) : []));
  }
  if (!expected || !actual || typeof expected !== 'object' || typeof actual !== 'object') return [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const shared = (o: Record<string, unknown>, other: Record<string, unknown>) =>
    Object.keys(o).filter((k) => k in other);
  const eKeys = shared(e, a);
  const aKeys = shared(a, e);
  const out =
    eKeys.join(',') === aKeys.join(',')
      ? []
      : [`${path || '(root)'}: keys in order ${eKeys.join(', ')}; got ${aKeys.join(', ')}`];
  for (const k of eKeys) out.push(...diffKeyOrder(e[k], a[k], path ? `${path}.${k}` : k));
  return out;
}

/** An answer as compared: HTTP status, the `Warning` headers' texts, and the normalised body. */
export interface ComparableAnswer {
  status: number;
  warnings: string[];
  body: unknown;
}

/** `299 - "text"` headers (RFC 7234, as the API server writes them) as their texts. */
export function warningsOf(res: ApiResponse): string[] {
  const h = res.headers['warning'];
  const all = h === undefined ? [] : Array.isArray(h) ? h : [h];
  return all
    .flatMap((v) => v.split(/,\s*(?=\d{3} )/))
    .map((v) => /^\d{3} \S+ "(.*)"$/.exec(v.trim())?.[1]?.replace(/\\(.)/g, '$1') ?? v);
}

export function comparable(res: ApiResponse, hints: NormaliseHints = {}): ComparableAnswer {
  return {
    status: res.status,
    warnings: warningsOf(res).map((w) => normaliseString(w, hints)),
    body: normaliseObject(res.json ?? res.text, hints),
  };
}

export interface DiffOptions extends NormaliseHints {
  /** Also report objects whose shared keys come in another order (`diffKeyOrder`). */
  keyOrder?: boolean;
}

/** The differences between the real server's answer and another's (the demo's), as `diffJson` lists them. */
export function diffAnswers(real: ApiResponse, other: ApiResponse, options: DiffOptions = {}): string[] {
  const [r, o] = [comparable(real, options), comparable(other, options)];
  return [
    ...diffJson(r, o),
    ...(options.keyOrder ? diffKeyOrder(r.body, o.body).map((d) => `order: ${d}`) : []),
  ];
}
