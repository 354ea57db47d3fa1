/**
 * The kubelet's picture of a pod made again from the status it wrote (a dormant steady pod's, kubelet.ts): as a
 * restarted kubelet recovers its pods from the container runtime and the API server rather than from memory
 * (pkg/kubelet/kubelet.go, syncPod reads the pod's status and the runtime's containers). The generated pods of
 * `--pods N` get no simulation at start — 100,000 of them cost seconds and hundreds of megabytes — but this one,
 * the first time something needs it (a log, exec, a status change, a deletion); buildPodStatus of the result gives
 * the status stored, so nothing a client sees changes on waking.
 */
import type { Container, ContainerStatus, Pod } from '../../domain/wire.js';
import { fnv1a } from '../fnv.js';
import type { ContainerRun } from '../runtime.js';
import type { ContainerRole, ContainerSim, LastTermination, PodSim, SimState } from './podSim.js';
import { containerRun } from './podSim.js';

type MakeContainer = (c: Container, role: ContainerRole) => ContainerSim;

/** Epoch milliseconds of an RFC 3339 time; 0 when absent. */
const ms = (t: string | undefined): number => (t ? Date.parse(t) : 0);

function stateOf(s: ContainerStatus['state']): SimState | undefined {
  if (s?.running) return { kind: 'running', since: ms(s.running.startedAt) };
  const t = s?.terminated;
  if (t) {
    return {
      kind: 'terminated',
      exitCode: t.exitCode,
      reason: t.reason ?? '',
      startedAt: ms(t.startedAt),
      finishedAt: ms(t.finishedAt),
      ...(t.signal ? { signal: t.signal } : {}),
    };
  }
  const w = s?.waiting;
  return w
    ? { kind: 'waiting', reason: w.reason ?? '', ...(w.message ? { message: w.message } : {}) }
    : undefined;
}

function lastOf(s: ContainerStatus['lastState']): LastTermination | undefined {
  const t = s?.terminated;
  if (!t) return undefined;
  return {
    exitCode: t.exitCode,
    reason: t.reason ?? '',
    startedAt: ms(t.startedAt),
    finishedAt: ms(t.finishedAt),
    containerID: t.containerID ?? '',
  };
}

/** The container's runs the status shows: the last termination's, then the current one's; `logs` reads them. */
function runsOf(p: PodSim, c: ContainerSim, s: ContainerStatus, seedBase: number): ContainerRun[] {
  // What a run's generated content derives from: fixed by its container id, so a pod woken twice logs the same.
  const run = (id: string, restart: number, startedAt: number): ContainerRun =>
    containerRun(p, c, id, restart, startedAt, (seedBase * 1_000_003 + fnv1a(id)) >>> 0);
  const runs: ContainerRun[] = [];
  if (c.last) {
    const prev = run(c.last.containerID, Math.max(0, c.restartCount - 1), c.last.startedAt);
    prev.finishedAt = c.last.finishedAt;
    prev.exitCode = c.last.exitCode;
    prev.reason = c.last.reason;
    runs.push(prev);
  }
  if (s.containerID && c.state.kind !== 'waiting') {
    const since = c.state.kind === 'running' ? c.state.since : c.state.startedAt;
    const current = run(s.containerID, c.restartCount, since);
    if (c.state.kind === 'terminated') {
      current.finishedAt = c.state.finishedAt;
      current.exitCode = c.state.exitCode;
      current.reason = c.state.reason;
    }
    runs.push(current);
  }
  return runs;
}

/** `c` as its status entry shows it. */
function fromStatus(p: PodSim, c: ContainerSim, s: ContainerStatus | undefined, seedBase: number): void {
  if (!s) return;
  c.state = stateOf(s.state) ?? c.state;
  c.ready = s.ready;
  c.restartCount = s.restartCount;
  c.pulled = !!s.imageID;
  c.last = lastOf(s.lastState);
  c.runs = runsOf(p, c, s, seedBase);
}

/**
 * The simulation of a running pod made from its stored status (`pod.status` as buildPodStatus wrote it); `base`
 * holds what the kubelet knows without it (node, IPs assigned, the pod's identity).
 */
export function simFromStatus(
  pod: Pod,
  base: Pick<PodSim, 'namespace' | 'name' | 'uid' | 'node' | 'hostIP' | 'restartPolicy'>,
  makeContainer: MakeContainer,
  seedBase: number,
): PodSim {
  const status = pod.status ?? {};
  const p: PodSim = {
    ...base,
    podIP: status.podIP ?? '',
    startTime: ms(status.startTime),
    containers: [],
    initIndex: 0,
    sandboxReady: !!status.podIP,
    deleting: false,
    gone: false,
    ...(status.phase === 'Failed' && status.reason
      ? { failed: { reason: status.reason, message: status.message ?? '' } }
      : {}),
    conditionTimes: new Map(
      (status.conditions ?? []).map((c) => [c.type, { status: c.status, at: ms(c.lastTransitionTime) }]),
    ),
    timers: new Set(),
  };
  const byName = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  let initialising = true;
  for (const spec of pod.spec?.initContainers ?? []) {
    const c = makeContainer(spec, spec.restartPolicy === 'Always' ? 'sidecar' : 'init');
    fromStatus(p, c, byName(status.initContainerStatuses, spec.name), seedBase);
    // Init containers run in order: those done (or, for sidecars, started) are behind the pod.
    const done =
      c.role === 'sidecar' ? c.runs.length > 0 : c.state.kind === 'terminated' && c.state.exitCode === 0;
    if (initialising && done) p.initIndex++;
    else initialising = false;
    p.containers.push(c);
  }
  for (const spec of pod.spec?.containers ?? []) {
    const c = makeContainer(spec, 'app');
    fromStatus(p, c, byName(status.containerStatuses, spec.name), seedBase);
    p.containers.push(c);
  }
  for (const spec of pod.spec?.ephemeralContainers ?? []) {
    const c = makeContainer(spec as Container, 'ephemeral');
    fromStatus(p, c, byName(status.ephemeralContainerStatuses, spec.name), seedBase);
    p.containers.push(c);
  }
  return p;
}
