/**
 * The local side of a port-forward, the one thing both kinds of forward (one pod: forward.ts; a Service or
 * workload: follow/followForward.ts) use: the bound listener, every accepted connection until it ends — while its
 * stream opens, then piped through it — their count and their traffic. Where a connection's stream goes, and what
 * a stream that ends says about the pod, is the forward's business: its {@link ConnectionPolicy}.
 */
import type { Server, Socket } from 'node:net';
import { boundPort } from './localPort.js';
import { pipeConnection, type PipedConnection, type StreamEnd } from './pipeConnection.js';
import type { StreamSocket } from './streamSocket.js';
import { Traffic } from './traffic.js';

/** The stream a connection goes over, and what the forward does once that stream has ended. */
export interface ChosenStream {
  readonly stream: StreamSocket;
  readonly ended: (end: StreamEnd) => void;
}

/** How a forward serves a new local connection. */
export interface ConnectionPolicy {
  /** Whether a new connection is taken now (false: it is closed at once). */
  accepting(): boolean;
  /**
   * The stream for a new connection, or undefined when none could be opened (the connection is then closed; the
   * forward has said why in its state). Never rejects.
   */
  open(socket: Socket): Promise<ChosenStream | undefined>;
}

export class LocalConnections {
  readonly localPort: number;
  readonly traffic: Traffic;
  #count = 0;
  #closed = false;
  readonly #pipes = new Set<PipedConnection>();
  /** Connections whose stream is still opening. */
  readonly #pending = new Set<Socket>();

  /**
   * @param server the local listener, already bound (owned from now on)
   * @param onChange called when the count or the bytes change
   */
  constructor(
    private readonly server: Server,
    private readonly policy: ConnectionPolicy,
    private readonly onChange: () => void,
  ) {
    this.localPort = boundPort(server);
    this.traffic = new Traffic(onChange);
    server.on('connection', (socket: Socket) => void this.#accept(socket));
  }

  /** Connections open now (their stream opening or piped). */
  get count(): number {
    return this.#count;
  }

  /** Ends every connection now; new ones are still accepted (the pod went: the next may go elsewhere). */
  closeAll(): void {
    for (const pipe of this.#pipes) pipe.close();
    for (const socket of this.#pending) socket.destroy();
  }

  /** Ends every connection and stops listening; resolves when the port is free again. */
  close(): Promise<void> {
    this.#closed = true;
    this.closeAll();
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }

  async #accept(socket: Socket): Promise<void> {
    socket.on('error', () => undefined);
    if (this.#closed || !this.policy.accepting()) {
      socket.destroy();
      return;
    }
    this.#count++;
    this.#pending.add(socket);
    this.onChange();
    const chosen = await this.policy.open(socket).catch(() => undefined);
    this.#pending.delete(socket);
    if (!chosen || this.#closed || socket.destroyed) {
      chosen?.stream.terminate();
      socket.destroy();
      return this.#gone();
    }
    const pipe = pipeConnection(socket, chosen.stream, this.traffic);
    this.#pipes.add(pipe);
    const end = await pipe.done;
    this.#pipes.delete(pipe);
    this.#gone();
    chosen.ended(end);
  }

  #gone(): void {
    this.#count--;
    this.onChange();
  }
}
