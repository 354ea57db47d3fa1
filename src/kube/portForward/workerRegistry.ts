/**
 * The dashboard's port-forwards with their data path off its thread (issue 17): the same store as
 * {@link PortForwardRegistry} (`subscribe`/`getSnapshot`, `start`, `startFollow`, `stop`, `close`), whose
 * single-pod forwards run in a worker thread (forwardWorker.ts). With the forward on the main thread, every read
 * waited for the dashboard's rendering and decoding to yield: with 10 ms of work every 20 ms on the main thread
 * (`npm run bench:portforward -- --busy 10/20`), the worker moved 1.9× the bytes a second at load 9 (1.1× at load
 * 14, where the machine's CPU limits both); with the main thread idle it costs nothing measurable.
 *
 * The worker starts with the first forward and holds the kubeconfig as plain data (credentials are read, and an
 * exec plugin run, there as on the main thread). A forward that follows a Service or workload stays on this
 * thread: its target (resolveTarget.ts) carries a function and cannot be sent. If the worker dies its forwards are
 * listed failed with the reason, and the next start starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { ForwardInfo } from '../../domain/portForwardView.js';
import { PlainKubeConfig, type KubeConfigLike } from '../plainKubeConfig.js';
import { portOwnerOf } from './portOwner.js';
import {
  PortForwardRegistry,
  type FollowRequest,
  type ForwardRequest,
  type PortForwardRegistryOptions,
  type PortForwardSnapshot,
} from './registry.js';
import { readFromWorker, type ToWorker, type WorkerInit, type WorkerReply } from './workerMessages.js';

/** Ids of the forwards that follow a Service or workload (on this thread); the worker's are `pf1`, `pf2`, …. */
const FOLLOW_PREFIX = 'pff';

type Question =
  | { readonly op: 'start'; readonly request: ForwardRequest }
  | { readonly op: 'stop'; readonly id: string }
  | { readonly op: 'close' };

/** The worker's file beside this one: compiled (dist/, the bundle), or the source under the tests (run by tsx). */
function startWorker(init: WorkerInit): Worker {
  const own = import.meta.url;
  if (own.endsWith('.ts'))
    return new Worker(new URL('./forwardWorker.ts', own), {
      workerData: init,
      execArgv: [...process.execArgv, '--import', 'tsx'],
    });
  return new Worker(new URL('./forwardWorker.js', own), { workerData: init });
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((k) => b.has(k));
}

export class WorkerPortForwardRegistry {
  readonly #kc: KubeConfigLike;
  readonly #flushMs: number;
  /** The forwards that follow a Service or workload. */
  readonly #follows: PortForwardRegistry;
  #worker: Worker | undefined;
  #seq = 0;
  readonly #pending = new Map<number, (reply: WorkerReply) => void>();
  /** The worker's forwards as it last sent them (or as they were when it died). */
  #workerForwards: readonly ForwardInfo[] = [];
  /** Ids of the worker's forwards, as its replies tell them (its snapshots come up to `flushMs` later). */
  readonly #workerIds = new Set<string>();
  #snapshot: PortForwardSnapshot = { forwards: [], forwardedPods: new Set() };
  readonly #listeners = new Set<() => void>();
  #closed = false;

  constructor(kc: KubeConfigLike, options: PortForwardRegistryOptions = {}) {
    this.#kc = kc;
    this.#flushMs = options.flushMs ?? 100;
    this.#follows = new PortForwardRegistry(kc, { ...options, idPrefix: FOLLOW_PREFIX });
    this.#follows.subscribe(() => this.#publish());
  }

  /** Called after each new snapshot; returns the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The current snapshot: the same object until something changes. */
  readonly getSnapshot = (): PortForwardSnapshot => this.#snapshot;

  /** `namespace/name` of every pod with a forward, as of the last snapshot. */
  forwardedPods(): ReadonlySet<string> {
    return this.#snapshot.forwardedPods;
  }

