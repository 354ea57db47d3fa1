/**
 * One port-forward: a bound local port whose every connection gets its own stream to the pod's port, and the
 * truth about it. The pod is watched: when it is deleted, terminating or not Running the forward is failed with
 * that reason and its connections are closed. A stream that fails while the pod runs makes it reconnecting; a
 * health check (a test stream) then runs with back-off until one succeeds, and only that makes it active again.
 */
import type { Server, Socket } from 'node:net';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { forwardUrl } from '../../domain/portForwardInput.js';
import type { ForwardInfo, ForwardState } from '../../domain/portForwardView.js';
import { backoffDelay } from '../backoff.js';
import { describeFailure } from '../errors.js';
import { serverUrl } from '../request.js';
import { checkStream } from './checkStream.js';
import { boundPort } from './localPort.js';
import { openForwardStream } from './openStream.js';
import { Traffic } from './traffic.js';
import { pipeConnection, type PipedConnection } from './pipeConnection.js';
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
  #state: ForwardState = { kind: 'reconnecting', reason: 'checking the stream', attempt: 1 };
  #podAlive = true;
  #stopped = false;
  #checking = false;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #connections = 0;
  #info: ForwardInfo | undefined;
  readonly #pipes = new Set<PipedConnection>();
  readonly #pending = new Set<Socket>();
  readonly #abort = new AbortController();
  readonly #traffic = new Traffic(() => this.#changed());

  /**
   * @param server the local listener, already bound (the forward owns it from now on)
   * @param onChange called after anything shown changes (state, connections, bytes)
   */
  constructor(
    private readonly kc: KubeConfigLike,
    id: string,
    target: ForwardTarget,
    address: string,
    private readonly server: Server,
    private readonly onChange: () => void,
  ) {
    this.id = id;
    this.target = target;
    this.address = address;
    this.localPort = boundPort(server);
    server.on('connection', (socket: Socket) => this.#accept(socket));
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
    this.#info ??= {
      id: this.id,
      namespace: this.target.namespace,
      pod: this.target.pod,
      ...(this.target.container !== undefined ? { container: this.target.container } : {}),
      address: this.address,
      localPort: this.localPort,
      remotePort: this.target.remotePort,
      url: forwardUrl(this.address, this.localPort),
      state: this.#state,
      connections: this.#connections,
      bytesFromPod: this.#traffic.fromPodBytes,
      bytesToPod: this.#traffic.toPodBytes,
      startedAt: this.startedAt,
    };
    return this.#info;
  }

  /** Closes the listener and every connection; resolves when the port is free again. */
  stop(): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#abort.abort();
      clearTimeout(this.#retryTimer);
      this.#closeConnections();
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

  #closeConnections(): void {
    for (const pipe of this.#pipes) pipe.close();
    for (const socket of this.#pending) socket.destroy();
  }

  #onPod(l: PodLiveness): void {
    if (this.#stopped) return;
    const wasAlive = this.#podAlive;
    this.#podAlive = l.alive;
    if (!l.alive) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = undefined;
      this.#closeConnections();
      const s = this.#state;
      if (s.kind !== 'failed' || s.reason !== l.reason || s.retryAt !== undefined)
        this.#setState({ kind: 'failed', reason: l.reason });
      return;
    }
    if (!wasAlive) {
      this.#attempt = 0;
      void this.#check();
    }
  }

  /** A stream failed: unless the pod is known to be down (the state says so already), check the port again. */
  #onStreamFailure(reason: string): void {
    if (this.#stopped || !this.#podAlive || this.#state.kind !== 'active') return;
    this.#attempt = 0;
    this.#setState({ kind: 'reconnecting', reason, attempt: 1 });
    void this.#check();
  }

  async #check(): Promise<void> {
    if (this.#checking || this.#stopped) return;
    this.#checking = true;
    this.#retryTimer = undefined;
    this.#attempt++;
    const s = this.#state;
    const reason = s.kind === 'active' ? 'checking the stream' : s.reason;
    this.#setState({ kind: 'reconnecting', reason, attempt: this.#attempt });
    const result = await checkStream(this.kc, { ...this.target, port: this.target.remotePort });
    this.#checking = false;
    if (this.#stopped || !this.#podAlive) return;
    if (result.ok) {
      this.#attempt = 0;
      this.#setState({ kind: 'active' });
      return;
    }
    const retryAt = Date.now() + backoffDelay(this.#attempt);
    this.#setState({ kind: 'failed', reason: result.reason, retryAt });
    this.#retryTimer = setTimeout(() => void this.#check(), retryAt - Date.now());
  }

  #accept(socket: Socket): void {
    socket.on('error', () => undefined);
    if (this.#stopped || !this.#podAlive) {
      socket.destroy();
      return;
    }
    this.#pending.add(socket);
    this.#connections++;
    this.#changed();
    const done = (): void => {
      this.#connections--;
      this.#changed();
    };
    openForwardStream(this.kc, { ...this.target, port: this.target.remotePort }).then(
      (ws) => {
        this.#pending.delete(socket);
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
          if (end.kind === 'failed') this.#onStreamFailure(end.reason);
        });
      },
      (err: Error) => {
        this.#pending.delete(socket);
        socket.destroy();
        done();
        this.#onStreamFailure(err.message);
      },
    );
  }
}
