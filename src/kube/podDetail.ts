/**
 * ONE pod, whole and live, for the containers, describe and YAML views: a `Reflector` with
 * `fieldSelector=metadata.name=NAME`, keeping the full JSON (env, mounts, probes, managedFields for the YAML
 * toggle) rather than the list's slim copy. When the pod is deleted the last content stays on screen and
 * `deleted` becomes true.
 */
import type { KubeConfigLike } from './plainKubeConfig.js';
import type { Pod } from '../domain/wire.js';
import { onePod } from './reflector/onePod.js';
import { Reflector } from './reflector/reflector.js';
import { listWatchState } from './reflector/state.js';
import type { ListWatchState } from './reflector/state.js';
import { wholeList } from './reflector/wholeList.js';
import { ThrottledPublisher } from './throttledPublisher.js';

export interface PodDetailSnapshot {
  /** The latest version of the pod (after deletion: the last one seen). */
  pod?: Pod;
  /** The pod was deleted (or is gone from the list after a reconnect); `pod` is what it last was. */
  deleted: boolean;
  /** Live, reconnecting (with why), or failed for good. */
  state: ListWatchState | { kind: 'connecting' };
  /** One line: the pod was never found, or the last failure. */
  error?: string;
  /** Increases with every snapshot. */
  version: number;
}

export class PodDetailStore {
  private readonly publisher: ThrottledPublisher<PodDetailSnapshot>;
  private readonly abort = new AbortController();
  private current: Omit<PodDetailSnapshot, 'version'> = { deleted: false, state: { kind: 'connecting' } };
  private version = 0;

  /**
   * Starts listing and watching at once.
   * @param kc the kubeconfig
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @param flushMs the least time between snapshots (50 ms)
   */
  constructor(
    kc: KubeConfigLike,
    private readonly namespace: string,
    private readonly name: string,
    flushMs = 50,
  ) {
    this.publisher = new ThrottledPublisher<PodDetailSnapshot>(
      { ...this.current, version: 0 },
      () => ({ ...this.current, version: ++this.version }),
      flushMs,
    );
    const reflector = new Reflector(kc, onePod(namespace, name), {
      ...wholeList((pods: readonly Pod[]) => this.listed(pods)),
      onEvent: (type, pod) => this.set(type === 'DELETED', pod),
      onState: (reported) => {
        const state = listWatchState(reported);
        if (state) this.change({ state, ...this.errorFor(state) });
      },
    });
    void reflector.run(this.abort.signal);
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => this.publisher.subscribe(listener);

  /** For `useSyncExternalStore`: the same object until something changes. */
  readonly getSnapshot = (): PodDetailSnapshot => this.publisher.getSnapshot();

  /** Stops watching; no listener is called afterwards. Idempotent. */
  close(): void {
    this.abort.abort();
    this.publisher.close();
  }

  private errorFor(state: ListWatchState): { error?: string } {
    if (state.kind === 'failed') return { error: state.failure.message };
    if (state.kind === 'reconnecting') return { error: state.error };
    return this.current.pod ? {} : this.notFound();
  }

  private notFound(): { error?: string } {
    return { error: `pod "${this.name}" not found in namespace "${this.namespace}"` };
  }

  private listed(items: readonly Pod[]): void {
    const pod = items.find((p) => p.metadata?.name === this.name);
    if (pod) return this.set(false, pod);
    // Gone while we were not watching: keep the last content, marked deleted.
    if (this.current.pod) return this.change({ deleted: true });
    this.change(this.notFound());
  }

  private set(deleted: boolean, pod: Pod): void {
    const { error: _cleared, ...rest } = this.current;
    this.current = { ...rest, pod, deleted };
    this.publisher.invalidate();
  }

  private change(patch: Partial<Omit<PodDetailSnapshot, 'version'>>): void {
    const next = { ...this.current, ...patch };
    if (!('error' in patch) && patch.state?.kind === 'live') delete next.error;
    this.current = next;
    this.publisher.invalidate();
  }
}
