/**
 * Writes a pod's `status` from the kubelet's picture: phase, conditions, IPs and container statuses, in the
 * shape and field order a real kubelet reports them.
 */
import type { ContainerStatus, Pod } from '../../domain/wire.js';
import { fnv1a } from '../fnv.js';
import { rfc3339 } from '../store/objectStore.js';
import { qosClass } from './podQos.js';
import type { ContainerSim, PodSim } from './podSim.js';
import { appContainers, initContainers, initialised } from './podSim.js';

const normalised = new Map<string, string>();

/** `docker.io/library/nginx:latest` for `nginx`: one string per image (100,000 pods share a few). */
export function normalisedImage(image: string): string {
  let ref = normalised.get(image);
  if (ref === undefined) {
    ref = normalise(image);
    if (normalised.size < 10_000) normalised.set(image, ref);
  }
  return ref;
}

function normalise(image: string): string {
  let ref = image;
  const first = ref.split('/')[0] ?? '';
  if (!ref.includes('/') || !(first.includes('.') || first.includes(':') || first === 'localhost')) {
    ref = 'docker.io/' + (ref.includes('/') ? ref : 'library/' + ref);
  }
  const last = ref.split('/').pop() ?? '';
  if (!last.includes(':') && !ref.includes('@')) ref += ':latest';
  return ref;
}

function digest(seed: string): string {
  let h: number | undefined;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    h = fnv1a(seed + round, h);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

const imageIDs = new Map<string, string>();

/** The image's repo digest: a pure function of its name, so worked out once per image (100,000 pods share a few). */
function imageID(image: string): string {
  let id = imageIDs.get(image);
  if (id === undefined) {
    const n = normalisedImage(image);
    id = `${n.replace(/:[^:/]+$/, '')}@sha256:${digest(n)}`;
    if (imageIDs.size < 10_000) imageIDs.set(image, id);
  }
  return id;
}

/**
 * Parts of a status that many pods have alike, one object for all (stored objects are never changed, only
 * replaced): at 100,000 pods, an object each was 10 % of the demo's heap.
 */
const NO_TERMINATION: ContainerStatus['lastState'] = {};
const hostIPsByIP = new Map<string, NonNullable<Pod['status']>['hostIPs']>();

function hostIPs(ip: string): NonNullable<Pod['status']>['hostIPs'] {
  let list = hostIPsByIP.get(ip);
  if (!list) {
    list = [{ ip }];
    if (hostIPsByIP.size < 1000) hostIPsByIP.set(ip, list);
  }
  return list;
}

function containerStatus(c: ContainerSim): ContainerStatus {
  const run = c.runs[c.runs.length - 1];
  const state: ContainerStatus['state'] =
    c.state.kind === 'waiting'
      ? { waiting: { reason: c.state.reason, ...(c.state.message ? { message: c.state.message } : {}) } }
      : c.state.kind === 'running'
        ? { running: { startedAt: rfc3339(c.state.since) } }
        : {
            terminated: {
              exitCode: c.state.exitCode,
              reason: c.state.reason,
              startedAt: rfc3339(c.state.startedAt),
              finishedAt: rfc3339(c.state.finishedAt),
              ...(run ? { containerID: run.id } : {}),
              ...(c.state.signal ? { signal: c.state.signal } : {}),
            },
          };
  const lastState: ContainerStatus['lastState'] = c.last
    ? {
        terminated: {
          exitCode: c.last.exitCode,
          reason: c.last.reason,
          startedAt: rfc3339(c.last.startedAt),
          finishedAt: rfc3339(c.last.finishedAt),
          containerID: c.last.containerID,
        },
      }
    : NO_TERMINATION;
  const pulledOnce = c.pulled || c.runs.length > 0;
  return {
    name: c.name,
    state,
    lastState,
    ready: c.ready,
    restartCount: c.restartCount,
    image: pulledOnce ? normalisedImage(c.image) : c.image,
    imageID: pulledOnce ? imageID(c.image) : '',
    ...(run && c.state.kind !== 'waiting' ? { containerID: run.id } : run ? { containerID: run.id } : {}),
    started: c.state.kind === 'running',
  };
}

function phaseOf(p: PodSim): string {
  if (p.failed) return 'Failed';
  const apps = appContainers(p);
  if (!initialised(p)) return 'Pending';
  const running = apps.some((c) => c.state.kind === 'running');
  const waiting = apps.some((c) => c.state.kind === 'waiting');
  const allTerminated = apps.every((c) => c.state.kind === 'terminated');
  if (allTerminated) {
    const restarting =
      p.restartPolicy === 'Always' ||
      (p.restartPolicy === 'OnFailure' &&
        apps.some((c) => c.state.kind === 'terminated' && c.state.exitCode !== 0));
    if (!restarting)
      return apps.every((c) => c.state.kind === 'terminated' && c.state.exitCode === 0)
        ? 'Succeeded'
        : 'Failed';
    return 'Running';
  }
  if (running || apps.some((c) => c.restartCount > 0)) return 'Running';
  if (waiting) return 'Pending';
  return 'Running';
}

/** Builds the whole status object for a pod from its simulation state. */
export function buildPodStatus(pod: Pod, p: PodSim, now: number): NonNullable<Pod['status']> {
  const phase = phaseOf(p);
  const apps = appContainers(p);
  const inits = initContainers(p);
  const sidecarsReady = inits.filter((c) => c.role === 'sidecar').every((c) => c.ready);
  const containersReady =
    phase !== 'Succeeded' && phase !== 'Failed' && apps.every((c) => c.ready) && sidecarsReady;
  const done = phase === 'Succeeded' || phase === 'Failed';
  const cond = (type: string, ok: boolean, reason?: string) => {
    const status = ok ? 'True' : 'False';
    const prev = p.conditionTimes.get(type);
    const at = prev && prev.status === status ? prev.at : now;
    p.conditionTimes.set(type, { status, at });
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: rfc3339(at),
      ...(reason && !ok ? { reason } : {}),
    };
  };
  const conditions = [
    cond('PodReadyToStartContainers', p.sandboxReady && !(done && p.restartPolicy !== 'Always')),
    cond('Initialized', initialised(p), 'ContainersNotInitialized'),
    cond('Ready', containersReady, done ? 'PodCompleted' : 'ContainersNotReady'),
    cond('ContainersReady', containersReady, done ? 'PodCompleted' : 'ContainersNotReady'),
    cond('PodScheduled', true),
  ] as unknown as NonNullable<NonNullable<Pod['status']>['conditions']>;
  // A completed pod's Initialized condition carries PodCompleted too.
  const status: NonNullable<Pod['status']> = {
    phase,
    ...(p.failed ? { reason: p.failed.reason, message: p.failed.message } : {}),
    conditions,
    hostIP: p.hostIP,
    hostIPs: hostIPs(p.hostIP),
    ...(p.sandboxReady ? { podIP: p.podIP, podIPs: [{ ip: p.podIP }] } : {}),
    startTime: rfc3339(p.startTime),
    ...(inits.length ? { initContainerStatuses: inits.map(containerStatus) } : {}),
    containerStatuses: apps.map(containerStatus),
    qosClass: pod.status?.qosClass ?? qosClass(pod),
  };
  const eph = p.containers.filter((c) => c.role === 'ephemeral');
  if (eph.length) status.ephemeralContainerStatuses = eph.map(containerStatus);
  return status;
}
