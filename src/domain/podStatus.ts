/**
 * The columns of `kubectl get pods -o wide`, re-expressed from Kubernetes' table printer
 * (pkg/printers/internalversion/printers.go, `printPod`, as of the sidecar-aware 1.29+ version that 1.32 ships).
 * The API server runs that printer for kubectl, so the branch order below is kept exactly as upstream: later
 * branches overwrite `reason`, and which one wins is the whole point.
 *
 * The printer is the same from 1.29 to 1.34. 1.35 added one rule (a failed container's reason replaces
 * "Completed", see `summarize`; unchanged through 1.37). The API server that prints kubectl's table decides which
 * rules apply, so unless a caller names a release, the rules of the server podscope is connected to are followed
 * (`printerMinor`, src/domain/printerVersion.ts: learnt from GET /version at connect; the newest when unknown).
 * Kubernetes' own cases for this printer are test/fixtures/pods/printers_test/.
 */
import { age, humanDuration, parseTimestamp } from './duration.js';
import { printerMinor } from './printerVersion.js';
import type { Container, ContainerStatus, Pod } from './wire.js';

/** The first minor version whose printer lets a failed container's reason replace "Completed" (kubernetes#124766). */
const ERROR_OVER_COMPLETED_MINOR = 35;

type PodConditions = NonNullable<NonNullable<Pod['status']>['conditions']>;

/** What one pass of the printer works out; the exported functions each show a part of it. */
interface PodSummary {
  readyContainers: number;
  totalContainers: number;
  reason: string;
  restarts: number;
  /** Latest lastState.terminated.finishedAt among the containers counted, epoch ms. */
  lastRestart: number | undefined;
}

