/** The session's restart history (issue 16), live: the containers view and the restarts view read it. */
import { useSyncExternalStore } from 'react';
import type { RestartHistorySnapshot } from '../../logs/restartHistory.js';
import { watchOf } from '../alerts/sessionWatch.js';
import type { Session } from '../session.js';

export function useRestartHistory(session: Session): RestartHistorySnapshot {
  const { history } = watchOf(session);
  return useSyncExternalStore(history.subscribe, history.getSnapshot);
}
