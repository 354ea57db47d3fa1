/**
 * One reading of a pod's inside (its node's runtime, and the files read through exec) as a store the view
 * subscribes to: it starts when the view asks, publishes each part as it arrives, and stops (cancelling the execs)
 * when the view goes or asks again (`r` makes a new one).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { InsideReads, NodeRuntime } from '../../domain/inside/insideFacts.js';
import type { Pod } from '../../domain/wire.js';
import { describeFailure, oneLine } from '../errors.js';
import type { KubeConfigLike } from '../plainKubeConfig.js';
import { serverUrl } from '../request.js';
import { readInside } from './insideReads.js';
import { readNodeRuntime } from './nodeRuntime.js';

/** What has been read so far. */
export interface InsideSnapshot {
  readonly node: NodeRuntime;
  readonly reads: InsideReads;
}

export interface InsideStoreOptions {
  kc: KubeConfigLike;
  /** client-node's KubeConfig for exec, loaded on first use (see ui/session.ts). */
  clientKubeConfig: () => Promise<KubeConfig>;
  pod: Pod;
  /** The container selected in the containers view, tried first. */
  selected: string | undefined;
}

/** Reads once per start; see the file comment. */
export class InsideStore {
  private snapshot: InsideSnapshot = { node: { kind: 'loading' }, reads: { kind: 'reading' } };
  private readonly listeners = new Set<() => void>();
  private abort: AbortController | undefined;

  constructor(private readonly opts: InsideStoreOptions) {}

  /** Starts both reads; each part is published when it arrives. */
  start(): void {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const { opts } = this;
    void readNodeRuntime(opts.kc, opts.pod.spec?.nodeName, abort.signal).then((node) => {
      if (!abort.signal.aborted) this.set({ ...this.snapshot, node });
    });
    void opts
      .clientKubeConfig()
      .then((kc) => readInside({ kc, pod: opts.pod, selected: opts.selected, signal: abort.signal }))
      .catch((e: unknown): InsideReads => ({
        kind: 'unavailable',
        tried: [],
        reason: oneLine(describeFailure(e, serverUrl(opts.kc), 'exec').message),
      }))
      .then((reads) => {
        if (!abort.signal.aborted) this.set({ ...this.snapshot, reads });
      });
  }

  /** Cancels what is still being read; nothing is published afterwards. */
  stop(): void {
    this.abort?.abort();
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** For `useSyncExternalStore`: the same object until a part arrives. */
  readonly getSnapshot = (): InsideSnapshot => this.snapshot;

  private set(next: InsideSnapshot): void {
    this.snapshot = next;
    for (const l of this.listeners) l();
  }
}
