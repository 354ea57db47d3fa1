/**
 * What the dashboard keeps per session beside the pods list (issue 16): the restart history, the alert watch,
 * and the terminal's output stream (Ink's stdout) for the bell and the clipboard. One per `Session` (a context
 * switch makes a new session, and a new history), found by the views and the key handlers through `watchOf`.
 */
import type { KubeConfigLike } from '../../kube/plainKubeConfig.js';
import { RestartHistory } from '../../logs/restartHistory.js';
import { AlertWatch } from './alertWatch.js';

export interface SessionWatch {
  readonly history: RestartHistory;
  readonly alerts: AlertWatch;
  /**
   * Writes to the stream Ink renders to, between frames. Only sequences that print nothing and move no cursor
   * (BEL, OSC 52) go here, so Ink's picture of the screen stays right and no repaint is needed.
   */
  write: (sequence: string) => void;
}

const watches = new WeakMap<object, SessionWatch>();

/** The session's watch, made on first use. */
export function watchOf(session: { kc: KubeConfigLike }): SessionWatch {
  let watch = watches.get(session);
  if (!watch) {
    watch = { history: new RestartHistory(session.kc), alerts: new AlertWatch(), write: () => {} };
    watches.set(session, watch);
  }
  return watch;
}

/** Stops the session's watch (its fetches and timers) and forgets it: the next `watchOf` starts afresh. */
export function endWatch(session: object): void {
  const watch = watches.get(session);
  watch?.history.stop();
  watch?.alerts.stop();
  watches.delete(session);
}
