/** A pod's controller owner reference with its apiVersion: the first link of its owner chain. */
import type { Pod } from '../wire.js';

export interface ControllerRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/** The owner reference with `controller: true`, or undefined for a bare pod. */
export function controllerRef(pod: Pod | undefined): ControllerRef | undefined {
  const ref = pod?.metadata?.ownerReferences?.find((o) => o.controller === true);
  return ref ? { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name } : undefined;
}
