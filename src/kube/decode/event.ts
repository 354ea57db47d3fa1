/**
 * An Event (core/v1) about a pod, checked in the fields the events table and describe's Events read (type,
 * reason, message, the counts and times, the reporting component), passed on uncopied.
 */
import type { KubeEvent, Named } from '../../domain/wire.js';
import { decodeList, type DecodedList } from './list.js';
import { checked, object, optNumber, optObject, optString, string, topObject, type Subject } from './read.js';

/**
 * The event, checked.
 * @param raw a parsed Event
 * @param where the request it came from
 * @throws DecodeError, e.g. `the server sent an event without metadata.name (…)`
 */
export function decodeEvent(raw: unknown, where?: string): Named<KubeEvent> {
  const s: Subject = { what: 'an event', where };
  const e = topObject(raw, s);
  const m = object(e, 'metadata', s);
  // The events store keys events by name: without it, two events would be one.
  string(m, 'name', s, 'metadata');
  optString(m, 'namespace', s, 'metadata');
  optString(m, 'creationTimestamp', s, 'metadata');
  for (const key of ['type', 'reason', 'message', 'firstTimestamp', 'lastTimestamp', 'eventTime'])
    optString(e, key, s);
  optString(e, 'reportingComponent', s);
  optNumber(e, 'count', s);
  const involved = optObject(e, 'involvedObject', s);
  if (involved) optString(involved, 'fieldPath', s, 'involvedObject');
  const source = optObject(e, 'source', s);
  if (source) optString(source, 'component', s, 'source');
  const series = optObject(e, 'series', s);
  if (series) {
    optNumber(series, 'count', s, 'series');
    optString(series, 'lastObservedTime', s, 'series');
  }
  return checked<Named<KubeEvent>>(e);
}

/**
 * An EventList page, each event checked.
 * @param raw the parsed body
 * @param where the request
 */
export function decodeEventList(raw: unknown, where?: string): DecodedList<Named<KubeEvent>> {
  return decodeList(raw, 'an event list', decodeEvent, where);
}
