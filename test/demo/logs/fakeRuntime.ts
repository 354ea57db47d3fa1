/**
 * A tiny in-memory RuntimeView for the log tests, plus pod builders whose container statuses say what the runs
 * say, as the simulated kubelet keeps them. Tests only: the real one is the demo cluster's kubelet.
 */
import { imageProfile } from '../../../src/demo/images.js';
import type { ContainerRun, RuntimeView } from '../../../src/demo/runtime.js';
import type { ContainerStatus, Pod } from '../../../src/domain/wire.js';

let nextId = 1;

function containerId(): string {
  return `containerd://${(nextId++).toString(16).padStart(64, '0')}`;
}

/** What a test says about a new run; the rest is filled in. */
export interface RunSpec {
  namespace?: string;
  pod: string;
  container: string;
  image: string;
  startedAt: number;
  seed?: number;
}

/** Runs by container, with change notifications, as the kubelet would publish them. */
export class FakeRuntime implements RuntimeView {
  private readonly byContainer = new Map<string, ContainerRun[]>();
  private readonly listeners = new Set<(run: ContainerRun) => void>();

  runs(namespace: string, pod: string, container: string): readonly ContainerRun[] | undefined {
    return this.byContainer.get(`${namespace}/${pod}/${container}`);
  }

  subscribe(listener: (run: ContainerRun) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many listeners are subscribed (the log service should hold one only while something is followed). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Starts a run of a container (a new one, or a restart after the previous run finished). */
  start(spec: RunSpec): ContainerRun {
    const namespace = spec.namespace ?? 'default';
    const key = `${namespace}/${spec.pod}/${spec.container}`;
    const list = this.byContainer.get(key) ?? [];
    const run: ContainerRun = {
      id: containerId(),
      namespace,
      pod: spec.pod,
      podUid: `uid-${spec.pod}`,
      container: spec.container,
      image: spec.image,
      profile: imageProfile(spec.image),
      restart: list.length,
      startedAt: spec.startedAt,
      seed: spec.seed ?? 42 + list.length,
    };
    this.byContainer.set(key, [...list, run]);
    this.emit(run);
    return run;
  }

  /** Finishes a run (replacing it with a finished copy, as an immutable store would) and notifies. */
  finish(
    run: ContainerRun,
    finishedAt: number,
    exitCode = 0,
    reason = exitCode === 0 ? 'Completed' : 'Error',
  ): ContainerRun {
    const key = `${run.namespace}/${run.pod}/${run.container}`;
    const done: ContainerRun = { ...run, finishedAt, exitCode, reason };
    this.byContainer.set(
      key,
      (this.byContainer.get(key) ?? []).map((r) => (r.id === run.id ? done : r)),
    );
    this.emit(done);
    return done;
  }

  private emit(run: ContainerRun): void {
    for (const l of [...this.listeners]) l(run);
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A container status as the kubelet writes it for these runs: the last run is the current state (running, or
 * terminated when `waiting` is not given), the one before is lastState; `waiting` makes the container wait
 * (ContainerCreating, ImagePullBackOff, CrashLoopBackOff…) with the last run as lastState.
 */
export function statusOf(name: string, runs: readonly ContainerRun[], waiting?: string): ContainerStatus {
  const terminated = (r: ContainerRun) => ({
    terminated: {
      containerID: r.id,
      exitCode: r.exitCode ?? 0,
      reason: r.reason ?? 'Completed',
      startedAt: iso(r.startedAt),
      finishedAt: iso(r.finishedAt ?? r.startedAt),
    },
  });
  const last = runs[runs.length - 1];
  const base = {
    name,
    image: last?.image ?? 'nginx',
    imageID: '',
    ready: false,
    restartCount: Math.max(0, runs.length - 1),
  };
  if (waiting !== undefined || !last) {
    return {
      ...base,
      state: { waiting: { reason: waiting ?? 'ContainerCreating' } },
      lastState: last ? terminated(last) : {},
    };
  }
  const before = runs[runs.length - 2];
  return {
    ...base,
    containerID: last.id,
    ready: last.finishedAt === undefined,
    state: last.finishedAt === undefined ? { running: { startedAt: iso(last.startedAt) } } : terminated(last),
    lastState: before ? terminated(before) : {},
  };
}

/** A pod with these containers (and init containers), scheduled unless `nodeName` is ''. */
export function podOf(options: {
  name: string;
  namespace?: string;
  containers: string[];
  initContainers?: string[];
  statuses?: ContainerStatus[];
  initStatuses?: ContainerStatus[];
  nodeName?: string;
}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: options.name, namespace: options.namespace ?? 'default', uid: `uid-${options.name}` },
    spec: {
      ...(options.nodeName === '' ? {} : { nodeName: options.nodeName ?? 'demo-worker' }),
      containers: options.containers.map((name) => ({ name, image: 'nginx' })),
      ...(options.initContainers
        ? { initContainers: options.initContainers.map((name) => ({ name, image: 'busybox' })) }
        : {}),
    },
    status: {
      phase: 'Running',
      containerStatuses: options.statuses ?? [],
      ...(options.initStatuses ? { initContainerStatuses: options.initStatuses } : {}),
    },
  };
}
