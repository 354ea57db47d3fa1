/**
 * The simulated kubelet of the demo's nodes: moves each pod through its life as a real kubelet would, writing
 * status and Events as it goes — sandbox, image pulls (and failed pulls with back-off), init containers in order,
 * sidecars, readiness, crashes with CrashLoopBackOff, completion, graceful termination. Pods bound to nodes it
 * does not run are left alone, so clients can write any status to them.
 */
import type { Container, Pod } from '../../domain/wire.js';
import { containerProfile } from '../commandLifecycle.js';
import { randomHex } from '../ids.js';
import type { ContainerRun, RuntimeView } from '../runtime.js';
import type { ObjectStore } from '../store/objectStore.js';
import { objectKey } from '../store/objectStore.js';
import { PODS } from '../store/resourceTypes.js';
import type { Scheduler } from '../store/scheduler.js';
import type { EventRecorder } from './eventRecorder.js';
import { Ipam } from './ipam.js';
import { buildPodStatus } from './podStatusBuilder.js';
import type { ContainerRole, ContainerSim, PodSim } from './podSim.js';
import { appContainers, containerRun, initContainers, initialised } from './podSim.js';
import { simFromStatus } from './steadySim.js';

export interface SimNode {
  name: string;
  index: number;
  ip: string;
}

/** A pod that was already running before the demo started (bulk pods): no lifecycle replay, no events. */
export interface SteadyState {
  startedAt: number;
  restarts: number;
  ready: boolean;
  /** When its containers exited 0 (a finished Job's pod); unset for a pod still running. */
  finishedAt?: number;
}

const MAX_BACKOFF_MS = 300_000;
const FIRST_BACKOFF_MS = 10_000;

let seedCounter = 1;

/** containerd's 64-hex container id. */
function containerId(): string {
  return randomHex('containerd://', 32);
}

export class Kubelet implements RuntimeView {
  private readonly pods = new Map<string, PodSim>();
  /**
   * Steady pods whose simulation is not made yet (adoptDormant): made from their status the first time something
   * needs it (steadySim.ts) — at 100,000 generated pods, a simulation each cost seconds and hundreds of MB at start.
   */
  private readonly dormant = new Set<string>();
  private readonly listeners = new Set<(run: ContainerRun) => void>();
  private readonly ipam = new Ipam();

  constructor(
    private readonly store: ObjectStore,
    private readonly scheduler: Scheduler,
    private readonly events: EventRecorder,
    readonly nodes: SimNode[],
    private readonly now: () => number = Date.now,
    private readonly seedBase = 1,
  ) {}

  /** Whether this kubelet runs `nodeName`. */
  runsNode(nodeName: string | undefined): boolean {
    return !!nodeName && this.nodes.some((n) => n.name === nodeName);
  }

  /** The simulation state of a pod, if this kubelet runs it (a dormant pod's is made now). */
  sim(namespace: string, name: string): PodSim | undefined {
    const key = objectKey(namespace, name);
    const p = this.pods.get(key);
    return p || !this.dormant.has(key) ? p : this.wake(key, namespace, name);
  }

  /** A dormant pod's simulation, made from the status it has in the store. */
  private wake(key: string, namespace: string, name: string): PodSim | undefined {
    this.dormant.delete(key);
    const pod = this.store.get(PODS, namespace, name) as Pod | undefined;
    const node = this.nodes.find((n) => n.name === pod?.spec?.nodeName);
    if (!pod || !node) return undefined;
    const base = {
      namespace,
      name,
      uid: pod.metadata?.uid ?? '',
      node: node.name,
      hostIP: node.ip,
      restartPolicy: (pod.spec?.restartPolicy as PodSim['restartPolicy']) ?? 'Always',
    };
    const p = simFromStatus(pod, base, (c, role) => this.containerSim(c, role), this.seedBase);
    this.pods.set(key, p);
    this.syncDeadline(pod);
    return p;
  }

  // RuntimeView

  runs(namespace: string, pod: string, container: string): readonly ContainerRun[] | undefined {
    return this.sim(namespace, pod)?.containers.find((c) => c.name === container)?.runs;
  }

