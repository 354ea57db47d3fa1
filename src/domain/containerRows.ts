/**
 * The containers view: one row per container of a pod — init containers, sidecars (init containers with
 * `restartPolicy: Always`), main and ephemeral containers, in the order the pod runs them — with its state and
 * reason, restarts, last termination, ports, probes, and CPU/memory requests, limits and (from metrics) usage.
 */
import { cpuMillis, memoryBytes } from './quantity.js';
import { humanDuration, parseTimestamp } from './duration.js';
import { restartsText } from './podStatus.js';
import type { PodUsage } from './usage.js';
import { formatCpu, formatMemory } from './usage.js';
import type { Container, ContainerStatus, Pod } from './wire.js';

export type ContainerKind = 'init' | 'sidecar' | 'main' | 'ephemeral';

/** Running, waiting, terminated, or no status reported yet. */
export type ContainerStateKind = 'running' | 'waiting' | 'terminated' | 'unknown';

type Probe = NonNullable<Container['livenessProbe']>;

export interface ContainerRow {
  /** `kind/name`: unique within the pod, stable across updates (for selection). */
  key: string;
  name: string;
  kind: ContainerKind;
  image: string;
  ready: boolean;
  /** `Running`, `Waiting: CrashLoopBackOff`, `Terminated: OOMKilled (exit 137)`, `Terminated: Completed (exit 0)`. */
  state: string;
  stateKind: ContainerStateKind;
  /** The waiting or terminated message (a back-off's "back-off 5m0s restarting failed container…"), if any. */
  message?: string;
  restartCount: number;
  /** As the pod list's RESTARTS: `0`, `5 (3m ago)`. */
  restarts: string;
  /** `OOMKilled (exit 137) 3m ago`, or empty when it never terminated before. */
  lastTermination: string;
  /** `80/TCP, 8443/TCP (https)`, or empty. */
  ports: string;
  /** Short probe summary, e.g. `L:http :8080/healthz R:tcp :5432 S:exec`, or empty. */
  probes: string;
  cpuRequest: string;
  cpuLimit: string;
  memRequest: string;
  memLimit: string;
  /** From metrics when given: `12m`, `45Mi`; undefined when there is no sample for this container. */
  cpuUsage?: string;
  memUsage?: string;
}

const NONE = '-';

function exitText(t: { exitCode?: number; signal?: number }): string {
  return t.signal ? `signal ${t.signal}` : `exit ${t.exitCode ?? 0}`;
}

function stateOf(status: ContainerStatus | undefined): Pick<ContainerRow, 'state' | 'stateKind' | 'message'> {
  const s = status?.state;
  const withMessage = (m: string | undefined) => (m ? { message: m } : {});
  if (s?.running) return { state: 'Running', stateKind: 'running' };
  if (s?.waiting) {
    const reason = s.waiting.reason;
    return {
      state: reason ? `Waiting: ${reason}` : 'Waiting',
      stateKind: 'waiting',
      ...withMessage(s.waiting.message),
    };
  }
  if (s?.terminated) {
    const t = s.terminated;
    const reason = t.reason ? `: ${t.reason}` : '';
    return {
      state: `Terminated${reason} (${exitText(t)})`,
      stateKind: 'terminated',
      ...withMessage(t.message),
    };
  }
  return status ? { state: 'Waiting', stateKind: 'waiting' } : { state: 'Unknown', stateKind: 'unknown' };
}

function lastTermination(status: ContainerStatus | undefined, now: number): string {
  const t = status?.lastState?.terminated;
  if (!t) return '';
  const finished = parseTimestamp(t.finishedAt);
  const when = finished === undefined ? '' : ` ${humanDuration(now - finished)} ago`;
  return `${t.reason || 'Terminated'} (${exitText(t)})${when}`;
}

function portsText(c: Container): string {
  return (c.ports ?? [])
    .map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`)
    .join(', ');
}

function probeShort(p: Probe): string {
  if (p.httpGet) return `http ${p.httpGet.host ?? ''}:${String(p.httpGet.port)}${p.httpGet.path ?? ''}`;
  if (p.tcpSocket) return `tcp ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)}`;
  if (p.grpc) return `grpc :${p.grpc.port}`;
  if (p.exec) return `exec ${(p.exec.command ?? []).join(' ')}`.trimEnd();
  return 'unknown';
}

function probesText(c: Container): string {
  const parts: string[] = [];
  if (c.livenessProbe) parts.push(`L:${probeShort(c.livenessProbe)}`);
  if (c.readinessProbe) parts.push(`R:${probeShort(c.readinessProbe)}`);
  if (c.startupProbe) parts.push(`S:${probeShort(c.startupProbe)}`);
  return parts.join(' ');
}

function quantity(list: Record<string, unknown> | undefined, name: 'cpu' | 'memory'): string {
  const q = list?.[name];
  if (q === undefined || q === null) return NONE;
  const text = String(q as string | number);
  const v = name === 'cpu' ? cpuMillis(text) : memoryBytes(text);
  if (v === undefined) return text;
  return name === 'cpu' ? formatCpu(v) : formatMemory(v);
}

function row(
  c: Container,
  kind: ContainerKind,
  status: ContainerStatus | undefined,
  now: number,
  usage: PodUsage | undefined,
): ContainerRow {
  const lastRestart = parseTimestamp(status?.lastState?.terminated?.finishedAt);
  const restartCount = status?.restartCount ?? 0;
  const resources = c.resources as
    { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined;
  return {
    key: `${kind}/${c.name}`,
    name: c.name,
    kind,
    image: c.image ?? '',
    ready: status?.ready === true,
    ...stateOf(status),
    restartCount,
    restarts: restartsText(restartCount, lastRestart, now),
    lastTermination: lastTermination(status, now),
    ports: portsText(c),
    probes: probesText(c),
    cpuRequest: quantity(resources?.requests, 'cpu'),
    cpuLimit: quantity(resources?.limits, 'cpu'),
    memRequest: quantity(resources?.requests, 'memory'),
    memLimit: quantity(resources?.limits, 'memory'),
    ...(usage ? { cpuUsage: formatCpu(usage.cpuMilli), memUsage: formatMemory(usage.memBytes) } : {}),
  };
}

/**
 * Every container of the pod as a row: init containers and sidecars (in spec order, as they start), then main
 * containers, then ephemeral (debug) containers.
 * @param pod the full pod
 * @param now the current time in epoch ms
 * @param usage per-container usage by container name (from pod metrics), when known
 */
export function containerRows(pod: Pod, now: number, usage?: ReadonlyMap<string, PodUsage>): ContainerRow[] {
  const spec = pod.spec;
  const status = pod.status;
  const find = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  return [
    ...(spec?.initContainers ?? []).map((c) =>
      row(
        c,
        c.restartPolicy === 'Always' ? 'sidecar' : 'init',
        find(status?.initContainerStatuses, c.name),
        now,
        usage?.get(c.name),
      ),
    ),
    ...(spec?.containers ?? []).map((c) =>
      row(c, 'main', find(status?.containerStatuses, c.name), now, usage?.get(c.name)),
    ),
    ...((spec?.ephemeralContainers ?? []) as Container[]).map((c) =>
      row(c, 'ephemeral', find(status?.ephemeralContainerStatuses, c.name), now, usage?.get(c.name)),
    ),
  ];
}
