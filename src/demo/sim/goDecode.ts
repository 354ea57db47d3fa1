/**
 * What decoding a JSON body into the API server's Go structs does to it, seen from the JSON that comes back:
 * fields tagged `omitempty` vanish when null, "", an empty list or an empty map; value-typed (not pointer) ones
 * also when false or 0. A pointer to an empty struct (`securityContext: {}`) stays, as do map entries.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Map-valued fields of the pod's types: an empty one is omitted on the wire, an empty struct is not. */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'nodeSelector',
  'limits',
  'requests',
  'overhead',
  'matchLabels',
]);

/** Fields of Go's value types (not pointers) that `omitempty` drops when false or 0. */
const ZERO_DROPPED = new Set([
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'stdin',
  'stdinOnce',
  'tty',
  'hostPort',
  'initialDelaySeconds',
]);

/**
 * JSON as it comes back from the Go structs it was decoded into: nulls, empty strings, lists and maps dropped
 * (their fields are `omitempty`), and false or 0 where the field is a value type, not a pointer. Map entries
 * (labels…) are kept as they are.
 */
export function dropEmpty(value: unknown, inMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => dropEmpty(v));
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (inMap) {
      out[k] = v;
      continue;
    }
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isObj(v) && Object.keys(v).length === 0 && MAP_FIELDS.has(k)) continue;
    if ((v === false || v === 0) && ZERO_DROPPED.has(k)) continue;
    out[k] = dropEmpty(v, MAP_FIELDS.has(k));
  }
  return out;
}
