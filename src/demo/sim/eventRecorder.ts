/**
 * Records Events about objects as the kubelet and controllers do: the same reason and message about the same
 * object again bumps `count` and `lastTimestamp` instead of adding a row (so describe prints "(x4 over 5m)").
 * Old events expire after a TTL, and the total is capped, so a long churn run stays bounded.
 */
import type { KubeEvent, KubeObject } from '../../domain/wire.js';
import type { ObjectStore } from '../store/objectStore.js';
import { rfc3339 } from '../store/objectStore.js';
import { EVENTS } from '../store/resourceTypes.js';

export interface EventSource {
  component: string;
  host?: string;
}

const TTL_MS = 60 * 60 * 1000;

export class EventRecorder {
  /** Aggregation key → event name. */
  private readonly byKey = new Map<string, { namespace: string; name: string; at: number }>();
  private seq = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number = Date.now,
    private readonly cap = 5000,
  ) {}

  /** Records an event about `object` (optionally about one of its containers, via fieldPath). */
  record(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const meta = object.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    const key = [meta.uid, fieldPath ?? '', reason, message].join('\u0000');
    const ts = rfc3339(this.now());
    const existing = this.byKey.get(key);
    if (existing && this.store.get(EVENTS, existing.namespace, existing.name)) {
      existing.at = this.now();
      this.store.update(EVENTS, existing.namespace, existing.name, (e) => {
        const ev = e as unknown as KubeEvent;
        ev.count = (ev.count ?? 1) + 1;
        ev.lastTimestamp = ts;
      });
      return;
    }
    // As the kubelet names them: the pod name and the time in nanoseconds, in hex — so names sort by time.
    this.seq = (this.seq + 1) % 1_000_000;
    const name = `${meta.name}.${(BigInt(this.now()) * 1_000_000n + BigInt(this.seq)).toString(16)}`;
    const event: KubeEvent = {
      metadata: { name, namespace },
      involvedObject: {
        kind: String(object.kind ?? ''),
        namespace,
        name: meta.name ?? '',
        uid: meta.uid ?? '',
        apiVersion: String(object.apiVersion ?? 'v1'),
        resourceVersion: meta.resourceVersion ?? '',
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: undefined,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    delete (event as { eventTime?: unknown }).eventTime;
    this.store.create(EVENTS, event as unknown as KubeObject);
    this.byKey.set(key, { namespace, name, at: this.now() });
    this.expire();
  }

  /** Drops expired events and, past the cap, the least recently seen ones. */
  private expire(): void {
    const cutoff = this.now() - TTL_MS;
    if (this.byKey.size <= this.cap) {
      // Cheap path: only look at the oldest entries (Map keeps insertion order; updates don't reorder, which is
      // fine: an updated event is merely kept a little longer than its TTL).
      for (const [k, v] of this.byKey) {
        if (v.at >= cutoff) break;
        this.drop(k, v);
      }
      return;
    }
    const entries = [...this.byKey].sort((a, b) => a[1].at - b[1].at);
    for (const [k, v] of entries.slice(0, this.byKey.size - this.cap)) this.drop(k, v);
  }

  private drop(key: string, v: { namespace: string; name: string }): void {
    this.byKey.delete(key);
    this.store.remove(EVENTS, v.namespace, v.name);
  }
}
