/** A Namespace as the namespace picker reads it: its name. */
import type { Named, Namespace } from '../../domain/wire.js';
import { decodeList, type DecodedList } from './list.js';
import { checked, object, string, topObject, type Subject } from './read.js';

/**
 * The namespace, checked to have a name.
 * @param raw a parsed Namespace
 * @param where the request it came from
 * @throws DecodeError, e.g. `the server sent a namespace without metadata.name (…)`
 */
export function decodeNamespace(raw: unknown, where?: string): Named<Namespace> {
  const s: Subject = { what: 'a namespace', where };
  const ns = topObject(raw, s);
  string(object(ns, 'metadata', s), 'name', s, 'metadata');
  return checked<Named<Namespace>>(ns);
}

/**
 * A NamespaceList page, each namespace checked.
 * @param raw the parsed body
 * @param where the request
 */
export function decodeNamespaceList(raw: unknown, where?: string): DecodedList<Named<Namespace>> {
  return decodeList(raw, 'a namespace list', decodeNamespace, where);
}
