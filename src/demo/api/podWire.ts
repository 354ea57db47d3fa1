/**
 * A pod's JSON as a real API server decodes and writes it, by the field table of ./podFieldNames.ts:
 *
 * - fields it does not know, and what it does with them by the request's `fieldValidation` (apimachinery's strict
 *   decoding, k8s.io/apiserver handlers/create.go): `Strict` refuses the object (400, `strict decoding error:
 *   unknown field "spec.foo", …`), `Warn` — the default — drops them with one warning each, `Ignore` drops them
 *   silently; fields are named in the order the JSON has them, as the decoder meets them;
 * - the order it writes fields in: each struct's in Go's field order, each map's keys sorted.
 */
import { POD_TYPES } from './podFieldNames.js';

type Json = unknown;

const isObj = (v: Json): v is Record<string, Json> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

interface Field {
  /** The type of the object (or of the list's or map's items) the field holds. */
  type?: string;
  map: boolean;
}

const TYPES = new Map<string, Map<string, Field>>(
  Object.entries(POD_TYPES).map(([name, fields]) => [
    name,
    new Map(
      fields.split(' ').map((f) => {
        const [key = '', type] = f.split(':');
        return [key.replace('{}', ''), { type, map: key.endsWith('{}') }] as const;
      }),
    ),
  ]),
);

export interface Pruned {
  /** The object without unknown fields. */
  value: Json;
  /** Their paths (`spec.containers[0].imagee`). */
  unknown: string[];
}

function prune(value: Json, type: string | undefined, path: string, unknown: string[]): Json {
  const fields = type ? TYPES.get(type) : undefined;
  if (Array.isArray(value)) return value.map((v, i) => prune(v, type, `${path}[${i}]`, unknown));
  if (!fields || !isObj(value)) return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    const field = fields.get(k);
    if (!field) unknown.push(at);
    else out[k] = field.map ? v : prune(v, field.type, at, unknown);
  }
  return out;
}

/** A pod's body without the fields the API server does not know, and which those were. */
export function pruneUnknownPodFields(body: Json): Pruned {
  const unknown: string[] = [];
  return { value: prune(body, 'Pod', '', unknown), unknown };
}

export const FIELD_VALIDATIONS = ['', 'Ignore', 'Strict', 'Warn'];

function sortedMap(value: Json, type: string | undefined): Json {
  if (!isObj(value)) return value;
  const out: Record<string, Json> = {};
  for (const k of Object.keys(value).sort()) out[k] = type ? wireOrder(value[k], type) : value[k];
  return out;
}

/** Per type: the comparator of field names by their place in the Go struct (unknown ones last). */
const BY_PLACE = new Map(
  [...TYPES].map(([name, fields]) => {
    const places = new Map([...fields.keys()].map((k, i) => [k, i]));
    const place = (k: string): number => places.get(k) ?? Number.MAX_SAFE_INTEGER;
    return [name, (a: string, b: string) => place(a) - place(b)] as const;
  }),
);

/** A copy of a value of a known type with its keys in the order the API server writes them. */
export function wireOrder(value: Json, type = 'Pod'): Json {
  if (Array.isArray(value)) return value.map((v) => wireOrder(v, type));
  const fields = TYPES.get(type);
  const byPlace = BY_PLACE.get(type);
  if (!fields || !byPlace || !isObj(value)) return value;
  const out: Record<string, Json> = {};
  for (const k of Object.keys(value).sort(byPlace)) {
    const v = value[k];
    const field = fields.get(k);
    out[k] = !field ? v : field.map ? sortedMap(v, field.type) : field.type ? wireOrder(v, field.type) : v;
  }
  return out;
}
