/**
 * A port-forward that follows a Service or a workload (issue 16): a bound local port whose every new
 * connection goes to a Ready pod behind it. The pods are watched (`PodSet`); when the pod connections go to stops
 * being Ready, starts terminating or goes, the next connections go to another Ready pod as soon as the watch says
 * so, and a stream that cannot open on a pod the watch still shows (it went between two events) is retried once
 * on another. With no Ready pod the forward is `waiting` and says why. Unlike `kubectl port-forward
 * service/NAME`, which picks one pod at start and ends with it, the forward outlives every pod. As for the
 * one-pod forward (forward.ts), it is never called active unless a check stream to its pod succeeded.
 */
import type { Server, Socket } from 'node:net';
import { choosePod } from '../../../domain/followForward.js';
import { forwardUrl } from '../../../domain/portForwardInput.js';
import type { ForwardInfo, ForwardState } from '../../../domain/portForwardView.js';
import type { Pod } from '../../../domain/wire.js';
import { debug } from '../../../debugLog.js';
import { backoffDelay } from '../../backoff.js';
import { errorMessage } from '../../errors.js';
import type { KubeConfigLike } from '../../plainKubeConfig.js';
import { checkStream } from '../checkStream.js';
import { boundPort } from '../localPort.js';
import { openForwardStream } from '../openStream.js';
import { Traffic } from '../traffic.js';
import { pipeConnection, type PipedConnection } from '../pipeConnection.js';
import { PodSet } from './podSet.js';
import type { FollowTarget } from './resolveTarget.js';

/** How long a pod whose stream would not open is passed over, unless the watch shows it changed. */
const AVOID_MS = 5_000;
/** How long `begin` waits for the first list of pods. */
const FIRST_LIST_MS = 10_000;

export class FollowForward {
  readonly id: string;
  readonly address: string;
  readonly localPort: number;
  readonly startedAt = Date.now();
  readonly #pods: PodSet;
  #state: ForwardState = { kind: 'reconnecting', reason: 'listing the pods', attempt: 1 };
  #current: Pod | undefined;
  /** The last pod connections went to, to count a move to another as a switch. */
  #lastPod: string | undefined;
  #switches = 0;
  #stopped = false;
  #checking = false;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #connections = 0;
  #info: ForwardInfo | undefined;
  /** Pod name → until when (epoch ms) it is passed over, and the resourceVersion it had then. */
  readonly #avoid = new Map<string, { until: number; version: string | undefined }>();
  readonly #pipes = new Set<PipedConnection>();
  readonly #pending = new Set<Socket>();
  readonly #abort = new AbortController();
  readonly #traffic = new Traffic(() => this.#changed());

