/**
 * One row of the live pod table, derived from a Pod. Rows are remembered per pod object in a `RowMemory` the caller
 * owns (the dashboard's is src/ui/rowMemory.ts): the store hands out a new object for every version of a pod and
 * keeps the old object for unchanged ones, so a flush that changes 1 pod among 10,000 rebuilds one row. Everything that does not depend on the clock is computed once here; AGE and RESTARTS'
 * "(3m ago)" are produced on demand (`cellText`) for the rows actually on screen, from plain fields: no per-row
 * closure, which cost 10,000 rows about 1.2 MB.
 */
import type { ColumnId } from './columns.js';
import { humanDuration, parseTimestamp } from './duration.js';
import { podHealth, type PodHealth } from './podHealth.js';
import { podPrintRow, podRestarts } from './podStatus.js';
import { formatCpu, formatMemory, type PodUsage } from './usage.js';
import type { Pod } from './wire.js';

/** Columns whose text changes with the clock. */
export type TimeColumnId = 'age' | 'restarts';

/** Columns whose text is fixed for a given pod version (and its metrics and port-forward state). */
export type StaticColumnId = Exclude<ColumnId, TimeColumnId>;

/** What a column sorts on: numbers numerically, strings by code unit; undefined (no value) sorts last. */
export type SortKey = string | number | undefined;

/** The PF cell of a pod with an active port-forward. */
export const PORT_FORWARD_MARK = '⇄';

/** The CPU/MEM cell of a pod without metrics (not running, or not scraped yet), as k9s shows it. */
export const NO_METRICS = 'n/a';

/** A pod as the table shows it. */
export interface PodRow {
  /** `namespace/name`: how the selection and marks refer to the pod across versions. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  /** The version this row was built from. */
  readonly pod: Pod;
  readonly health: PodHealth;
  readonly restartCount: number;
  /** Creation time, epoch ms; undefined when the pod has none (AGE shows `<unknown>`). */
  readonly created: number | undefined;
  readonly usage: PodUsage | undefined;
  readonly portForward: boolean;
  /** Cell texts that do not depend on the clock. */
  readonly text: Readonly<Record<StaticColumnId, string>>;
  readonly sortKeys: Readonly<Record<ColumnId, SortKey>>;
}

/** What a row shows besides the pod itself. */
export interface RowContext {
  /** The pod's current metrics usage, if the cluster serves metrics and has scraped it. */
  readonly usage?: PodUsage | undefined;
  /** Whether a port-forward to the pod is active. */
  readonly portForward?: boolean | undefined;
}

/** kubectl's `labels.FormatLabels`: keys sorted, `k=v` joined by commas, `<none>` for no labels. */
function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** "3/4" → 0.75; "<none>" or "0/0" → undefined, so pods without the thing sort after those with it. */
function ratio(text: string): number | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match || match[2] === '0') return undefined;
  return Number(match[1]) / Number(match[2]);
}

/** IPv4 zero-padded so the addresses sort as numbers with a plain string compare; `<none>` sorts last. */
function ipSortKey(ip: string): SortKey {
  if (ip === '<none>') return undefined;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!v4) return ip.toLowerCase();
  return v4
    .slice(1)
    .map((octet) => octet.padStart(3, '0'))
    .join('.');
}

function noneLast(text: string): SortKey {
  return text === '<none>' ? undefined : text;
}

/**
 * What rows are remembered in between flushes. The domain keeps no state: the caller owns one of these for as long
 * as its rows live (src/ui/rowMemory.ts's PodRowMemory for the dashboard; NO_ROW_MEMORY remembers nothing).
 */
export interface RowMemory {
  /** The row last built for this very pod object, if any. */
  row(pod: Pod): PodRow | undefined;
  /** Remembers the row built for a pod object (for as long as the object lives). */
  remember(pod: Pod, row: PodRow): void;
  /** One shared copy of a cell text that many rows repeat ("1/1", "12m", "64Mi", a Deployment's labels). */
  intern(text: string): string;
}

/** A memory that keeps nothing: every call builds the row afresh (one-off rows, tests of the printer). */
export const NO_ROW_MEMORY: RowMemory = {
  row: () => undefined,
  remember: () => {},
  intern: (text) => text,
};

/**
 * A row's sort keys, computed when a sort asks for one instead of kept per row: a row is sorted on one column at
 * a time, if at all, and 16 stored keys (with the IP's padded copy) cost 10,000 rows about 2 MB.
 */
class RowSortKeys implements Readonly<Record<ColumnId, SortKey>> {
  constructor(
    private readonly t: Readonly<Record<StaticColumnId, string>>,
    private readonly restartCount: number,
    private readonly created: number | undefined,
    private readonly usage: PodUsage | undefined,
  ) {}
  get namespace(): SortKey {
    return this.t.namespace;
  }
  get name(): SortKey {
    return this.t.name;
  }
  get pf(): SortKey {
    return this.t.pf === '' ? 0 : 1;
  }
  get ready(): SortKey {
    return ratio(this.t.ready);
  }
  get status(): SortKey {
    return this.t.status;
  }
  get restarts(): SortKey {
    return this.restartCount;
  }
  get age(): SortKey {
    return this.created;
  }
  get cpu(): SortKey {
    return this.usage?.cpuMilli;
  }
  get mem(): SortKey {
    return this.usage?.memBytes;
  }
  get ip(): SortKey {
    return ipSortKey(this.t.ip);
  }
  get node(): SortKey {
    return noneLast(this.t.node);
  }
  get nominatedNode(): SortKey {
    return noneLast(this.t.nominatedNode);
  }
  get readinessGates(): SortKey {
    return ratio(this.t.readinessGates);
  }
  get qos(): SortKey {
    return noneLast(this.t.qos);
  }
  get serviceAccount(): SortKey {
    return noneLast(this.t.serviceAccount);
  }
  get labels(): SortKey {
    return noneLast(this.t.labels);
  }
}

