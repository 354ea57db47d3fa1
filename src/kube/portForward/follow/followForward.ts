/**
 * A port-forward that follows a Service or a workload (issue 16): a bound local port whose every new
 * connection goes to a Ready pod behind it. The pods are watched (`PodSet`); when the pod connections go to stops
 * being Ready, starts terminating or goes, the next connections go to another Ready pod as soon as the watch says
 * so, and a stream that cannot open on a pod the watch still shows (it went between two events) is retried once
 * on another. With no Ready pod the forward is `waiting` and says why. Unlike `kubectl port-forward
 * service/NAME`, which picks one pod at start and ends with it, the forward outlives every pod. As for the
 * one-pod forward (forward.ts), it is never called active unless a check stream to its pod succeeded; its local
 * side and its state are the ones that forward uses (localConnections.ts, forwardStatus.ts). Pods are told apart
 * by uid: the pod a StatefulSet recreates under the same name is a switch like any other.
 */
import type { Server, Socket } from 'node:net';
import { choosePod } from '../../../domain/followForward.js';
import { forwardUrl } from '../../../domain/portForwardInput.js';
import type { ForwardInfo } from '../../../domain/portForwardView.js';
import type { Pod } from '../../../domain/wire.js';
import { debug } from '../../../debugLog.js';
import { errorMessage } from '../../errors.js';
import type { KubeConfigLike } from '../../plainKubeConfig.js';
import { checkStream } from '../checkStream.js';
import { ForwardStatus } from '../forwardStatus.js';
import { LocalConnections, type ChosenStream } from '../localConnections.js';
import { openForwardStream } from '../openStream.js';
import { PodSet } from './podSet.js';
import type { FollowTarget } from './resolveTarget.js';

/** How long a pod whose stream would not open is passed over, unless the watch shows it changed. */
const AVOID_MS = 5_000;
/** How long `begin` waits for the first list of pods. */
const FIRST_LIST_MS = 10_000;

/**
 * Which pod this is: its uid, so that the pod a StatefulSet recreates under the same name is another pod (a
 * switch, checked before it is called active); the name where a pod has no uid.
 */
function podId(pod: Pod | undefined): string | undefined {
  return pod?.metadata?.uid ?? pod?.metadata?.name;
}

export class FollowForward {
  readonly id: string;
  readonly address: string;
  readonly localPort: number;
  readonly startedAt = Date.now();
  readonly #pods: PodSet;
  #current: Pod | undefined;
  /** The pod (its {@link podId}) connections last went to, to count a move to another as a switch. */
  #lastPod: string | undefined;
  #switches = 0;
  #checking = false;
  #attempt = 0;
  /** Pod id → until when (epoch ms) it is passed over, and the resourceVersion it had then. */
  readonly #avoid = new Map<string, { until: number; version: string | undefined }>();
  readonly #status: ForwardStatus;
  readonly #local: LocalConnections;
  readonly #abort = new AbortController();

