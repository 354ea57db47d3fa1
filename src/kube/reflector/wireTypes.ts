/**
 * The decoders the stores' reflectors use: the objects the stores follow, checked at the boundary by
 * `src/kube/decode/` (which throws a DecodeError naming the field for a malformed object; the reflector then leaves
 * that object out, counts it in `skipped` and writes the decoder's line to the --debug log).
 */
import type { KubeEvent, Pod } from '../../domain/wire.js';
import { decodeEvent } from '../decode/event.js';
import { decodePod } from '../decode/pod.js';

/** A pod from a list page or a watch event, checked. */
export function asPod(raw: unknown): Pod {
  return decodePod(raw);
}

/** An Event from a list page or a watch event, checked. */
export function asEvent(raw: unknown): KubeEvent {
  return decodeEvent(raw);
}