function buildRow(pod: Pod, context: RowContext, cells: RowMemory): PodRow {
  // Nothing but RESTARTS and AGE read the clock, and both are recomputed per frame by cellText.
  const print = podPrintRow(pod, 0);
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  // podStatus keeps the count inside its summary; the printed "5 (…ago)" starts with it.
  const restartCount = Number.parseInt(print.restarts, 10) || 0;
  const created = parseTimestamp(pod.metadata?.creationTimestamp);
  const qos = pod.status?.qosClass || '<none>';
  const serviceAccount = pod.spec?.serviceAccountName || '<none>';
  const labels = formatLabels(pod.metadata?.labels);
  const usage = context.usage;
  const portForward = context.portForward ?? false;
  const text: Record<StaticColumnId, string> = {
    namespace,
    name,
    pf: portForward ? PORT_FORWARD_MARK : '',
    ready: cells.intern(print.ready),
    status: print.status,
    cpu: usage ? cells.intern(formatCpu(usage.cpuMilli)) : NO_METRICS,
    mem: usage ? cells.intern(formatMemory(usage.memBytes)) : NO_METRICS,
    ip: print.ip,
    node: print.node,
    nominatedNode: print.nominatedNode,
    readinessGates: cells.intern(print.readinessGates),
    qos,
    serviceAccount,
    labels: cells.intern(labels),
  };
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    pod,
    health: podHealth(pod, 0),
    restartCount,
    created,
    usage,
    portForward,
    text,
    sortKeys: new RowSortKeys(text, restartCount, created, usage),
  };
}

/** The same row with other metrics or port-forward state: the pod-derived parts are shared, not recomputed. */
function withContext(row: PodRow, context: RowContext, cells: RowMemory): PodRow {
  const usage = context.usage;
  const portForward = context.portForward ?? false;
  const text = {
    ...row.text,
    pf: portForward ? PORT_FORWARD_MARK : '',
    cpu: usage ? cells.intern(formatCpu(usage.cpuMilli)) : NO_METRICS,
    mem: usage ? cells.intern(formatMemory(usage.memBytes)) : NO_METRICS,
  };
  return {
    ...row,
    usage,
    portForward,
    text,
    sortKeys: new RowSortKeys(text, row.restartCount, row.created, usage),
  };
}

function sameUsage(a: PodUsage | undefined, b: PodUsage | undefined): boolean {
  return a === b || (a?.cpuMilli === b?.cpuMilli && a?.memBytes === b?.memBytes);
}

/**
 * The row for one pod version, from the memory when this very object was seen before with the same context. A row
 * keeps its identity while nothing it shows changes, so the table can skip re-rendering it.
 * @param pod the pod as it came off the wire (never mutated: a new version is a new object)
 * @param context metrics and port-forward state for the pod
 * @param memory where rows are remembered (the caller's); by default none is
 */
export function podRow(pod: Pod, context: RowContext = {}, memory: RowMemory = NO_ROW_MEMORY): PodRow {
  const cached = memory.row(pod);
  if (cached) {
    if (sameUsage(cached.usage, context.usage) && cached.portForward === (context.portForward ?? false)) {
      return cached;
    }
    const updated = withContext(cached, context, memory);
    memory.remember(pod, updated);
    return updated;
  }
  const row = buildRow(pod, context, memory);
  memory.remember(pod, row);
  return row;
}

/** Where rows get their metrics and port-forward state, keyed by `namespace/name`. */
export interface RowSources {
  /** Usage by pod key (the metrics store's `pods`); absent when the cluster does not serve metrics. */
  readonly usage?: ReadonlyMap<string, PodUsage> | undefined;
  /** Keys of pods with an active port-forward. */
  readonly portForwards?: ReadonlySet<string> | undefined;
}

const NO_SOURCES: RowSources = {};

/**
 * Rows for every pod of a snapshot, in the snapshot's order; cheap when few pods changed since the last call.
 * @param pods the pods of one store snapshot (e.g. `snapshot.pods.values()`)
 * @param sources metrics and port-forwards to join in
 * @param memory where rows are remembered between calls (the caller's); by default none is
 */
export function podRows(
  pods: Iterable<Pod>,
  sources: RowSources = NO_SOURCES,
  memory: RowMemory = NO_ROW_MEMORY,
): PodRow[] {
  const { usage, portForwards } = sources;
  const out: PodRow[] = [];
  for (const pod of pods) {
    // The key comes from the cached row when there is one, so an unchanged pod costs no string building.
    const key = memory.row(pod)?.key ?? `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
    out.push(podRow(pod, { usage: usage?.get(key), portForward: portForwards?.has(key) ?? false }, memory));
  }
  return out;
}

/**
 * The text of one cell, reading the clock only for AGE and RESTARTS.
 * @param row the row
 * @param id the column
 * @param now the current time in epoch milliseconds
 */
export function cellText(row: PodRow, id: ColumnId, now: number): string {
  if (id === 'age') return row.created === undefined ? '<unknown>' : humanDuration(now - row.created);
  // Only a pod that has restarted has an "(X ago)" that moves; the printer is re-run just for those.
  if (id === 'restarts') return row.restartCount === 0 ? '0' : podRestarts(row.pod, now);
  return row.text[id];
}