/** An init container with restartPolicy Always is a sidecar: it keeps running, so kubectl counts it like an app container. */
function isRestartableInitContainer(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** Only the first Initialized condition counts, as upstream's loop returns on the first match. */
function isPodInitialized(conditions: PodConditions): boolean {
  const initialized = conditions.find((c) => c.type === 'Initialized');
  return initialized?.status === 'True';
}

function hasPodReadyCondition(conditions: PodConditions): boolean {
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function isPodPhaseTerminal(phase: string | undefined): boolean {
  return phase === 'Failed' || phase === 'Succeeded';
}

/** Go's `lastRestartDate.Before(&finishedAt)`: a missing finishedAt is the zero time and never wins. */
function laterRestart(current: number | undefined, status: ContainerStatus): number | undefined {
  const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
  if (finished === undefined) return current;
  return current === undefined || finished > current ? finished : current;
}

/**
 * A terminated state's exit code as Go reads it: the JSON field is required, but Go decodes a missing one as 0,
 * so `terminated: {}` is a clean exit (an init container that has finished), not an unknown one.
 */
function exitCode(terminated: { exitCode?: number }): number {
  return terminated.exitCode ?? 0;
}

/** The STATUS a failed or unfinished init container gives the pod while it blocks initialisation. */
function blockingInitReason(status: ContainerStatus, index: number, initCount: number): string {
  const terminated = status.state?.terminated;
  const waiting = status.state?.waiting;
  if (terminated) {
    if (terminated.reason) return `Init:${terminated.reason}`;
    return terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${exitCode(terminated)}`;
  }
  if (waiting?.reason && waiting.reason !== 'PodInitializing') return `Init:${waiting.reason}`;
  return `Init:${index}/${initCount}`;
}

/**
 * The single pass over the pod that `printPod` makes; see the file comment for why order matters.
 * @param minor the Kubernetes minor version whose printer to follow
 */
function summarize(pod: Pod, minor: number): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  const initSpecs = spec?.initContainers ?? [];

  let reason = status.reason || status.phase || '';
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initByName = new Map(initSpecs.map((c) => [c.name, c]));
  const totalContainers =
    (spec?.containers ?? []).length + initSpecs.filter(isRestartableInitContainer).length;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  let sidecarRestarts = 0;
  let lastSidecarRestart: number | undefined;

  // Upstream stops at the first init container still blocking, so later ones add no restarts or readiness.
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [index, container] of initStatuses.entries()) {
    const restartable = isRestartableInitContainer(initByName.get(container.name));
    restarts += container.restartCount ?? 0;
    lastRestart = laterRestart(lastRestart, container);
    if (restartable) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestart = laterRestart(lastSidecarRestart, container);
    }
    const initTerminated = container.state?.terminated;
    if (initTerminated && exitCode(initTerminated) === 0) continue;
    // A started sidecar has done its part in the init sequence even though it never exits.
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    reason = blockingInitReason(container, index, initSpecs.length);
    initializing = true;
    break;
  }

  if (!initializing || isPodInitialized(conditions)) {
    // Once initialised, finished init containers' restarts no longer matter; sidecars' still do.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    // 1.35+: the reason of the first container (in spec order) that exited non-zero, kept aside.
    let errorReason = '';
    const statuses = status.containerStatuses ?? [];
    // Walked backwards so that the first container's reason is the one left standing.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts += container.restartCount ?? 0;
      lastRestart = laterRestart(lastRestart, container);
      const { waiting, terminated, running } = container.state ?? {};
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated) {
        if (terminated.reason) reason = terminated.reason;
        else if (terminated.signal) reason = `Signal:${terminated.signal}`;
        else reason = `ExitCode:${exitCode(terminated)}`;
        if (minor >= ERROR_OVER_COMPLETED_MINOR && exitCode(terminated) !== 0) errorReason = reason;
      } else if (container.ready && running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // "Completed" is the first container's clean exit, which must hide neither containers still serving (Running
    // when the pod is Ready, else NotReady) nor, from 1.35, a later container that failed (its reason instead;
    // before 1.35 a pod of [Completed, Error] prints Completed).
    if (reason === 'Completed') {
      if (hasRunning && hasPodReadyCondition(conditions)) reason = 'Running';
      else if (errorReason) reason = errorReason;
      else if (hasRunning) reason = 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp && !isPodPhaseTerminal(status.phase)) {
    reason = 'Terminating';
  }

  return { readyContainers, totalContainers, reason, restarts, lastRestart };
}

/**
 * The STATUS column of `kubectl get pods`: phase or reason, Init:N/M, Init:<reason>, waiting/terminated
 * reasons, Signal:N / ExitCode:N, NotReady, SchedulingGated, Terminating, Unknown (NodeLost).
 * @param pod the pod as it came off the wire
 * @param minor the Kubernetes minor version whose printer to follow (default: the connected server's; 1.35+ differs, see the file comment)
 */
export function podStatusReason(pod: Pod, minor = printerMinor()): string {
  return summarize(pod, minor).reason;
}

/**
 * The RESTARTS column: "0", "5", or "5 (3m ago)" when the latest restart time is known.
 * @param pod the pod as it came off the wire
 * @param now the current time in epoch milliseconds
 */
export function podRestarts(pod: Pod, now: number): string {
  return formatRestarts(summarize(pod, printerMinor()), now);
}

function formatRestarts({ restarts, lastRestart }: PodSummary, now: number): string {
  return restartsText(restarts, lastRestart, now);
}

/**
 * A restart count as the RESTARTS column words it: "0", "5", or "5 (3m ago)" when the latest restart is known.
 * @param restarts how many restarts
 * @param lastRestart when the latest one happened (a terminated state's finishedAt), epoch ms
 * @param now the current time in epoch milliseconds
 */
export function restartsText(restarts: number, lastRestart: number | undefined, now: number): string {
  if (restarts === 0 || lastRestart === undefined) return String(restarts);
  return `${restarts} (${humanDuration(now - lastRestart)} ago)`;
}

/**
 * The IP column. The printer reads the internal type's PodIPs[0]; converting from v1 puts status.podIP there
 * whenever it is set, so prefer it and fall back to podIPs for objects that carry only the list.
 */
function podIP(pod: Pod): string {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || '<none>';
}

/** READINESS GATES: for each gate, the first condition of its type decides whether it counts as true. */
function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const passed = gates.filter(
    (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True',
  ).length;
  return `${passed}/${gates.length}`;
}

/** One row of `kubectl get pods -o wide`, every cell already formatted as kubectl prints it. */
export interface PodPrintRow {
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
}

/**
 * Every `-o wide` column for one pod, computed in a single pass.
 * @param pod the pod as it came off the wire
 * @param now the current time in epoch milliseconds
 * @param minor the Kubernetes minor version whose printer to follow (default: the connected server's; 1.35+ differs, see the file comment)
 */
export function podPrintRow(pod: Pod, now: number, minor = printerMinor()): PodPrintRow {
  const summary = summarize(pod, minor);
  return {
    name: pod.metadata?.name ?? '',
    ready: `${summary.readyContainers}/${summary.totalContainers}`,
    status: summary.reason,
    restarts: formatRestarts(summary, now),
    age: age(pod.metadata?.creationTimestamp, now),
    ip: podIP(pod),
    node: pod.spec?.nodeName || '<none>',
    nominatedNode: pod.status?.nominatedNodeName || '<none>',
    readinessGates: readinessGates(pod),
  };
}

/** A condition on a meta.k8s.io/v1 Table row. */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

const POD_SUCCEEDED_ROW: readonly TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const POD_FAILED_ROW: readonly TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

/**
 * The conditions `printPod` puts on a pod's Table row (`podSuccessConditions` / `podFailedConditions`): a
 * Completed condition whose reason is the phase, for a pod in phase Succeeded or Failed only. They follow the
 * phase alone, whatever the STATUS cell says (a Succeeded pod whose status reads "Completed" still has reason
 * Succeeded here); undefined for any other pod, whose row has no `conditions`.
 * @param pod the pod as it came off the wire
 */
export function podTableRowConditions(pod: Pod): TableRowCondition[] | undefined {
  switch (pod.status?.phase) {
    case 'Succeeded':
      return POD_SUCCEEDED_ROW.map((c) => ({ ...c }));
    case 'Failed':
      return POD_FAILED_ROW.map((c) => ({ ...c }));
    default:
      return undefined;
  }
}
