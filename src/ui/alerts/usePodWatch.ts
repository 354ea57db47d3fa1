/**
 * Feeds the pods list's store to the session's restart history and alert watch (sessionWatch.ts), and turns an
 * alert into a flash and a bell. Called once by App; the stores' own work is outside React.
 */
import { useStdout } from 'ink';
import type { Dispatch } from 'react';
import { useEffect } from 'react';
import type { PodSnapshot } from '../../kube/podSnapshot.js';
import type { UiAction } from '../../state/uiState.js';
import type { ExternalStore } from '../hooks/useExternalStore.js';
import { endWatch, watchOf } from './sessionWatch.js';

/** The terminal bell. */
export const BEL = '\x07';

/**
 * @param session the dashboard's session (its watch is kept per session)
 * @param pods the pods list's store (a new one on a namespace or selector change: a new alert baseline)
 * @param bell ring the bell with each alert flash (`--no-bell` turns it off)
 */
export function usePodWatch(
  session: Parameters<typeof watchOf>[0],
  pods: ExternalStore<PodSnapshot>,
  dispatch: Dispatch<UiAction>,
  bell: boolean,
): void {
  const { stdout } = useStdout();
  const watch = watchOf(session);
  watch.write = (sequence) => {
    stdout.write(sequence);
  };
  useEffect(() => {
    watch.alerts.onFlash = (text) => {
      dispatch({ type: 'flash', text, level: 'error', background: true });
      if (bell) watch.write(BEL);
    };
  }, [watch, dispatch, bell]);
  useEffect(() => {
    watch.alerts.reset();
    // Pods listed up to and including the store's first live snapshot were there before podscope looked: they set
    // the baseline. A pod that appears after that was created while watching.
    let listed = false;
    const look = (): void => {
      const s = pods.getSnapshot();
      watch.history.observe(s.pods);
      watch.alerts.observe(s.pods, !listed);
      if (s.sync.kind === 'live') listed = true;
    };
    look();
    return pods.subscribe(look);
  }, [watch, pods]);
  useEffect(() => () => endWatch(session), [session]);
}