  /**
   * @param server the local listener, already bound (the forward owns it from now on)
   * @param onChange called after anything shown changes
   */
  constructor(
    private readonly kc: KubeConfigLike,
    id: string,
    readonly target: FollowTarget,
    address: string,
    private readonly server: Server,
    private readonly onChange: () => void,
  ) {
    this.id = id;
    this.address = address;
    this.localPort = boundPort(server);
    this.#pods = new PodSet(kc, target.namespace, target.selector, () => this.#onPods());
    server.on('connection', (socket: Socket) => this.#accept(socket));
  }

  /**
   * Starts following the pods and waits for their first list (rejecting with one line if it cannot be had in
   * time); the forward is then active, waiting for a Ready pod, or failed with the check's reason.
   */
  async begin(): Promise<void> {
    void this.#pods.run(this.#abort.signal);
    const deadline = Date.now() + FIRST_LIST_MS;
    while (!this.#pods.listed) {
      if (this.#stopped) return;
      if (Date.now() > deadline)
        throw new Error(
          this.#pods.lastError ?? `the pods of ${this.target.label} could not be listed in time`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The forward as the list shows it; the same object until something changes. */
  info(): ForwardInfo {
    this.#info ??= {
      id: this.id,
      namespace: this.target.namespace,
      pod: this.#current?.metadata?.name ?? '',
      address: this.address,
      localPort: this.localPort,
      remotePort: this.#currentPort() ?? this.target.remotePort ?? 0,
      url: forwardUrl(this.address, this.localPort),
      state: this.#state,
      connections: this.#connections,
      bytesFromPod: this.#traffic.fromPodBytes,
      bytesToPod: this.#traffic.toPodBytes,
      startedAt: this.startedAt,
      follow: { target: this.target.label, switches: this.#switches },
    };
    return this.#info;
  }

  /** Closes the listener and every connection, and stops watching; resolves when the port is free again. */
  stop(): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#abort.abort();
      clearTimeout(this.#retryTimer);
      for (const pipe of this.#pipes) pipe.close();
      for (const socket of this.#pending) socket.destroy();
    }
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }

  #changed(): void {
    this.#info = undefined;
    if (!this.#stopped) this.onChange();
  }

  #setState(state: ForwardState): void {
    this.#state = state;
    this.#changed();
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
      const a = this.#avoid.get(p.metadata?.name ?? '');
      if (!a) return true;
      // A new version of the pod (it became Ready again…) or the end of the wait lifts it.
      if (a.until < now || a.version !== p.metadata?.resourceVersion) {
        this.#avoid.delete(p.metadata?.name ?? '');
        return true;
      }
      return false;
    });
  }

  /** Chooses the pod new connections go to; a change of pod is a switch, checked before it is called active. */
  #choose(): void {
    if (this.#stopped) return;
    const next = choosePod(this.#candidates(), this.#current?.metadata?.name);
    const name = next?.metadata?.name;
    const same = name !== undefined && name === this.#current?.metadata?.name;
    this.#current = next;
    if (same) return this.#changed();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (!next || !name) {
      const why = this.#pods.lastError ? ` (${this.#pods.lastError})` : '';
      return this.#setState({ kind: 'waiting', reason: `no ready pod behind ${this.target.label}${why}` });
    }
    if (this.#lastPod !== undefined && this.#lastPod !== name) this.#switches++;
    this.#lastPod = name;
    this.#attempt = 0;
    this.#setState({ kind: 'reconnecting', reason: `checking ${name}`, attempt: 1 });
    void this.#check();
  }

  #onPods(): void {
    if (this.#pods.listed) this.#choose();
  }

  /** Passes over a pod whose stream failed (the watch may not have said yet that it went) and chooses again. */
  #avoidPod(pod: Pod): void {
    this.#avoid.set(pod.metadata?.name ?? '', {
      until: Date.now() + AVOID_MS,
      version: pod.metadata?.resourceVersion,
    });
    this.#choose();
  }

  async #check(): Promise<void> {
    const pod = this.#current;
    if (this.#checking || this.#stopped || !pod) return;
    const name = pod.metadata?.name ?? '';
    const port = this.target.portFor(pod);
    if ('error' in port) return this.#setState({ kind: 'failed', reason: port.error });
    this.#checking = true;
    this.#attempt++;
    const result = await checkStream(this.kc, {
      namespace: this.target.namespace,
      pod: name,
      port: port.port,
    });
    this.#checking = false;
    if (this.#stopped) return;
    if (this.#current?.metadata?.name !== name) return void this.#check();
    if (result.ok) {
      this.#attempt = 0;
      return this.#setState({ kind: 'active' });
    }
    if (result.status === 404) return this.#avoidPod(pod);
    const retryAt = Date.now() + backoffDelay(this.#attempt);
    this.#setState({ kind: 'failed', reason: `${name}: ${result.reason}`, retryAt });
    this.#retryTimer = setTimeout(() => void this.#check(), retryAt - Date.now());
  }

  #accept(socket: Socket): void {
    socket.on('error', () => undefined);
    if (this.#stopped) {
      socket.destroy();
      return;
    }
    this.#connections++;
    this.#pending.add(socket);
    this.#changed();
    void this.#connect(socket, 2).finally(() => this.#pending.delete(socket));
  }

  /** Gives the connection a stream to the current pod, trying another pod when the stream cannot open. */
  async #connect(socket: Socket, tries: number): Promise<void> {
    const done = (): void => {
      this.#connections--;
      this.#changed();
    };
    const pod = this.#current;
    const port = pod && this.target.portFor(pod);
    if (!pod || !port || 'error' in port) {
      socket.destroy();
      return done();
    }
    const name = pod.metadata?.name ?? '';
    let ws;
    try {
      ws = await openForwardStream(this.kc, { namespace: this.target.namespace, pod: name, port: port.port });
    } catch (e) {
      if (this.#stopped || socket.destroyed) {
        socket.destroy();
        return done();
      }
      if (this.#current?.metadata?.name === name) this.#avoidPod(pod);
      if (tries > 1 && this.#current) return this.#connect(socket, tries - 1);
      // No other pod to try: the state says what choosing found (waiting, or the next pod's check).
      debug(`follow ${this.target.label}: stream to ${name} failed: ${errorMessage(e)}`);
      socket.destroy();
      return done();
    }
    if (this.#stopped || socket.destroyed) {
      ws.terminate();
      socket.destroy();
      return done();
    }
    const pipe = pipeConnection(socket, ws, this.#traffic);
    this.#pipes.add(pipe);
    void pipe.done.then((end) => {
      this.#pipes.delete(pipe);
      done();
      // A stream that broke while the pod still serves: check the pod again before calling it active.
      if (end.kind === 'failed' && this.#current?.metadata?.name === name && this.#state.kind === 'active') {
        this.#setState({ kind: 'reconnecting', reason: end.reason, attempt: 1 });
        this.#attempt = 0;
        void this.#check();
      }
    });
  }
}
