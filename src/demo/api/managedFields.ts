/**
 * `metadata.managedFields` as the API server records them on create: one `Update` entry for the request's field
 * manager, listing the fields the request set — the decoded and defaulted object before admission, so defaults
 * are listed and the ServiceAccount volume or default tolerations are not. The set is what structured-merge-diff's
 * compare of the new object against an empty one adds (typed/compare.go): every new node, `.` marking a node that
 * also has children; lists keyed by their schema (./fieldsSchema.ts). apiVersion, kind, metadata's system fields
 * and status (a field the strategy resets) are stripped, as the stripMeta manager and reset fields do.
 */
import type { FieldType, TypeName } from './fieldsSchema.js';
import { POD_SCHEMA } from './fieldsSchema.js';

type Json = unknown;
type Fields = { [path: string]: Fields };

const isObj = (v: Json): v is Record<string, Json> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** metadata fields the field manager never records (stripmeta.go). */
const STRIPPED_META = new Set([
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'clusterName',
  'generation',
  'managedFields',
  'resourceVersion',
]);

/**
 * Top-level fields outside spec that are atomic: the RBAC kinds' roleRef (`+structType=atomic`), subjects and
 * rules (`+listType=atomic`), k8s.io/api rbac/v1 types.go — recorded whole, as `{}`.
 */
const ATOMIC_TOP_LEVEL = new Set(['roleRef', 'subjects', 'rules']);

/** A set's members in the order structured-merge-diff serialises them: `.` first, then by text. */
function sorted(f: Fields): Fields {
  const out: Fields = {};
  if (f['.']) out['.'] = {};
  for (const k of Object.keys(f)
    .filter((k) => k !== '.')
    .sort())
    out[k] = f[k]!;
  return out;
}

function typeOf(parent: TypeName | undefined, key: string): FieldType | undefined {
  return parent ? POD_SCHEMA[parent][key] : undefined;
}

/** The fields of a node that is new: a leaf `{}`, or `.` and its children. */
function added(value: Json, type: FieldType | undefined): Fields {
  if (type === 'atomic') return {};
  if (Array.isArray(value)) {
    if (value.length === 0) return {};
    if (type === 'set') {
      return sorted({ '.': {}, ...Object.fromEntries(value.map((v) => [`v:${JSON.stringify(v)}`, {}])) });
    }
    // Lists the schema does not key are atomic: recorded whole.
    if (type === undefined || typeof type === 'string') return {};
    const out: Fields = { '.': {} };
    const keyOf = (item: Json): string => {
      const key: Record<string, Json> = {};
      for (const k of [...type.keys].sort()) if (isObj(item) && item[k] !== undefined) key[k] = item[k];
      return `k:${JSON.stringify(key)}`;
    };
    const count = new Map<string, number>();
    for (const item of value) count.set(keyOf(item), (count.get(keyOf(item)) ?? 0) + 1);
    // An item whose key is duplicated is recorded as a whole, without its fields (compare.go's visitListItems).
    for (const item of value) out[keyOf(item)] = count.get(keyOf(item))! > 1 ? {} : added(item, type.item);
    return sorted(out);
  }
  if (!isObj(value) || Object.keys(value).length === 0) return {};
  const struct = typeof type === 'string' && type !== 'set' ? type : undefined;
  const out: Fields = { '.': {} };
  for (const [k, v] of Object.entries(value)) out[`f:${k}`] = added(v, typeOf(struct, k));
  return sorted(out);
}

/**
 * The fields of an object the request created. Top-level metadata, spec and status exist in the empty object it
 * is compared with (as does a pod's `spec.containers`, a null list), so they carry no `.` of their own.
 */
export function createdFields(object: Record<string, Json>, isPod: boolean): Fields {
  const out: Fields = {};
  const meta = isObj(object['metadata']) ? object['metadata'] : {};
  const metaFields: Fields = {};
  for (const [k, v] of Object.entries(meta)) {
    if (!STRIPPED_META.has(k)) metaFields[`f:${k}`] = added(v, typeOf('ObjectMeta', k));
  }
  if (Object.keys(metaFields).length) out['f:metadata'] = sorted(metaFields);
  for (const [k, v] of Object.entries(object)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || k === 'status') continue;
    // A null field is no field to structured-merge-diff (a Role without rules encodes `rules: null`).
    if (v === null) continue;
    if (k !== 'spec') {
      out[`f:${k}`] = added(v, ATOMIC_TOP_LEVEL.has(k) ? 'atomic' : undefined);
      continue;
    }
    if (!isObj(v)) continue;
    const specFields: Fields = {};
    for (const [sk, sv] of Object.entries(v)) {
      const type = isPod ? typeOf('PodSpec', sk) : undefined;
      const node = added(sv, type);
      if (isPod && sk === 'containers') delete node['.'];
      specFields[`f:${sk}`] = node;
    }
    if (Object.keys(specFields).length) out['f:spec'] = sorted(specFields);
  }
  return sorted(out);
}

/** The field manager of a request: `?fieldManager=`, else the user agent's program name, else `unknown`. */
export function fieldManager(query: URLSearchParams, userAgent: string | undefined): string {
  const explicit = query.get('fieldManager');
  if (explicit) return explicit;
  const program = userAgent?.split('/')[0]?.trim();
  return program ? program.slice(0, 128) : 'unknown';
}

/** The union of two field sets. */
function union(a: Fields, b: Fields): Fields {
  const out: Fields = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = out[k] ? union(out[k], v) : v;
  return sorted(out);
}

/**
 * The fields a body's own managedFields give the same manager (an `Update` at this apiVersion): the field
 * manager starts from them, and since against an empty object every field is new, the other managers' entries
 * lose all their fields to this one and vanish (structured-merge-diff's Updater, forced as updates are).
 */
function previousFields(previous: Json, manager: string, apiVersion: string): Fields {
  if (!Array.isArray(previous)) return {};
  let out: Fields = {};
  for (const e of previous) {
    if (!isObj(e) || e['manager'] !== manager || e['operation'] !== 'Update') continue;
    if (e['apiVersion'] !== apiVersion || e['subresource'] || !isObj(e['fieldsV1'])) continue;
    out = union(out, e['fieldsV1'] as Fields);
  }
  return out;
}

/** The managedFields entry of a create, or undefined when the request set no field that is recorded. */
export function managedFieldsEntry(
  object: Record<string, Json>,
  manager: string,
  apiVersion: string,
  time: string,
  isPod = false,
): Record<string, Json> | undefined {
  const sent = isObj(object['metadata']) ? object['metadata']['managedFields'] : undefined;
  const fieldsV1 = union(previousFields(sent, manager, apiVersion), createdFields(object, isPod));
  if (Object.keys(fieldsV1).length === 0) return undefined;
  return { manager, operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1 };
}
