/** The kubelet's private picture of a pod and its containers, from which the pod's status is written. */
import type { ImageProfile } from '../images.js';
import type { ContainerRun } from '../runtime.js';
import type { Scheduled } from '../store/scheduler.js';

export type ContainerRole = 'init' | 'sidecar' | 'app' | 'ephemeral';

export type SimState =
  | { kind: 'waiting'; reason: string; message?: string }
  | { kind: 'running'; since: number }
  | {
      kind: 'terminated';
      exitCode: number;
      reason: string;
      startedAt: number;
      finishedAt: number;
      signal?: number;
    };

export interface LastTermination {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ContainerSim {
  name: string;
  image: string;
  role: ContainerRole;
  profile: ImageProfile;
  hasReadinessProbe: boolean;
  state: SimState;
  ready: boolean;
  restartCount: number;
  pulled: boolean;
  /** Next CrashLoopBackOff / ImagePullBackOff delay. */
  backoffMs: number;
  runs: ContainerRun[];
  last?: LastTermination;
  timer?: Scheduled;
}

export interface PodSim {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  hostIP: string;
  podIP: string;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  startTime: number;
  containers: ContainerSim[];
  /** Index into the init containers still to finish; equal to their count when initialised. */
  initIndex: number;
  sandboxReady: boolean;
  deleting: boolean;
  gone: boolean;
  /**
   * Why the kubelet failed the pod as a whole (status.reason/message), e.g. activeDeadlineSeconds passed
   * (DeadlineExceeded); its containers do not restart after that.
   */
  failed?: { reason: string; message: string };
  /** The activeDeadlineSeconds being kept, and the timer that fails the pod when it passes. */
  deadline?: { seconds: number; timer: Scheduled };
  /** lastTransitionTime per condition type, kept stable while the condition's value doesn't change. */
  conditionTimes: Map<string, { status: string; at: number }>;
  timers: Set<Scheduled>;
}

/** The init containers of a pod, in order. */
export function initContainers(p: PodSim): ContainerSim[] {
  return p.containers.filter((c) => c.role === 'init' || c.role === 'sidecar');
}

/** The app containers of a pod, in order. */
export function appContainers(p: PodSim): ContainerSim[] {
  return p.containers.filter((c) => c.role === 'app');
}

/** Whether the pod's init phase is over. */
export function initialised(p: PodSim): boolean {
  return p.initIndex >= initContainers(p).length;
}

/** A run of `c` in `p`: its container id, restart count, start (epoch ms) and the seed its content derives from. */
export function containerRun(
  p: PodSim,
  c: ContainerSim,
  id: string,
  restart: number,
  startedAt: number,
  seed: number,
): ContainerRun {
  return {
    id,
    namespace: p.namespace,
    pod: p.name,
    podUid: p.uid,
    container: c.name,
    image: c.image,
    profile: c.profile,
    restart,
    startedAt,
    seed,
  };
}
