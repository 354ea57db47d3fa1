/**
 * One port-forward: a bound local port whose every connection gets its own stream to the pod's port, and the
 * truth about it. The pod is watched: when it is deleted, terminating or not Running the forward is failed with
 * that reason and its connections are closed. A stream that fails while the pod runs makes it reconnecting; a
 * health check (a test stream) then runs with back-off until one succeeds, and only that makes it active again.
 * The local side (listener, connections, traffic) and the state shown are the ones the following forward uses
 * too (localConnections.ts, forwardStatus.ts).
 */
import type { Server } from 'node:net';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { forwardUrl } from '../../domain/portForwardInput.js';
import type { ForwardInfo } from '../../domain/portForwardView.js';
import { describeFailure, errorMessage } from '../errors.js';
import { serverUrl } from '../request.js';
import { checkStream } from './checkStream.js';
import { ForwardStatus } from './forwardStatus.js';
import { LocalConnections, type ChosenStream } from './localConnections.js';
import { openForwardStream } from './openStream.js';
import { readPodLiveness, watchPodLiveness, type PodLiveness } from './podWatch.js';

/** What to forward. */
export interface ForwardTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  readonly remotePort: number;
}

export class Forward {
  readonly id: string;
  readonly target: ForwardTarget;
  readonly address: string;
  readonly localPort: number;
  readonly startedAt = Date.now();
  #podAlive = true;
  #checking = false;
  #attempt = 0;
  readonly #status: ForwardStatus;
  readonly #local: LocalConnections;
  readonly #abort = new AbortController();

  /**
   * @param server the local listener, already bound (the forward owns it from now on)
   * @param onChange called after anything shown changes (state, connections, bytes)
   */
  constructor(
    private readonly kc: KubeConfigLike,
    id: string,
    target: ForwardTarget,
    address: string,
    server: Server,
    onChange: () => void,
  ) {
    this.id = id;
    this.target = target;
    this.address = address;
    this.#status = new ForwardStatus(
      { kind: 'reconnecting', reason: 'checking the stream', attempt: 1 },
      onChange,
    );
    this.#local = new LocalConnections(
      server,
      { accepting: () => this.#podAlive, open: () => this.#open() },
      this.#status.changed,
    );
    this.localPort = this.#local.localPort;
  }

  /**
   * Reads the pod, refusing (rejecting with a one-line Error) if it does not exist or does not run, then checks
   * the stream once and starts watching the pod. The forward is active or failed (with the check's reason) after.
   */
  async begin(): Promise<void> {
    const { namespace, pod } = this.target;
    let now;
    try {
      now = await readPodLiveness(this.kc, namespace, pod, this.#abort.signal);
    } catch (e) {
      throw new Error(
        describeFailure(e, serverUrl(this.kc), `get pod "${pod}" in namespace "${namespace}"`).message,
      );
    }
    if (!now.liveness.alive) {
      const missing = now.liveness.reason.endsWith('was deleted');
      throw new Error(missing ? `pod "${pod}" not found in namespace "${namespace}"` : now.liveness.reason);
    }
    await this.#check();
    void watchPodLiveness(
      this.kc,
      namespace,
      pod,
      now.resourceVersion,
      (l) => this.#onPod(l),
      this.#abort.signal,
    );
  }

  /** The forward as the list shows it; the same object until something changes. */
  info(): ForwardInfo {
    return this.#status.info((state) => ({
      id: this.id,
      namespace: this.target.namespace,
      pod: this.target.pod,
      ...(this.target.container !== undefined ? { container: this.target.container } : {}),
      address: this.address,
      localPort: this.localPort,
      remotePort: this.target.remotePort,
      url: forwardUrl(this.address, this.localPort),
      state,
      connections: this.#local.count,
      bytesFromPod: this.#local.traffic.fromPodBytes,
      bytesToPod: this.#local.traffic.toPodBytes,
      startedAt: this.startedAt,
    }));
  }

  /** Closes the listener and every connection; resolves when the port is free again. */
  stop(): Promise<void> {
    if (!this.#status.stopped) {
      this.#status.stop();
      this.#abort.abort();
    }
    return this.#local.close();
  }

  #onPod(l: PodLiveness): void {
    if (this.#status.stopped) return;
    const wasAlive = this.#podAlive;
    this.#podAlive = l.alive;
    if (!l.alive) {
      this.#status.cancelRetry();
      this.#local.closeAll();
      const s = this.#status.state;
      if (s.kind !== 'failed' || s.reason !== l.reason || s.retryAt !== undefined)
        this.#status.set({ kind: 'failed', reason: l.reason });
      return;
    }
    if (!wasAlive) {
      this.#attempt = 0;
      void this.#check();
    }
  }

  /** A stream failed: unless the pod is known to be down (the state says so already), check the port again. */
  #onStreamFailure(reason: string): void {
    if (this.#status.stopped || !this.#podAlive || this.#status.state.kind !== 'active') return;
    this.#attempt = 0;
    this.#status.set({ kind: 'reconnecting', reason, attempt: 1 });
    void this.#check();
  }

  async #check(): Promise<void> {
    if (this.#checking || this.#status.stopped) return;
    this.#checking = true;
    this.#attempt++;
    const s = this.#status.state;
    const reason = s.kind === 'active' ? 'checking the stream' : s.reason;
    this.#status.set({ kind: 'reconnecting', reason, attempt: this.#attempt });
    const result = await checkStream(this.kc, { ...this.target, port: this.target.remotePort });
    this.#checking = false;
    if (this.#status.stopped || !this.#podAlive) return;
    if (result.ok) {
      this.#attempt = 0;
      this.#status.set({ kind: 'active' });
      return;
    }
    this.#status.retryLater(result.reason, this.#attempt, () => void this.#check());
  }

  /** Every connection gets a stream to the pod's port; one that fails to open or breaks calls for a check. */
  async #open(): Promise<ChosenStream | undefined> {
    try {
      const stream = await openForwardStream(this.kc, { ...this.target, port: this.target.remotePort });
      return {
        stream,
        ended: (end) => {
          if (end.kind === 'failed') this.#onStreamFailure(end.reason);
        },
      };
    } catch (e) {
      this.#onStreamFailure(errorMessage(e));
      return undefined;
    }
  }
}
