/**
 * One pod's full object and its events, live, for the inspect views and the "why isn't it running" line. The
 * stores start when created and close when the pod (or the session) changes or the view goes.
 */
import { PodDetailStore, type PodDetailSnapshot } from '../../kube/podDetail.js';
import { PodEventsStore, type PodEventsSnapshot } from '../../kube/podEventsStore.js';
import type { PodRef } from '../../state/views.js';
import type { Session } from '../session.js';
import type { ExternalStore } from './useExternalStore.js';
import { useExternalStore } from './useExternalStore.js';

interface Closable<S> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
  close(): void;
}

/** The inspect stores start when made; the hook's contract is start/stop. */
function adapt<S>(store: Closable<S>): ExternalStore<S> {
  return {
    start: () => undefined,
    stop: () => store.close(),
    subscribe: (l) => store.subscribe(l),
    getSnapshot: () => store.getSnapshot(),
  };
}

const IDLE_DETAIL: PodDetailSnapshot = { deleted: false, state: { kind: 'connecting' }, version: 0 };
const IDLE_EVENTS: PodEventsSnapshot = { events: [], state: { kind: 'connecting' }, version: 0 };

function idle<S>(snapshot: S): ExternalStore<S> {
  return {
    start: () => undefined,
    stop: () => undefined,
    subscribe: () => () => undefined,
    getSnapshot: () => snapshot,
  };
}

export function usePodDetail(session: Session, pod: PodRef | undefined): PodDetailSnapshot {
  return useExternalStore(
    () => (pod ? adapt(new PodDetailStore(session.kc, pod.namespace, pod.name)) : idle(IDLE_DETAIL)),
    [session.kc, pod?.namespace, pod?.name],
  );
}

export function usePodEvents(session: Session, pod: PodRef | undefined): PodEventsSnapshot {
  return useExternalStore(
    () =>
      pod
        ? adapt(new PodEventsStore(session.kc, { namespace: pod.namespace, name: pod.name }))
        : idle(IDLE_EVENTS),
    [session.kc, pod?.namespace, pod?.name],
  );
}
