/**
 * The ports view's read of the pod's listening sockets (src/kube/shell/readListeners.ts, through exec): once when
 * the view opens and again each time `reads` changes (`r`, or a debug container just added). The last result
 * stays shown while the next read runs; a read still running when the view goes is cancelled.
 */
import { useEffect, useState } from 'react';
import type { ListenersRead } from '../../domain/ports/listenersRead.js';
import { readListeners } from '../../kube/shell/readListeners.js';
import type { PodRef } from '../../state/views.js';
import type { Session } from '../session.js';

/** The last read (undefined until the first ends), and whether one is under way. */
export interface PortsReadState {
  readonly read: ListenersRead | undefined;
  readonly reading: boolean;
}

export function usePortsRead(
  session: Session,
  pod: PodRef,
  container: string | undefined,
  reads: number,
): PortsReadState {
  const [state, setState] = useState<PortsReadState>({ read: undefined, reading: true });
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => (s.reading ? s : { ...s, reading: true }));
    void (async () => {
      let read: ListenersRead;
      try {
        const kc = await session.clientKubeConfig();
        read = await readListeners({
          kc,
          namespace: pod.namespace,
          pod: pod.name,
          preferred: container,
          signal: abort.signal,
        });
      } catch (e) {
        // Only loading client-node can throw here: readListeners itself never rejects.
        read = { kind: 'failed', reason: e instanceof Error ? e.message : String(e) };
      }
      if (!abort.signal.aborted) setState({ read, reading: false });
    })();
    return () => abort.abort();
  }, [session, pod.namespace, pod.name, container, reads]);
  return state;
}