  subscribe(listener: (run: ContainerRun) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts running a pod that was just bound to one of this kubelet's nodes. */
  adopt(pod: Pod): void {
    const p = this.newSim(pod);
    if (!p) return;
    this.write(p);
    this.later(p, 150 + Math.random() * 250, () => {
      p.sandboxReady = true;
      this.advance(p);
    });
    this.syncDeadline(pod);
  }

  /**
   * Keeps a pod's activeDeadlineSeconds as the kubelet does on every sync (pkg/kubelet/active_deadline.go,
   * pastActiveDeadline: now − status.startTime ≥ the deadline): set at create, and lowered later by an update
   * (the one change of it the API allows), after which a deadline already passed fails the pod at once.
   */
  syncDeadline(pod: Pod): void {
    const seconds = pod.spec?.activeDeadlineSeconds;
    const namespace = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    // Every pod change comes here: a dormant pod wakes only when it has a deadline to keep.
    const p = seconds === undefined ? this.pods.get(objectKey(namespace, name)) : this.sim(namespace, name);
    if (!p || p.failed || p.deleting || p.gone || seconds === p.deadline?.seconds) return;
    p.deadline?.timer.cancel();
    p.deadline = undefined;
    if (seconds === undefined || seconds <= 0) return;
    const wait = Math.max(0, p.startTime + seconds * 1000 - this.now());
    const timer = this.scheduler.after(wait, () => {
      if (!p.gone && !p.deleting && !p.failed) this.deadlineExceeded(p);
    });
    p.deadline = { seconds, timer };
  }

  /**
   * activeDeadlineSeconds passed since the pod started, as the kubelet's activeDeadlineHandler sees it
   * (pkg/kubelet/active_deadline.go): a Normal event `DeadlineExceeded` "Pod was active on the node longer than the
   * specified deadline", the pod Failed with that reason and message (kubelet.go, generateAPIPodStatus), and its
   * containers killed — none restarts. A container's process that ignores SIGTERM (PID 1 `sleep`) is killed
   * after the grace period: exit code 137, reason Error.
   */
  private deadlineExceeded(p: PodSim): void {
    const message = 'Pod was active on the node longer than the specified deadline';
    this.record(p, undefined, 'Normal', 'DeadlineExceeded', message);
    p.failed = { reason: 'DeadlineExceeded', message };
    for (const c of p.containers) {
      if (c.state.kind === 'running') this.exit(p, c, 137, 'Error');
      else c.timer?.cancel();
    }
    this.write(p);
  }

  /**
   * Builds the status of a pod that has been running since before the demo started, and takes it over.
   * Returns the status to store with the pod (the pod is not in the store yet).
   */
  adoptSteady(pod: Pod, steady: SteadyState): NonNullable<Pod['status']> {
    const p = this.newSim(pod)!;
    return this.steadyStatus(p, pod, steady);
  }

  /**
   * As adoptSteady, but the simulation is not kept: the pod is dormant until something needs it (logs, exec, a
   * status change, its deletion), and then it is made again from the status returned here (steadySim.ts).
   */
  adoptDormant(pod: Pod, steady: SteadyState): NonNullable<Pod['status']> {
    const p = this.makeSim(pod)!;
    this.dormant.add(objectKey(p.namespace, p.name));
    return this.steadyStatus(p, pod, steady);
  }

  private steadyStatus(p: PodSim, pod: Pod, steady: SteadyState): NonNullable<Pod['status']> {
    p.sandboxReady = true;
    p.startTime = steady.startedAt;
    p.initIndex = initContainers(p).length;
    for (const c of p.containers) {
      c.pulled = true;
      if (c.role === 'init') {
        this.completedRun(p, c, steady.startedAt, steady.startedAt + 2000);
        continue;
      }
      c.restartCount = c.role === 'app' ? steady.restarts : 0;
      let runStart = steady.startedAt + 3000;
      if (c.restartCount > 0) {
        const prevEnd = this.now() - 60_000 - Math.floor(Math.random() * 3_600_000);
        const prevStart = Math.max(runStart, prevEnd - 600_000);
        const prev = this.newRun(p, c, prevStart);
        prev.restart = c.restartCount - 1;
        prev.finishedAt = prevEnd;
        prev.exitCode = 1;
        prev.reason = 'Error';
        c.last = {
          exitCode: 1,
          reason: 'Error',
          startedAt: prevStart,
          finishedAt: prevEnd,
          containerID: prev.id,
        };
        runStart = prevEnd + 1000;
      }
      if (steady.finishedAt !== undefined) {
        this.completedRun(p, c, runStart, steady.finishedAt);
        continue;
      }
      this.newRun(p, c, runStart);
      c.state = { kind: 'running', since: runStart };
      c.ready = steady.ready;
    }
    return buildPodStatus(pod, p, this.now());
  }

  /** A run of a steady pod's container that exited 0 (an init container's, a finished Job pod's). */
  private completedRun(p: PodSim, c: ContainerSim, startedAt: number, finishedAt: number): void {
    const run = this.newRun(p, c, startedAt);
    run.finishedAt = finishedAt;
    run.exitCode = 0;
    run.reason = 'Completed';
    c.state = { kind: 'terminated', exitCode: 0, reason: 'Completed', startedAt, finishedAt };
  }

  /** A pod got a deletionTimestamp: stop its containers, then `onGone` after the grace period. */
  terminate(namespace: string, name: string, graceSeconds: number, onGone: () => void): void {
    const p = this.sim(namespace, name);
    if (!p) {
      this.scheduler.after(graceSeconds * 1000, onGone);
      return;
    }
    if (p.deleting) return;
    p.deleting = true;
    this.cancelTimers(p);
    const pod = this.pod(p);
    for (const c of p.containers) {
      c.timer?.cancel();
      if (c.state.kind === 'running' && pod) {
        this.events.record(
          pod,
          'Normal',
          'Killing',
          `Stopping container ${c.name}`,
          this.source(p),
          this.fieldPath(c),
        );
      }
    }
    this.scheduler.after(graceSeconds * 1000, onGone);
  }

  /** The pod left the store: its containers stop for good. */
  forget(namespace: string, name: string): void {
    const key = objectKey(namespace, name);
    // A dormant pod wakes to go: its IP is given back and its runs end as anyone's.
    const p = this.sim(namespace, name);
    if (!p) return;
    this.pods.delete(key);
    p.gone = true;
    this.cancelTimers(p);
    const node = this.nodes.find((n) => n.name === p.node);
    if (node && p.podIP !== node.ip) this.ipam.release(node.index, p.podIP);
    for (const c of p.containers) {
      c.timer?.cancel();
      const run = c.runs[c.runs.length - 1];
      if (run && run.finishedAt === undefined) {
        run.finishedAt = this.now();
        run.exitCode = 0;
        run.reason = 'Completed';
        this.notify(run);
      }
    }
  }

  /** `kill 1` in a container: its main process ends with the signal, and the restart policy applies. */
  killMain(namespace: string, name: string, container: string, signal: number): void {
    const p = this.sim(namespace, name);
    const c = p?.containers.find((x) => x.name === container);
    if (!p || !c || c.state.kind !== 'running' || p.deleting) return;
    // The process takes a moment to die: the shell that sent the signal still exits normally first.
    const run = c.runs[c.runs.length - 1];
    this.containerLater(p, c, 100, () => {
      if (c.state.kind === 'running' && c.runs[c.runs.length - 1] === run)
        this.exit(p, c, 128 + signal, 'Error', signal);
    });
  }

  /**
   * The main process of `run` exited by itself (an interactive shell's `exit`, mainProcess.ts): the container's
   * run ends with its status — Completed for 0, else Error, as the kubelet reports a container's exit — and the
   * restart policy applies.
   */
  mainExited(run: ContainerRun, exitCode: number): void {
    const p = this.sim(run.namespace, run.pod);
    const c = p?.containers.find((x) => x.name === run.container);
    if (!p || !c || p.deleting || c.state.kind !== 'running' || c.runs.at(-1) !== run) return;
    this.exit(p, c, exitCode, exitCode === 0 ? 'Completed' : 'Error');
  }

  /**
   * Starts the ephemeral containers of `pod` that are not running yet (someone patched the
   * `ephemeralcontainers` subresource): pull, create, start, as for any container; they never restart.
   */
  startEphemeral(pod: Pod): void {
    const p = this.sim(pod.metadata?.namespace ?? 'default', pod.metadata?.name ?? '');
    if (!p || p.deleting || p.gone) return;
    for (const spec of pod.spec?.ephemeralContainers ?? []) {
      if (p.containers.some((c) => c.name === spec.name)) continue;
      const c = this.containerSim(spec as Container, 'ephemeral');
      p.containers.push(c);
      this.write(p);
      this.start(p, c);
    }
  }

  /** Churn: a running app container crashes once (then restarts as usual). */
  crashOnce(namespace: string, name: string): boolean {
    const p = this.sim(namespace, name);
    const c = p && appContainers(p).find((x) => x.state.kind === 'running');
    if (!p || !c || p.deleting) return false;
    this.exit(p, c, 1, 'Error');
    return true;
  }

  /** Churn: readiness flips, as a flaky readiness probe makes it. */
  flipReady(namespace: string, name: string): boolean {
    const p = this.sim(namespace, name);
    const c = p && appContainers(p).find((x) => x.state.kind === 'running');
    if (!p || !c || p.deleting) return false;
    c.ready = !c.ready;
    this.write(p);
    return true;
  }

  /** Stops every timer. */
  close(): void {
    for (const p of this.pods.values()) {
      this.cancelTimers(p);
      for (const c of p.containers) c.timer?.cancel();
    }
  }

  // internals

  private newSim(pod: Pod): PodSim | undefined {
    const p = this.makeSim(pod);
    if (p) this.pods.set(objectKey(p.namespace, p.name), p);
    return p;
  }

  /** A new pod's simulation (its IP assigned), not yet kept. */
  private makeSim(pod: Pod): PodSim | undefined {
    const meta = pod.metadata!;
    const node = this.nodes.find((n) => n.name === pod.spec?.nodeName);
    if (!node) return undefined;
    const role = (c: Container, init: boolean): ContainerRole =>
      init ? (c.restartPolicy === 'Always' ? 'sidecar' : 'init') : 'app';
    const mk = (c: Container, init: boolean): ContainerSim => this.containerSim(c, role(c, init));
    const inits = (pod.spec?.initContainers ?? []).map((c) => mk(c, true));
    // While init containers run, app containers wait with PodInitializing; the first init waits ContainerCreating.
    if (inits[0]) inits[0].state = { kind: 'waiting', reason: 'PodInitializing' };
    const apps = (pod.spec?.containers ?? []).map((c) => {
      const s = mk(c, false);
      if (inits.length) s.state = { kind: 'waiting', reason: 'PodInitializing' };
      return s;
    });
    const p: PodSim = {
      namespace: meta.namespace ?? 'default',
      name: meta.name!,
      uid: meta.uid ?? '',
      node: node.name,
      hostIP: node.ip,
      // Host-network pods (static control-plane pods, kube-proxy) have the node's IP.
      podIP: pod.spec?.hostNetwork ? node.ip : this.ipam.allocate(node.index),
      restartPolicy: (pod.spec?.restartPolicy as PodSim['restartPolicy']) ?? 'Always',
      startTime: this.now(),
      containers: [...inits, ...apps],
      initIndex: 0,
      sandboxReady: false,
      deleting: false,
      gone: false,
      conditionTimes: new Map(),
      timers: new Set(),
    };
    return p;
  }

  private containerSim(c: Container, role: ContainerRole): ContainerSim {
    return {
      name: c.name,
      image: c.image ?? '',
      role,
      profile: containerProfile(c.image ?? '', c.command, c.args),
      hasReadinessProbe: !!c.readinessProbe,
      state: {
        kind: 'waiting',
        reason: role === 'init' || role === 'sidecar' ? 'PodInitializing' : 'ContainerCreating',
      },
      ready: false,
      restartCount: 0,
      pulled: false,
      backoffMs: FIRST_BACKOFF_MS,
      runs: [],
    };
  }

  private pod(p: PodSim): Pod | undefined {
    return this.store.get(PODS, p.namespace, p.name) as Pod | undefined;
  }

  private source(p: PodSim) {
    return { component: 'kubelet', host: p.node };
  }

  private fieldPath(c: ContainerSim): string {
    const field =
      c.role === 'app' ? 'containers' : c.role === 'ephemeral' ? 'ephemeralContainers' : 'initContainers';
    return `spec.${field}{${c.name}}`;
  }

  private record(
    p: PodSim,
    c: ContainerSim | undefined,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ) {
    const pod = this.pod(p);
    if (pod)
      this.events.record(pod, type, reason, message, this.source(p), c ? this.fieldPath(c) : undefined);
  }

  /** Writes the pod's status from its simulation state (one MODIFIED event). */
  private write(p: PodSim): void {
    if (p.gone) return;
    const pod = this.pod(p);
    if (!pod) return;
    const status = buildPodStatus(pod, p, this.now());
    this.store.update(PODS, p.namespace, p.name, (o) => {
      (o as Pod).status = status;
    });
  }

  private later(p: PodSim, ms: number, run: () => void): void {
    const t = this.scheduler.after(ms, () => {
      p.timers.delete(t);
      if (!p.gone && !p.deleting) run();
    });
    p.timers.add(t);
  }

  private containerLater(p: PodSim, c: ContainerSim, ms: number, run: () => void): void {
    c.timer?.cancel();
    c.timer = this.scheduler.after(ms, () => {
      c.timer = undefined;
      if (!p.gone && !p.deleting) run();
    });
  }

  private cancelTimers(p: PodSim): void {
    for (const t of p.timers) t.cancel();
    p.timers.clear();
    p.deadline?.timer.cancel();
  }

  /** Starts whatever should run next: the next init container, or the app containers. */
  private advance(p: PodSim): void {
    const inits = initContainers(p);
    if (!initialised(p)) {
      const c = inits[p.initIndex]!;
      if (c.state.kind === 'waiting' && !c.timer) this.start(p, c);
      else this.write(p);
      return;
    }
    for (const c of appContainers(p)) {
      if (c.state.kind === 'waiting' && c.state.reason === 'PodInitializing')
        c.state = { kind: 'waiting', reason: 'ContainerCreating' };
    }
    this.write(p);
    for (const c of appContainers(p)) {
      if (c.state.kind === 'waiting' && c.runs.length === 0 && !c.timer) this.start(p, c);
    }
  }

  private start(p: PodSim, c: ContainerSim): void {
    if (!c.profile.exists) {
      this.pullFails(p, c);
      return;
    }
    if (c.pulled) {
      this.record(p, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
      this.containerLater(p, c, 100, () => this.run(p, c));
      return;
    }
    this.record(p, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const pullMs = 300 + Math.floor(Math.random() * 900);
    this.containerLater(p, c, pullMs, () => {
      c.pulled = true;
      const secs = (pullMs / 1000).toFixed(3);
      const size = 10_000_000 + Math.floor(Math.random() * 60_000_000);
      this.record(
        p,
        c,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${size} bytes.`,
      );
      this.run(p, c);
    });
  }

  private pullFails(p: PodSim, c: ContainerSim): void {
    this.record(p, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    this.containerLater(p, c, 400 + Math.random() * 400, () => {
      const ref = c.image.includes('/')
        ? c.image
        : `docker.io/library/${c.image.includes(':') ? c.image : c.image + ':latest'}`;
      const why = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
      this.record(p, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${why}`);
      this.record(p, c, 'Warning', 'Failed', 'Error: ErrImagePull');
      c.state = { kind: 'waiting', reason: 'ErrImagePull', message: why };
      this.write(p);
      this.containerLater(p, c, 1500, () => {
        const backoff = `Back-off pulling image "${c.image}"`;
        this.record(p, c, 'Normal', 'BackOff', backoff);
        this.record(p, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        c.state = { kind: 'waiting', reason: 'ImagePullBackOff', message: backoff };
        this.write(p);
        const wait = c.backoffMs;
        c.backoffMs = Math.min(c.backoffMs * 2, MAX_BACKOFF_MS);
        this.containerLater(p, c, wait, () => this.pullFails(p, c));
      });
    });
  }

  private newRun(p: PodSim, c: ContainerSim, startedAt: number): ContainerRun {
    const seed = (this.seedBase * 1_000_003 + seedCounter++ * 7919) >>> 0;
    const run = containerRun(p, c, containerId(), c.restartCount, startedAt, seed);
    c.runs.push(run);
    // Keep the current and the previous run: that is all `logs` and `logs --previous` can reach.
    if (c.runs.length > 2) c.runs.splice(0, c.runs.length - 2);
    return run;
  }

  private run(p: PodSim, c: ContainerSim): void {
    this.record(p, c, 'Normal', 'Created', `Created container: ${c.name}`);
    this.record(p, c, 'Normal', 'Started', `Started container ${c.name}`);
    const run = this.newRun(p, c, this.now());
    c.state = { kind: 'running', since: run.startedAt };
    // Ephemeral containers are never ready: they take no part in the pod's readiness.
    c.ready = c.role !== 'init' && c.role !== 'ephemeral' && !c.hasReadinessProbe;
    if (c.role === 'sidecar') p.initIndex++;
    this.write(p);
    this.notify(run);
    if (c.role === 'sidecar') this.advance(p);
    if (c.hasReadinessProbe && c.role !== 'init') {
      this.later(p, 1500, () => {
        if (c.state.kind === 'running' && c.runs[c.runs.length - 1] === run) {
          c.ready = true;
          this.write(p);
        }
      });
    }
    const life = c.profile.lifecycle;
    if (life.kind === 'crash')
      this.containerLater(p, c, life.afterMs, () => this.exit(p, c, life.exitCode, 'Error'));
    if (life.kind === 'complete')
      this.containerLater(p, c, life.afterMs, () => this.exit(p, c, 0, 'Completed'));
  }

  private exit(p: PodSim, c: ContainerSim, exitCode: number, reason: string, signal?: number): void {
    c.timer?.cancel();
    c.timer = undefined;
    const run = c.runs[c.runs.length - 1]!;
    const now = this.now();
    run.finishedAt = now;
    run.exitCode = exitCode;
    run.reason = reason;
    c.state = {
      kind: 'terminated',
      exitCode,
      reason,
      startedAt: run.startedAt,
      finishedAt: now,
      ...(signal ? { signal } : {}),
    };
    c.ready = false;
    this.notify(run);
    const restart =
      p.failed === undefined &&
      (c.role === 'sidecar' ||
        (c.role === 'init' && exitCode !== 0 && p.restartPolicy !== 'Never') ||
        (c.role === 'app' &&
          (p.restartPolicy === 'Always' || (p.restartPolicy === 'OnFailure' && exitCode !== 0))));
    if (c.role === 'init' && exitCode === 0) {
      p.initIndex++;
      this.advance(p);
      return;
    }
    this.write(p);
    if (!restart) return;
    const ranLong = now - run.startedAt > 600_000;
    if (ranLong) c.backoffMs = FIRST_BACKOFF_MS;
    const doRestart = (): void => {
      c.last = { exitCode, reason, startedAt: run.startedAt, finishedAt: now, containerID: run.id };
      c.restartCount++;
      this.start(p, c);
    };
    if (c.restartCount === 0 || ranLong) {
      this.containerLater(p, c, 1000, doRestart);
      return;
    }
    const wait = c.backoffMs;
    c.backoffMs = Math.min(c.backoffMs * 2, MAX_BACKOFF_MS);
    c.last = { exitCode, reason, startedAt: run.startedAt, finishedAt: now, containerID: run.id };
    c.state = {
      kind: 'waiting',
      reason: 'CrashLoopBackOff',
      message: `back-off ${Math.round(wait / 1000)}s restarting failed container=${c.name} pod=${p.name}_${p.namespace}(${p.uid})`,
    };
    this.record(
      p,
      c,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${p.name}_${p.namespace}(${p.uid})`,
    );
    this.write(p);
    this.containerLater(p, c, wait, () => {
      c.restartCount++;
      this.start(p, c);
    });
  }

  private notify(run: ContainerRun): void {
    for (const l of this.listeners) l(run);
  }
}
