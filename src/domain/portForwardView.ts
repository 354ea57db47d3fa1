/**
 * A port-forward as the forwards list shows it: the state a forward is in (never "active" unless the last check
 * of its stream succeeded), and the texts of its cells. The registry (kube/portForward) publishes these types.
 */
import { humanDuration } from './duration.js';

/** Where a forward stands. */
export type ForwardState =
  /** The last check (or stream) to the pod's port worked. */
  | { readonly kind: 'active' }
  /** A stream failed while the pod runs: a check is under way. `attempt` counts checks since it was active. */
  | { readonly kind: 'reconnecting'; readonly reason: string; readonly attempt: number }
  /**
   * The pod is gone or not running, or the last check failed. With `retryAt` (epoch ms) the next check is
   * scheduled; without it the forward waits for the pod to run again.
   */
  | { readonly kind: 'failed'; readonly reason: string; readonly retryAt?: number }
  /** A forward that follows a Service or workload (issue 16) with no Ready pod behind it: it waits for one. */
  | { readonly kind: 'waiting'; readonly reason: string };

/** One forward, as a snapshot. */
export interface ForwardInfo {
  /** Unique in the registry, stable for the forward's life. */
  readonly id: string;
  readonly namespace: string;
  readonly pod: string;
  /** The container whose declared port was picked, if one was (informative: containers share the pod network). */
  readonly container?: string;
  readonly address: string;
  readonly localPort: number;
  readonly remotePort: number;
  /** `http://127.0.0.1:8080` */
  readonly url: string;
  readonly state: ForwardState;
  /** Local connections being forwarded now. */
  readonly connections: number;
  /** Bytes received from the pod, over every connection so far. */
  readonly bytesFromPod: number;
  /** Bytes sent to the pod, over every connection so far. */
  readonly bytesToPod: number;
  /** Epoch ms. */
  readonly startedAt: number;
  /**
   * For a forward that follows a Service or workload (issue 16): what it follows (`svc/frontend`) and how many
   * times new connections moved to another pod. `pod` is then the pod they go to now ('' while there is none).
   */
  readonly follow?: { readonly target: string; readonly switches: number };
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Bytes in a short form: `512B`, `1.5KiB`, `23MiB`, `4.2GiB` (one decimal under 10).
 * @param bytes a count of bytes
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value}B`;
  const text = value < 10 ? (Math.floor(value * 10) / 10).toFixed(1) : String(Math.floor(value));
  return `${text}${UNITS[unit]}`;
}

/**
 * The STATE cell: `active`, `reconnecting (attempt 2): why`, `failed: why`, `failed (retry in 4s): why`.
 * @param state the forward's state
 * @param now epoch ms, for the retry countdown
 */
export function forwardStateText(state: ForwardState, now: number): string {
  switch (state.kind) {
    case 'active':
      return 'active';
    case 'reconnecting':
      return `reconnecting (attempt ${state.attempt}): ${state.reason}`;
    case 'waiting':
      return `waiting: ${state.reason}`;
    case 'failed': {
      if (state.retryAt === undefined) return `failed: ${state.reason}`;
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return `failed (retry in ${seconds}s): ${state.reason}`;
    }
  }
}

/** The PORTS cell: `8080→80`, or `8080` when both are the same. */
export function forwardPortsText(f: Pick<ForwardInfo, 'localPort' | 'remotePort'>): string {
  return f.localPort === f.remotePort ? String(f.localPort) : `${f.localPort}→${f.remotePort}`;
}

/** The TARGET cell of a forward that follows a Service or workload: `svc/frontend (1 switch)`; '' otherwise. */
export function followText(f: Pick<ForwardInfo, 'follow'>): string {
  if (!f.follow) return '';
  const n = f.follow.switches;
  return `${f.follow.target} (${n} ${n === 1 ? 'switch' : 'switches'})`;
}

/** The cells of one row of the forwards list. */
export function forwardCells(
  f: ForwardInfo,
  now: number,
): Readonly<
  Record<'target' | 'pod' | 'container' | 'ports' | 'url' | 'state' | 'conns' | 'in' | 'out' | 'age', string>
> {
  return {
    target: followText(f),
    pod: f.follow && f.pod === '' ? `${f.namespace}/—` : `${f.namespace}/${f.pod}`,
    container: f.container ?? '',
    ports: forwardPortsText(f),
    url: f.url,
    state: forwardStateText(f.state, now),
    conns: String(f.connections),
    in: formatBytes(f.bytesFromPod),
    out: formatBytes(f.bytesToPod),
    age: humanDuration(now - f.startedAt),
  };
}
