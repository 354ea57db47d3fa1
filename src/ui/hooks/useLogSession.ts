/**
 * The logs view's LogSession: created for a pod's containers (and since / previous), started while the view is
 * shown, replaced when any of those change, and closed when the view goes. The view reads its buffer and its
 * snapshot; the session itself is made here, so views never reach the cluster on their own.
 */
import { LogSession, type LogSnapshot } from '../../logs/logSession.js';
import { WorkloadLogs } from '../../logs/workloadLogs.js';
import type { LogsEntry } from '../../state/views.js';
import type { Session } from '../session.js';
import { useStoreAndSnapshot } from './useExternalStore.js';

/**
 * The session for `entry`, and its latest snapshot.
 * @param session the cluster connection
 * @param entry the logs view's state (pod, containers, since, previous)
 * @param containers the containers streamed (one, or all of the pod's merged)
 * @param since the since option as text (a change starts a new session)
 */
export function useLogSession(
  session: Session,
  entry: LogsEntry,
  containers: readonly string[],
  since: string,
): { logs: LogSession; snapshot: LogSnapshot; workload: WorkloadLogs | undefined } {
  const target = entry.workload;
  const { store, snapshot } = useStoreAndSnapshot<LogSession | WorkloadLogs>(
    () =>
      target
        ? new WorkloadLogs(session.kc, { target, since: entry.since })
        : new LogSession(session.kc, {
            namespace: entry.pod.namespace,
            pod: entry.pod.name,
            containers,
            since: entry.since,
            previous: entry.previous,
          }),
    [session.kc, entry.pod.namespace, entry.pod.name, containers.join('\n'), entry.previous, since, target],
  );
  return store instanceof WorkloadLogs
    ? { logs: store.session, snapshot, workload: store }
    : { logs: store, snapshot, workload: undefined };
}
