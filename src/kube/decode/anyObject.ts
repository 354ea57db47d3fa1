/** Any Kubernetes object, as server-side apply reads it back: its name and resourceVersion, the rest as sent. */
import { object, optString, string, topObject, type Subject } from './read.js';

/** The fields of an object that applying it reads; `object` is the whole object, unchanged. */
export interface AnyObject {
  readonly name: string;
  readonly resourceVersion: string | undefined;
  readonly object: Readonly<Record<string, unknown>>;
}

/**
 * The object, checked to have metadata.name.
 * @param raw a parsed object of any kind
 * @param where the request it came from
 * @throws DecodeError, e.g. `the server sent an object without metadata.name (PATCH …)`
 */
export function decodeAnyObject(raw: unknown, where?: string): AnyObject {
  const s: Subject = { what: 'an object', where };
  const o = topObject(raw, s);
  const metadata = object(o, 'metadata', s);
  return {
    name: string(metadata, 'name', s, 'metadata'),
    resourceVersion: optString(metadata, 'resourceVersion', s, 'metadata'),
    object: o,
  };
}
