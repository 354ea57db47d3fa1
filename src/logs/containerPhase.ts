/**
 * What a container's status says a log reader can do now: read a run's log, wait for the container to start, or
 * stop because it has finished for good; and whether previous logs exist. Pure; which container a log view opens
 * is the domain's rule (src/domain/containerChoice.ts).
 */
import { containerNames, containerStatus } from '../domain/containerChoice.js';
import type { Pod } from '../domain/wire.js';

/** Why `p` (previous logs) cannot show anything for the container, or undefined when it can. */
export function previousUnavailable(pod: Pod, container: string): string | undefined {
  const status = containerStatus(pod, container);
  if (!status) return `container ${container} has not started yet`;
  if (!status.lastState?.terminated) {
    return status.restartCount
      ? `the previous run of ${container} is no longer kept`
      : `container ${container} has not restarted: there are no previous logs`;
  }
  return undefined;
}

/** What a log reader can do with a container now. */
export type ContainerPhase =
  /** A container (by ID) whose log can be read; `running` says whether a follow will stay open. */
  | { kind: 'readable'; containerId: string; running: boolean; restartCount: number; exited?: string }
  /** Nothing to read yet: the container has never started (Pending, ContainerCreating, ImagePullBackOff…). */
  | { kind: 'waiting'; reason: string }
  /** The pod has no such container. */
  | { kind: 'absent' };

/** "exit code 1 (Error)" for a terminated state. */
function exitText(t: { exitCode?: number; reason?: string; signal?: number }): string {
  const reason = t.reason ? ` (${t.reason})` : '';
  return `exit code ${t.exitCode ?? '?'}${reason}`;
}

/**
 * One run of a container: its container ID, or — where the runtime reports none (kwok's fake kubelets; the field
 * is optional in the API) — the time the run started, which differs from one run to the next.
 */
export function runId(
  container: string,
  containerID: string | undefined,
  startedAt: string | undefined,
): string {
  return containerID || `${container}@${startedAt ?? ''}`;
}

/**
 * Which container ID the kubelet would serve logs from — the running one, else the terminated one, else the last
 * terminated one (as `validateContainerLogStatus` chooses) — or why there is nothing to read yet.
 */
export function containerPhase(pod: Pod, container: string): ContainerPhase {
  if (!containerNames(pod).includes(container)) return { kind: 'absent' };
  const status = containerStatus(pod, container);
  const restartCount = status?.restartCount ?? 0;
  const { running, terminated, waiting } = status?.state ?? {};
  if (running) {
    return {
      kind: 'readable',
      containerId: runId(container, status?.containerID, running.startedAt),
      running: true,
      restartCount,
    };
  }
  // The current run when it has ended, else the run before it: the first that left something to read.
  const ended = [terminated, status?.lastState?.terminated].find((t) => t && (t.containerID || t.startedAt));
  if (ended) {
    return {
      kind: 'readable',
      containerId: runId(container, ended.containerID, ended.startedAt),
      running: false,
      restartCount,
      exited: exitText(ended),
    };
  }
  const reason =
    waiting?.reason ??
    (pod.status?.phase === 'Pending' || !pod.status?.phase ? 'Pending' : 'ContainerCreating');
  return { kind: 'waiting', reason };
}

/** Whether a container that is not running will never run again: its pod has finished or will not restart it. */
export function finishedForGood(pod: Pod, container: string): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  if (pod.metadata?.deletionTimestamp) return true;
  const status = containerStatus(pod, container);
  const terminated = status?.state?.terminated;
  if (!terminated) return false;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const isInit = (pod.spec?.initContainers ?? []).some((c) => c.name === container);
  if (isInit) return terminated.exitCode === 0 || policy === 'Never';
  return policy === 'Never' || (policy === 'OnFailure' && terminated.exitCode === 0);
}
