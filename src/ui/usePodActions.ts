/** The pod actions for the session's cluster (see actions.ts), over the port-forward registry and the API. */
import { useMemo } from 'react';
import type { PortForwardRegistry } from '../kube/portForward/index.js';
import { probeHttp, suggestLocalPort } from '../kube/portForward/index.js';
import type { PodActions } from './actions.js';
import type { Session } from './session.js';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function usePodActions(session: Session, forwards: PortForwardRegistry): PodActions {
  return useMemo<PodActions>(
    () => ({
      deletePods: () => Promise.resolve({ text: 'not wired yet', ok: false }),
      startForward: async (r) => {
        try {
          const f = await forwards.start({
            namespace: r.pod.namespace,
            pod: r.pod.name,
            ...(r.container ? { container: r.container } : {}),
            remotePort: r.remotePort,
            localPort: r.localPort,
            address: r.address,
          });
          return { ok: true, url: f.url };
        } catch (e) {
          return { ok: false, error: message(e) };
        }
      },
      suggestLocalPort: (port, address) => suggestLocalPort(port, address),
      stopForward: async (id) => void (await forwards.stop(id)),
      stopAllForwards: () => forwards.stopAll(),
      probeForward: async (url) => {
        try {
          const p = await probeHttp(url);
          const body = p.firstBytes.replace(/\r/g, '').split('\n').slice(0, 8);
          return [`GET ${url} → ${p.statusLine}`, ...body];
        } catch (e) {
          return [message(e)];
        }
      },
      shell: () => Promise.resolve({ text: 'not wired yet', ok: false }),
    }),
    [session, forwards],
  );
}
