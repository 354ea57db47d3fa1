/**
 * The reach view's run: started when the view shows a confirmed entry (and again for each new confirm, `run`),
 * its client pod deleted when the view goes (Esc), when a new run replaces it, and — through the exit-cleanup
 * registry — before podscope exits by any path (q, Ctrl-C, SIGTERM, SIGHUP, an exception).
 */
import type { ReachReport } from '../../domain/reach/reachReport.js';
import { ReachRun } from '../../kube/reach/reachRun.js';
import type { ReachEntry } from '../../state/views.js';
import { registerExitCleanup } from '../../terminal/exitCleanup.js';
import type { Session } from '../session.js';
import type { ExternalStore } from './useExternalStore.js';
import { useExternalStore } from './useExternalStore.js';

/** A run as an external store: start() runs it, stop() deletes its client pod; both registered for exit. */
function reachStore(session: Session, entry: ReachEntry): ExternalStore<ReachReport> {
  const { namespace, name } = entry.pod;
  const run = new ReachRun({
    kc: session.kc,
    clientKubeConfig: () => session.clientKubeConfig(),
    namespace,
    pod: name,
    port: entry.port,
    image: entry.image,
  });
  let unregister: (() => void) | undefined;
  return {
    start: () => {
      unregister = registerExitCleanup({
        leftover: `the reach probe's client pod: kubectl delete pod -n ${namespace} -l app.kubernetes.io/component=reach-client`,
        run: async () => {
          await run.dispose();
          const c = run.getSnapshot().cleanup;
          return c && !c.ok ? c.text : undefined;
        },
      });
      const done = unregister;
      void run.start().then(done);
    },
    // Esc, a new run, or the app unmounting: the client pod goes now; the registry waits for it at exit.
    stop: () => {
      const done = unregister;
      void run.dispose().then(() => done?.());
    },
    subscribe: run.subscribe,
    getSnapshot: run.getSnapshot,
  };
}

/**
 * Runs the reach probe for `entry` and returns its report as it grows.
 * @param session the cluster connection
 * @param entry the reach view's entry (a new `run` count starts a new run)
 */
export function useReachRun(session: Session, entry: ReachEntry): ReachReport {
  return useExternalStore(
    () => reachStore(session, entry),
    [session, entry.pod.namespace, entry.pod.name, entry.port, entry.image, entry.run],
  );
}
