/**
 * A pod's Events, live: a `Reflector` over `/api/v1/namespaces/NS/events` with
 * `involvedObject.name=…,involvedObject.namespace=…[,involvedObject.uid=…]` (the selector kubectl describe uses),
 * resumed after a drop. When RBAC forbids reading events (a 403 before the first list) the snapshot says so in
 * `forbidden` and the store stops; the pod's own store is unaffected. A 403 after a list has worked is retried
 * with back-off, as every reflector does (see `reflector/finalFailure.ts`).
 */
import type { KubeConfigLike } from './plainKubeConfig.js';
import type { KubeEvent } from '../domain/wire.js';
import { Reflector } from './reflector/reflector.js';
import { listWatchState } from './reflector/state.js';
import type { ListWatchState } from './reflector/state.js';
import { wholeList } from './reflector/wholeList.js';
import { asEvent } from './reflector/wireTypes.js';
import { ThrottledPublisher } from './throttledPublisher.js';

export interface PodEventsSnapshot {
  /** In the server's order (the kubelet names events by time), updated in place when a count grows. */
  events: readonly KubeEvent[];
  /** Set when listing events is forbidden: the server's message, e.g. `events is forbidden: User "x" cannot…`. */
  forbidden?: string;
  state: ListWatchState | { kind: 'connecting' };
  /** The last failure, one line, while reconnecting or failed. */
  error?: string;
  version: number;
}

export interface PodEventsTarget {
  namespace: string;
  name: string;
  /** Narrows to this incarnation of the pod (a recreated pod with the same name has another uid). */
  uid?: string;
}

const eventKey = (e: KubeEvent): string => e.metadata?.name ?? '';

export class PodEventsStore {
  private readonly publisher: ThrottledPublisher<PodEventsSnapshot>;
  private readonly abort = new AbortController();
  private readonly byName = new Map<string, KubeEvent>();
  private current: Omit<PodEventsSnapshot, 'version'> = { events: [], state: { kind: 'connecting' } };
  private version = 0;

  /**
   * Starts listing and watching at once.
   * @param kc the kubeconfig
   * @param target the pod
   * @param flushMs the least time between snapshots (50 ms)
   */
  constructor(kc: KubeConfigLike, target: PodEventsTarget, flushMs = 50) {
    this.publisher = new ThrottledPublisher<PodEventsSnapshot>(
      { ...this.current, version: 0 },
      () => ({ ...this.current, events: [...this.byName.values()], version: ++this.version }),
      flushMs,
    );
    const selector = [
      `involvedObject.name=${target.name}`,
      `involvedObject.namespace=${target.namespace}`,
      ...(target.uid ? [`involvedObject.uid=${target.uid}`] : []),
    ].join(',');
    const reflector = new Reflector(
      kc,
      {
        path: `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/events`,
        fieldSelector: selector,
        action: `list events in namespace "${target.namespace}"`,
        decode: asEvent,
      },
      {
        ...wholeList((events: readonly KubeEvent[]) => {
          this.byName.clear();
          for (const e of events) this.byName.set(eventKey(e), e);
          this.publisher.invalidate();
        }),
        onEvent: (type, e) => {
          if (type === 'DELETED') this.byName.delete(eventKey(e));
          else this.byName.set(eventKey(e), e);
          this.publisher.invalidate();
        },
        onState: (reported) => {
          const state = listWatchState(reported);
          if (state) this.onState(state);
        },
      },
    );
    void reflector.run(this.abort.signal);
  }

  /** For `useSyncExternalStore`. */
  readonly subscribe = (listener: () => void): (() => void) => this.publisher.subscribe(listener);

  /** For `useSyncExternalStore`: the same object until something changes. */
  readonly getSnapshot = (): PodEventsSnapshot => this.publisher.getSnapshot();

  /** Stops watching; no listener is called afterwards. Idempotent. */
  close(): void {
    this.abort.abort();
    this.publisher.close();
  }

  private onState(state: ListWatchState): void {
    const { error: _e, forbidden: _f, ...rest } = this.current;
    this.current = { ...rest, state };
    if (state.kind === 'failed') {
      this.current.error = state.failure.message;
      if (state.failure.kind === 'forbidden') this.current.forbidden = state.failure.message;
    } else if (state.kind === 'reconnecting') {
      this.current.error = state.error;
    }
    this.publisher.invalidate();
  }
}
