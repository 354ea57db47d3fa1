/**
 * A colour category for a pod row, k9s-style. It is derived from the STATUS that kubectl prints (so the colour
 * always agrees with the text beside it) plus the phase and READY counts where the text alone is ambiguous.
 */
import { podPrintRow } from './podStatus.js';
import type { Pod } from './wire.js';

export type PodHealth = 'healthy' | 'pending' | 'warning' | 'failed' | 'completed' | 'terminating';

/**
 * Statuses that mean the pod is on its way up and nothing has gone wrong yet. The empty string is a pod the API
 * has accepted but no controller has given a phase yet.
 */
const PENDING_STATUSES = new Set(['', 'Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated']);

/** "Init:2/3": an init container still running normally, as opposed to "Init:Error" and friends. */
const INIT_PROGRESS = /^Init:\d+\/\d+$/;

/**
 * Classifies a pod for row colouring. Rules, first match wins:
 * - Terminating: being deleted and not yet finished (the printer's "Terminating").
 * - completed: phase Succeeded, or STATUS "Completed" on a pod that has not failed.
 * - failed: phase Failed (Evicted, DeadlineExceeded, and evicted pods that print "Error" or "Completed"),
 *   "Unknown" (NodeLost), and every other STATUS not listed below: the printer only shows a waiting or
 *   terminated reason (ErrImagePull, CrashLoopBackOff, OOMKilled, Error, CreateContainerConfigError,
 *   ExitCode:N, Init:Error, Init:CrashLoopBackOff…) when a container is stuck or has died, so an unrecognised
 *   reason is treated as a problem rather than hidden.
 * - pending: Pending, ContainerCreating, PodInitializing, SchedulingGated, Init:N/M.
 * - healthy: "Running" with every container ready.
 * - warning: "Running" with some container not ready, or "NotReady".
 * @param pod the pod as it came off the wire
 * @param now the current time in epoch milliseconds (only the printed row's time columns depend on it)
 */
export function podHealth(pod: Pod, now: number): PodHealth {
  const row = podPrintRow(pod, now);
  const phase = pod.status?.phase;
  const status = row.status;

  if (status === 'Terminating') return 'terminating';
  if (phase === 'Succeeded' || (status === 'Completed' && phase !== 'Failed')) return 'completed';
  if (phase === 'Failed') return 'failed';
  if (PENDING_STATUSES.has(status) || INIT_PROGRESS.test(status)) return 'pending';
  if (status === 'NotReady') return 'warning';
  if (status === 'Running') {
    const [ready, total] = row.ready.split('/');
    return ready === total ? 'healthy' : 'warning';
  }
  return 'failed';
}