  /**
   * @param server the local listener, already bound (the forward owns it from now on)
   * @param onChange called after anything shown changes
   */
  constructor(
    private readonly kc: KubeConfigLike,
    id: string,
    readonly target: FollowTarget,
    address: string,
    server: Server,
    onChange: () => void,
  ) {
    this.id = id;
    this.address = address;
    this.#status = new ForwardStatus(
      { kind: 'reconnecting', reason: 'listing the pods', attempt: 1 },
      onChange,
    );
    this.#local = new LocalConnections(
      server,
      { accepting: () => true, open: (socket) => this.#open(socket, 2) },
      this.#status.changed,
    );
    this.localPort = this.#local.localPort;
    this.#pods = new PodSet(kc, target.namespace, target.selector, () => this.#onPods());
  }

  /**
   * Starts following the pods and waits for their first list (rejecting with one line if it cannot be had in
   * time); the forward is then active, waiting for a Ready pod, or failed with the check's reason.
   */
  async begin(): Promise<void> {
    void this.#pods.run(this.#abort.signal);
    const deadline = Date.now() + FIRST_LIST_MS;
    while (!this.#pods.listed) {
      if (this.#status.stopped) return;
      if (Date.now() > deadline)
        throw new Error(
          this.#pods.lastError ?? `the pods of ${this.target.label} could not be listed in time`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The forward as the list shows it; the same object until something changes. */
  info(): ForwardInfo {
    return this.#status.info((state) => ({
      id: this.id,
      namespace: this.target.namespace,
      pod: this.#current?.metadata?.name ?? '',
      address: this.address,
      localPort: this.localPort,
      remotePort: this.#currentPort() ?? this.target.remotePort ?? 0,
      url: forwardUrl(this.address, this.localPort),
      state,
      connections: this.#local.count,
      bytesFromPod: this.#local.traffic.fromPodBytes,
      bytesToPod: this.#local.traffic.toPodBytes,
      startedAt: this.startedAt,
      follow: { target: this.target.label, switches: this.#switches },
    }));
  }

  /** Closes the listener and every connection, and stops watching; resolves when the port is free again. */
  stop(): Promise<void> {
    if (!this.#status.stopped) {
      this.#status.stop();
      this.#abort.abort();
    }
    return this.#local.close();
  }

  #currentPort(): number | undefined {
    if (!this.#current) return undefined;
    const answer = this.target.portFor(this.#current);
    return 'port' in answer ? answer.port : undefined;
  }

  /** The pods that may take a connection now: those not passed over after a failed stream. */
  #candidates(): Pod[] {
    const now = Date.now();
    return [...this.#pods.pods()].filter((p) => {
      const id = podId(p) ?? '';
      const a = this.#avoid.get(id);
      if (!a) return true;
      // A new version of the pod (it became Ready again…) or the end of the wait lifts it.
      if (a.until < now || a.version !== p.metadata?.resourceVersion) {
        this.#avoid.delete(id);
        return true;
      }
      return false;
    });
  }

  /** Chooses the pod new connections go to; a change of pod is a switch, checked before it is called active. */
  #choose(): void {
    if (this.#status.stopped) return;
    const next = choosePod(this.#candidates(), this.#current?.metadata?.name);
    const id = podId(next);
    const same = id !== undefined && id === podId(this.#current);
    this.#current = next;
    if (same) return this.#status.changed();
    this.#status.cancelRetry();
    if (!next || id === undefined) {
      const why = this.#pods.lastError ? ` (${this.#pods.lastError})` : '';
      return this.#status.set({ kind: 'waiting', reason: `no ready pod behind ${this.target.label}${why}` });
    }
    if (this.#lastPod !== undefined && this.#lastPod !== id) this.#switches++;
    this.#lastPod = id;
    this.#attempt = 0;
    this.#status.set({ kind: 'reconnecting', reason: `checking ${next.metadata?.name ?? ''}`, attempt: 1 });
    void this.#check();
  }

  #onPods(): void {
    if (this.#pods.listed) this.#choose();
  }

  /** Passes over a pod whose stream failed (the watch may not have said yet that it went) and chooses again. */
  #avoidPod(pod: Pod): void {
    this.#avoid.set(podId(pod) ?? '', {
      until: Date.now() + AVOID_MS,
      version: pod.metadata?.resourceVersion,
    });
    this.#choose();
  }

  async #check(): Promise<void> {
    const pod = this.#current;
    if (this.#checking || this.#status.stopped || !pod) return;
    const id = podId(pod);
    const name = pod.metadata?.name ?? '';
    const port = this.target.portFor(pod);
    if ('error' in port) return this.#status.set({ kind: 'failed', reason: port.error });
    this.#checking = true;
    this.#attempt++;
    const result = await checkStream(this.kc, {
      namespace: this.target.namespace,
      pod: name,
      port: port.port,
    });
    this.#checking = false;
    if (this.#status.stopped) return;
    if (podId(this.#current) !== id) return void this.#check();
    if (result.ok) {
      this.#attempt = 0;
      return this.#status.set({ kind: 'active' });
    }
    if (result.status === 404) return this.#avoidPod(pod);
    this.#status.retryLater(`${name}: ${result.reason}`, this.#attempt, () => void this.#check());
  }

  /** A stream to the current pod for a new connection, trying another pod when the stream cannot open. */
  async #open(socket: Socket, tries: number): Promise<ChosenStream | undefined> {
    const pod = this.#current;
    const port = pod && this.target.portFor(pod);
    if (!pod || !port || 'error' in port) return undefined;
    const id = podId(pod);
    const name = pod.metadata?.name ?? '';
    try {
      const stream = await openForwardStream(this.kc, {
        namespace: this.target.namespace,
        pod: name,
        port: port.port,
      });
      return { stream, ended: (end) => this.#ended(id, end.kind === 'failed' ? end.reason : undefined) };
    } catch (e) {
      if (this.#status.stopped || socket.destroyed) return undefined;
      if (podId(this.#current) === id) this.#avoidPod(pod);
      if (tries > 1 && this.#current) return this.#open(socket, tries - 1);
      // No other pod to try: the state says what choosing found (waiting, or the next pod's check).
      debug(`follow ${this.target.label}: stream to ${name} failed: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /** A stream that broke (`failure`) while its pod still serves: check the pod again before calling it active. */
  #ended(id: string | undefined, failure: string | undefined): void {
    if (failure === undefined || podId(this.#current) !== id || this.#status.state.kind !== 'active') return;
    this.#attempt = 0;
    this.#status.set({ kind: 'reconnecting', reason: failure, attempt: 1 });
    void this.#check();
  }
}
