/**
 * Fields a real API server does not know, and what it does with them by the request's `fieldValidation`
 * (apimachinery's strict decoding, k8s.io/apiserver handlers/create.go): `Strict` refuses the object (400,
 * `strict decoding error: unknown field "spec.foo", …`), `Warn` — the default — drops them with one warning each,
 * `Ignore` drops them silently. Fields are named in the order the JSON has them, as the decoder meets them.
 */
import { POD_TYPES } from './podFieldNames.js';

type Json = unknown;

const isObj = (v: Json): v is Record<string, Json> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const TYPES = new Map<string, Map<string, string | undefined>>(
  Object.entries(POD_TYPES).map(([name, fields]) => [
    name,
    new Map(fields.split(' ').map((f) => f.split(':') as [string, string | undefined])),
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
    if (!fields.has(k)) {
      unknown.push(at);
      continue;
    }
    out[k] = prune(v, fields.get(k), at, unknown);
  }
  return out;
}

/** A pod's body without the fields the API server does not know, and which those were. */
export function pruneUnknownPodFields(body: Json): Pruned {
  const unknown: string[] = [];
  return { value: prune(body, 'Pod', '', unknown), unknown };
}

export const FIELD_VALIDATIONS = ['', 'Ignore', 'Strict', 'Warn'];
