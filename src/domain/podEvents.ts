/**
 * A pod's Events for the events pane and the "why isn't it running" line: kubectl's age text
 * (`2m (x4 over 5m)`), the source, the container an event is about (from `involvedObject.fieldPath`, e.g.
 * `spec.containers{web}`), newest first, and the latest Warning.
 */
import { humanDuration, parseTimestamp } from './duration.js';
import type { KubeEvent } from './wire.js';

/** One event as the pane shows it. */
export interface PodEventRow {
  /** `metadata.namespace/metadata.name`: stable while the event's count grows. */
  key: string;
  type: string;
  warning: boolean;
  reason: string;
  /** kubectl's Age column: `45s`, or `2m (x4 over 5m)` for a repeated event. */
  age: string;
  /** kubectl's From column: the source component, or the reporting controller. */
  from: string;
  /** The whole message, trimmed. */
  message: string;
  count: number;
  /** The container the event is about, when it names one. */
  container?: string;
  /** When it was last seen, epoch ms (undefined when the event carries no time at all). */
  lastSeen?: number;
}

/** Why a pod isn't running, in the kubelet's or scheduler's words. */
export interface LatestWarning {
  reason: string;
  message: string;
  container?: string;
  /** Epoch ms. */
  lastSeen?: number;
}

/** kubectl's `translateTimestampSince`: `<unknown>` for a missing time. */
function since(timestamp: string | undefined | null, now: number): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now - ms);
}

/**
 * The Age column of `kubectl describe`: when first seen, or `last (xN over first)` for repeats (the events.k8s.io
 * series when present, else the core count).
 * @param e the event
 * @param now the current time in epoch ms
 */
export function eventAge(e: KubeEvent, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** kubectl's From column. */
export function eventSource(e: KubeEvent): string {
  return e.source?.component || e.reportingComponent || '';
}

/**
 * The container named by an involvedObject fieldPath: `spec.containers{web}` → `web` (also initContainers and
 * ephemeralContainers); undefined for events about the pod itself.
 */
export function containerOfFieldPath(fieldPath: string | undefined): string | undefined {
  const m = /^spec\.(?:containers|initContainers|ephemeralContainers)\{(.+)\}$/.exec(fieldPath ?? '');
  return m?.[1];
}

/** When the event was last seen: the series' last observation, lastTimestamp, eventTime, or firstTimestamp. */
export function eventLastSeen(e: KubeEvent): number | undefined {
  return (
    parseTimestamp(e.series?.lastObservedTime) ??
    parseTimestamp(e.lastTimestamp) ??
    parseTimestamp(e.eventTime) ??
    parseTimestamp(e.firstTimestamp) ??
    parseTimestamp(e.metadata?.creationTimestamp)
  );
}

/** Newest first; ties keep the server's order (by name, which the kubelet makes time-ordered) reversed. */
function newestFirst(events: readonly KubeEvent[]): KubeEvent[] {
  return events
    .map((e, i) => ({ e, i, t: eventLastSeen(e) ?? -Infinity }))
    .sort((a, b) => b.t - a.t || b.i - a.i)
    .map((x) => x.e);
}

/**
 * The pane's rows, newest first.
 * @param events the pod's events in any order
 * @param now the current time in epoch ms
 */
export function podEventRows(events: readonly KubeEvent[], now: number): PodEventRow[] {
  return newestFirst(events).map((e) => {
    const container = containerOfFieldPath(e.involvedObject?.fieldPath);
    const lastSeen = eventLastSeen(e);
    return {
      key: `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`,
      type: e.type ?? '',
      warning: e.type === 'Warning',
      reason: e.reason ?? '',
      age: eventAge(e, now),
      from: eventSource(e),
      message: (e.message ?? '').trim(),
      count: e.series?.count ?? e.count ?? 1,
      ...(container === undefined ? {} : { container }),
      ...(lastSeen === undefined ? {} : { lastSeen }),
    };
  });
}

/**
 * The most recent Warning, for a "why isn't it running" line: for a pod stuck on `ngnx:latest` that is the
 * kubelet's failed pull (or its back-off), with the container it is about.
 * @param events the pod's events in any order
 */
/** A kubelet message that only names the state, e.g. `Error: ImagePullBackOff`. */
const GENERIC = /^Error: [A-Za-z]+$/;

export function latestWarning(events: readonly KubeEvent[]): LatestWarning | undefined {
  const warnings = newestFirst(events).filter((x) => x.type === 'Warning');
  // The kubelet follows a failure with a bare "Error: ImagePullBackOff" that only repeats the status: the newest
  // warning that says more (the failed pull and why) answers the question.
  const e = warnings.find((x) => !GENERIC.test((x.message ?? '').trim())) ?? warnings[0];
  if (!e) return undefined;
  const container = containerOfFieldPath(e.involvedObject?.fieldPath);
  const lastSeen = eventLastSeen(e);
  return {
    reason: e.reason ?? '',
    message: (e.message ?? '').trim(),
    ...(container === undefined ? {} : { container }),
    ...(lastSeen === undefined ? {} : { lastSeen }),
  };
}
