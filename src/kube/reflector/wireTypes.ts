/**
 * The objects the stores follow, taken as the wire types they are declared to be, unchecked. This is where the
 * decoders of `src/kube/decode/` plug in: each function here becomes a call to the decoder for its type (which
 * throws for a malformed object; the reflector then leaves that object out and counts it).
 */
import type { KubeEvent, Pod } from '../../domain/wire.js';

/** A pod as the API server sent it (until its decoder lands). */
export function asPod(raw: unknown): Pod {
  return raw as Pod;
}

/** An Event as the API server sent it (until its decoder lands). */
export function asEvent(raw: unknown): KubeEvent {
  return raw as KubeEvent;
}
