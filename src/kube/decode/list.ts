/**
 * A List (`PodList`, `EventList`, `NamespaceList`…) as the code reads it: its items, each decoded, and the list
 * metadata that paging and watching resume from. A Status in place of the list — what a proxy or an aggregated
 * API may answer with 200 — is named as such, not as a list without items.
 */
import { DecodeError } from './decodeError.js';
import { optNumber, optObject, optString, topObject, wrong, type Subject } from './read.js';
import { statusInstead, statusWords } from './status.js';

/** A decoded list page. */
export interface DecodedList<T> {
  readonly items: T[];
  /** `metadata.resourceVersion`: where a watch starts. */
  readonly resourceVersion?: string;
  /** `metadata.continue`: the next page's token, when there is one. */
  readonly continue?: string;
  /** `metadata.remainingItemCount`: how many items the next pages hold, when the server says. */
  readonly remainingItemCount?: number;
}

/** Decodes one item; `where` names the request in its failure. */
export type ItemDecoder<T> = (raw: unknown, where?: string) => T;

/**
 * Decodes a list and each of its items.
 * @param raw the parsed body
 * @param what the list with its article, e.g. `a pod list`
 * @param item the item decoder, e.g. `decodePod`
 * @param where the request, e.g. `GET /api/v1/pods`
 */
export function decodeList<T>(
  raw: unknown,
  what: string,
  item: ItemDecoder<T>,
  where?: string,
): DecodedList<T> {
  const s: Subject = { what, where };
  const status = statusInstead(raw);
  if (status) throw new DecodeError(`a Status (${statusWords(status)})`, `instead of ${what}`, where);
  const list = topObject(raw, s);
  const rawItems = list['items'];
  // Go encodes an empty slice of a list as `null` only in hand-written servers; kube-apiserver sends [].
  const items = rawItems === null || rawItems === undefined ? [] : rawItems;
  if (!Array.isArray(items)) wrong(s, 'items', items, 'an array');
  const meta = optObject(list, 'metadata', s);
  const out: T[] = new Array<T>(items.length);
  for (let n = 0; n < items.length; n++) out[n] = item(items[n], where);
  return {
    items: out,
    resourceVersion: meta && optString(meta, 'resourceVersion', s, 'metadata'),
    continue: meta && (optString(meta, 'continue', s, 'metadata') || undefined),
    remainingItemCount: meta && optNumber(meta, 'remainingItemCount', s, 'metadata'),
  };
}
