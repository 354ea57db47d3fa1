/** The pod actions for the session's cluster (see actions.ts). */
import { useMemo } from 'react';
import type { PodActions } from './actions.js';
import type { Session } from './session.js';

export function usePodActions(session: Session): PodActions {
  return useMemo<PodActions>(
    () => ({
      deletePods: () => Promise.resolve({ text: 'not wired yet', ok: false }),
      startForward: () => Promise.resolve({ ok: false, error: 'not wired yet' }),
      suggestLocalPort: (port) => Promise.resolve(port),
      shell: () => Promise.resolve({ text: 'not wired yet', ok: false }),
    }),
    [session],
  );
}
