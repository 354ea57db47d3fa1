/**
 * The checks the decoders are made of: each looks at one field of a parsed JSON object, returns it typed when it
 * has the type the code reads, and throws a `DecodeError` naming the field's path when it does not. Nothing is
 * copied, and a field's path is only spelled out when it is wrong, so checking a 10,000-pod list costs little.
 */
import { DecodeError } from './decodeError.js';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** What is being decoded and from which request; every failure message names both. */
export interface Subject {
  /** With its article: `a pod`, `an event list`. */
  readonly what: string;
  /** `GET /api/v1/pods`, `watch /api/v1/pods`; undefined when the caller did not say. */
  readonly where?: string;
}

/** `a string`, `a number`, `null`, `an array`, `an object`: how a wrong value is named. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' || t === 'undefined' ? `an ${t}` : `a ${t}`;
}

/** True for a JSON object (not null, not an array). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Where a field sits: `metadata`, or a function that spells `spec.containers[2]` — called only when a check
 * fails, so a list of 10,000 pods builds no path strings.
 */
export type Path = string | (() => string);

/** `metadata.name`, or `name` at the top. */
function join(path: Path, key: string): string {
  const p = typeof path === 'string' ? path : path();
  return p === '' ? key : `${p}.${key}`;
}

/** A path below `path`, still spelled only on failure. */
export function below(path: Path, key: string): () => string {
  return () => join(path, key);
}

/**
 * Throws the `DecodeError` for a field: missing, or of the wrong type.
 * @param s what is decoded
 * @param path the field's path, e.g. `metadata.name`
 * @param value what the field holds
 * @param want the type it should have, with its article
 */
export function wrong(s: Subject, path: string, value: unknown, want: string): never {
  if (value === undefined) throw new DecodeError(s.what, `without ${path}`, s.where);
  throw new DecodeError(s.what, `whose ${path} is ${kindOf(value)}, not ${want}`, s.where);
}

/** The whole answer as an object, or `the server sent an array, not a pod (…)`. */
export function topObject(v: unknown, s: Subject): JsonObject {
  if (isObject(v)) return v;
  throw new DecodeError(kindOf(v), `where ${s.what} belongs`, s.where);
}

/** A required object field. */
export function object(o: JsonObject, key: string, s: Subject, path: Path = ''): JsonObject {
  const v = o[key];
  return isObject(v) ? v : wrong(s, join(path, key), v, 'an object');
}

/** An optional object field (absent or null is undefined, as Go's omitempty and nil pointers send it). */
export function optObject(o: JsonObject, key: string, s: Subject, path: Path = ''): JsonObject | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  return isObject(v) ? v : wrong(s, join(path, key), v, 'an object');
}

/** A required string field. */
export function string(o: JsonObject, key: string, s: Subject, path: Path = ''): string {
  const v = o[key];
  return typeof v === 'string' ? v : wrong(s, join(path, key), v, 'a string');
}

/** An optional string field. */
export function optString(o: JsonObject, key: string, s: Subject, path: Path = ''): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : wrong(s, join(path, key), v, 'a string');
}

/** An optional number field. */
export function optNumber(o: JsonObject, key: string, s: Subject, path: Path = ''): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' ? v : wrong(s, join(path, key), v, 'a number');
}

/** An optional boolean field. */
export function optBoolean(o: JsonObject, key: string, s: Subject, path: Path = ''): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'boolean' ? v : wrong(s, join(path, key), v, 'a boolean');
}

/** An optional array field (absent or null is undefined). */
export function optArray(o: JsonObject, key: string, s: Subject, path: Path = ''): unknown[] | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v : wrong(s, join(path, key), v, 'an array');
}

/**
 * Each element of an optional array field, checked to be an object and handed to `check` with its path
 * (`spec.containers[2]`) spelled out only when `check` needs it for a failure.
 */
export function eachObject(
  o: JsonObject,
  key: string,
  s: Subject,
  path: Path,
  check: (item: JsonObject, at: () => string) => void,
): void {
  const items = optArray(o, key, s, path);
  if (!items) return;
  for (let n = 0; n < items.length; n++) {
    const item = items[n];
    const at = (): string => `${join(path, key)}[${n}]`;
    if (!isObject(item)) wrong(s, at(), item, 'an object');
    check(item, at);
  }
}

/** An optional map of strings (labels, annotations): every value a string. */
export function optStringMap(
  o: JsonObject,
  key: string,
  s: Subject,
  path: Path = '',
): JsonObject | undefined {
  const m = optObject(o, key, s, path);
  if (!m) return undefined;
  for (const k in m) {
    const v = m[k];
    if (typeof v !== 'string') wrong(s, `${join(path, key)}["${k}"]`, v, 'a string');
  }
  return m;
}

/**
 * The object as the wire type it has been checked against. This is the boundary itself: the decoder that calls it
 * has checked every field the code reads, and the rest of the object is passed on as the server sent it.
 */
export function checked<T>(o: JsonObject): T {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- the one cast: the caller checked the fields read
  return o as T;
}
