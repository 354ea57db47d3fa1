/**
 * Every port-forward of a dashboard session, outliving the views that show them: a store with
 * `subscribe`/`getSnapshot` (immutable snapshots, published at most every `flushMs` while bytes flow) and
 * `close()`, which stops them all. `start` binds the local port before anything else, so a busy port is refused
 * with the reason and nothing is left running.
 */
import type { Server } from 'node:net';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { DEFAULT_BIND_ADDRESS } from '../../domain/portForwardInput.js';
import type { ForwardInfo } from '../../domain/portForwardView.js';
import { ThrottledPublisher } from '../throttledPublisher.js';
import { Forward, type ForwardTarget } from './forward.js';
import { bindLocal } from './localPort.js';
import { portOwnerOf } from './portOwner.js';
import { FollowForward } from './follow/followForward.js';
import type { FollowTarget } from './follow/resolveTarget.js';

/** What `start` needs: the pod, its port, and where to listen. */
export interface ForwardRequest extends ForwardTarget {
  /** The local port; 0 or absent: one the system picks. */
  readonly localPort?: number;
  /** Default 127.0.0.1. */
  readonly address?: string;
}

/** What `startFollow` needs: the resolved Service or workload, and where to listen. */
export interface FollowRequest {
  readonly target: FollowTarget;
  /** The local port; 0 or absent: one the system picks. */
  readonly localPort?: number;
  /** Default 127.0.0.1. */
  readonly address?: string;
}

export interface PortForwardSnapshot {
  /** In the order they were started. */
  readonly forwards: readonly ForwardInfo[];
  /** `namespace/name` of every pod with a forward (in any state): the pods list's PF marker. */
  readonly forwardedPods: ReadonlySet<string>;
}

export interface PortForwardRegistryOptions {
  /** The least time between two published snapshots. Default 100 ms. */
  readonly flushMs?: number;
  /** What forward ids start with (`pf1`, `pf2`, …): distinct where two registries' forwards are listed together. */
  readonly idPrefix?: string;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

const EMPTY: PortForwardSnapshot = { forwards: [], forwardedPods: new Set() };

export class PortForwardRegistry {
  readonly #forwards = new Map<string, Forward | FollowForward>();
  readonly #publisher: ThrottledPublisher<PortForwardSnapshot>;
  #nextId = 1;
  #closed = false;
  readonly #idPrefix: string;

  constructor(
    private readonly kc: KubeConfigLike,
    options: PortForwardRegistryOptions = {},
  ) {
    this.#publisher = new ThrottledPublisher(EMPTY, () => this.#build(), options.flushMs ?? 100);
    this.#idPrefix = options.idPrefix ?? 'pf';
  }

  /** Called after each new snapshot; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => this.#publisher.subscribe(listener);

  /** The current snapshot: the same object until something changes. */
  readonly getSnapshot = (): PortForwardSnapshot => this.#publisher.getSnapshot();

  /** `namespace/name` of every pod with a forward, as of the last snapshot. */
  forwardedPods(): ReadonlySet<string> {
    return this.getSnapshot().forwardedPods;
  }

  /** Which of our forwards holds `port` (0.0.0.0 and :: hold it on every address), worded for a message. */
  portOwner(address: string, port: number): string | undefined {
    return portOwnerOf(
      [...this.#forwards.values()].map((f) => f.info()),
      address,
      port,
    );
  }

  /**
   * Binds the local port, then checks the pod and its port once, and keeps forwarding until stopped.
   * Rejects with a one-line Error, leaving nothing behind, when the port cannot be bound ("port 8080 on
   * 127.0.0.1 is in use (by another program)") or the pod does not exist or does not run. A pod port that does
   * not answer is not refused: the forward is listed as failed with the runtime's reason and keeps retrying.
   * @returns the forward as first listed
   */
  async start(request: ForwardRequest): Promise<ForwardInfo> {
    const address = request.address ?? DEFAULT_BIND_ADDRESS;
    const server = await this.#bind(address, request.localPort ?? 0);
    const target: ForwardTarget = {
      namespace: request.namespace,
      pod: request.pod,
      remotePort: request.remotePort,
      ...(request.container !== undefined ? { container: request.container } : {}),
    };
    const forward = new Forward(this.kc, `${this.#idPrefix}${this.#nextId++}`, target, address, server, () =>
      this.#publisher.invalidate(),
    );
    return this.#begin(forward);
  }

  /**
   * Binds the local port, then follows the Service's or workload's pods (issue 16): each new connection goes to a
   * Ready pod behind it, another when that one stops serving. Rejects with a one-line Error, leaving nothing
   * behind, when the port cannot be bound or the pods cannot be listed.
   */
  async startFollow(request: FollowRequest): Promise<ForwardInfo> {
    const address = request.address ?? DEFAULT_BIND_ADDRESS;
    const server = await this.#bind(address, request.localPort ?? 0);
    const forward = new FollowForward(
      this.kc,
      `${this.#idPrefix}${this.#nextId++}`,
      request.target,
      address,
      server,
      () => this.#publisher.invalidate(),
    );
    return this.#begin(forward);
  }

  async #bind(address: string, wanted: number): Promise<Server> {
    if (this.#closed) throw new Error('port-forwards are shut down');
    try {
      return await bindLocal(address, wanted);
    } catch (e) {
      const owner = wanted ? this.portOwner(address, wanted) : undefined;
      throw owner ? new Error(`port ${wanted} on ${address} is in use (by ${owner})`) : e;
    }
  }

  async #begin(forward: Forward | FollowForward): Promise<ForwardInfo> {
    this.#forwards.set(forward.id, forward);
    try {
      await forward.begin();
    } catch (e) {
      this.#forwards.delete(forward.id);
      await forward.stop();
      throw e;
    }
    if (this.#closed) {
      await this.stop(forward.id);
      throw new Error('port-forwards are shut down');
    }
    this.#publisher.invalidate();
    return forward.info();
  }

  /** Stops one forward (its port is free when this resolves); false if there is no such forward. */
  async stop(id: string): Promise<boolean> {
    const forward = this.#forwards.get(id);
    if (!forward) return false;
    this.#forwards.delete(id);
    this.#publisher.invalidate();
    await forward.stop();
    return true;
  }

  /** Stops every forward; resolves when every port is free. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#forwards.keys()].map((id) => this.stop(id)));
  }

  /** Stops everything and publishes no more (podscope is exiting). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stopAll();
    this.#publisher.close();
  }

  #build(): PortForwardSnapshot {
    const forwards = [...this.#forwards.values()].map((f) => f.info());
    const pods = new Set(forwards.filter((f) => f.pod !== '').map((f) => `${f.namespace}/${f.pod}`));
    const previous = this.#publisher.getSnapshot().forwardedPods;
    return { forwards, forwardedPods: sameSet(pods, previous) ? previous : pods };
  }
}