  /** Which of our forwards holds `port` (0.0.0.0 and :: hold it on every address), worded for a message. */
  portOwner(address: string, port: number): string | undefined {
    return portOwnerOf(this.#snapshot.forwards, address, port);
  }

  /** As {@link PortForwardRegistry.start}, the forward running in the worker thread. */
  async start(request: ForwardRequest): Promise<ForwardInfo> {
    if (this.#closed) throw new Error('port-forwards are shut down');
    const reply = await this.#ask({ op: 'start', request });
    if (reply.info) {
      this.#workerIds.add(reply.info.id);
      return reply.info;
    }
    const wanted = request.localPort ?? 0;
    const owner = wanted ? this.#follows.portOwner(request.address ?? '127.0.0.1', wanted) : undefined;
    const inUse = reply.error?.endsWith('is in use (by another program)');
    throw new Error(inUse && owner ? reply.error?.replace('another program', owner) : reply.error);
  }

  /** As {@link PortForwardRegistry.startFollow}: on this thread. */
  async startFollow(request: FollowRequest): Promise<ForwardInfo> {
    try {
      return await this.#follows.startFollow(request);
    } catch (e) {
      const wanted = request.localPort ?? 0;
      const owner = wanted
        ? portOwnerOf(this.#workerForwards, request.address ?? '127.0.0.1', wanted)
        : undefined;
      if (owner && e instanceof Error && e.message.endsWith('is in use (by another program)'))
        throw new Error(e.message.replace('another program', owner));
      throw e;
    }
  }

  /** Stops one forward (its port is free when this resolves); false if there is no such forward. */
  async stop(id: string): Promise<boolean> {
    if (id.startsWith(FOLLOW_PREFIX)) return this.#follows.stop(id);
    this.#workerIds.delete(id);
    if (!this.#worker) {
      // Its worker died: the forward is only a line in the list now.
      const before = this.#workerForwards.length;
      this.#workerForwards = this.#workerForwards.filter((f) => f.id !== id);
      this.#publish();
      return this.#workerForwards.length < before;
    }
    return (await this.#ask({ op: 'stop', id })).stopped ?? false;
  }

  /** Stops every forward; resolves when every port is free. */
  async stopAll(): Promise<void> {
    const ids = new Set([...this.#workerIds, ...this.#workerForwards.map((f) => f.id)]);
    await Promise.all([this.#follows.stopAll(), ...[...ids].map((id) => this.stop(id))]);
  }

  /** Stops everything and publishes no more (podscope is exiting); the worker thread ends. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#follows.close();
    const worker = this.#worker;
    if (worker) {
      await this.#ask({ op: 'close' });
      this.#worker = undefined;
      await worker.terminate();
    }
    this.#listeners.clear();
  }

  /** Sends a question to the worker (started if need be) and resolves with its reply; never rejects. */
  #ask(question: Question): Promise<WorkerReply> {
    const worker = this.#worker ?? this.#start();
    const seq = ++this.#seq;
    return new Promise((resolve) => {
      this.#pending.set(seq, resolve);
      const message: ToWorker = { ...question, seq };
      worker.postMessage(message);
    });
  }

  #start(): Worker {
    const parts = PlainKubeConfig.from(this.#kc);
    const kubeconfig = {
      clusters: parts.getClusters(),
      users: parts.getUsers(),
      contexts: parts.getContexts(),
      currentContext: parts.getCurrentContext(),
    };
    const worker = startWorker({ kubeconfig, flushMs: this.#flushMs });
    // Exiting podscope does not wait for it: its forwards end with the process.
    worker.unref();
    worker.on('message', (m: unknown) => {
      const message = readFromWorker(m);
      if (message?.kind === 'snapshot') {
        this.#workerForwards = message.forwards;
        this.#publish();
      } else if (message) {
        this.#pending.get(message.seq)?.(message);
        this.#pending.delete(message.seq);
      }
    });
    worker.on('error', (err: Error) => this.#died(worker, `the port-forward thread failed: ${err.message}`));
    worker.on('exit', (code: number) => this.#died(worker, `the port-forward thread exited (code ${code})`));
    this.#worker = worker;
    return worker;
  }

  /** The worker is gone: its questions are answered with the reason, and its forwards listed failed. */
  #died(worker: Worker, reason: string): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    for (const [seq, resolve] of this.#pending) resolve({ kind: 'reply', seq, error: reason });
    this.#pending.clear();
    this.#workerForwards = this.#workerForwards.map((f) => ({
      ...f,
      state: { kind: 'failed', reason },
      connections: 0,
    }));
    this.#publish();
  }

  #publish(): void {
    if (this.#closed && this.#listeners.size === 0) return;
    const forwards = [...this.#workerForwards, ...this.#follows.getSnapshot().forwards].sort(
      (a, b) => a.startedAt - b.startedAt,
    );
    const pods = new Set(forwards.filter((f) => f.pod !== '').map((f) => `${f.namespace}/${f.pod}`));
    const previous = this.#snapshot.forwardedPods;
    this.#snapshot = { forwards, forwardedPods: sameSet(pods, previous) ? previous : pods };
    for (const listener of this.#listeners) listener();
  }
}
