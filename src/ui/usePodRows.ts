/**
 * From the stores' snapshots to the rows on screen: rows (cached per pod version) → filter → sort. Each step is
 * memoised on its inputs, so moving the selection recomputes nothing and a flush rebuilds only changed rows.
 */
import { useMemo, useRef } from 'react';
import type { ColumnId } from '../domain/columns.js';
import { columnsFor } from '../domain/columns.js';
import type { RowFilter } from '../domain/filter.js';
import { filterRows, NO_FILTER, parseFilter } from '../domain/filter.js';
import type { PodHealth } from '../domain/podHealth.js';
import type { PodRow } from '../domain/podRow.js';
import type { SortState } from '../domain/sort.js';
import type { MetricsSnapshot } from '../kube/metricsStore.js';
import type { PodSnapshot } from '../kube/podSnapshot.js';
import { IncrementalRows } from './incrementalRows.js';

export interface PodRowsInput {
  pods: PodSnapshot;
  metrics: MetricsSnapshot;
  filter: string;
  sort: SortState | undefined;
  allNamespaces: boolean;
  wide: boolean;
  /** Keys of pods with a port-forward (the PF column). */
  portForwards?: ReadonlySet<string> | undefined;
}

export interface PodRowsResult {
  rows: readonly PodRow[];
  /** Every pod, before the filter. */
  total: number;
  counts: Record<PodHealth, number>;
  columns: ColumnId[];
  filter: RowFilter;
  metricsAvailable: boolean;
}

const EMPTY_COUNTS: Record<PodHealth, number> = {
  healthy: 0,
  pending: 0,
  warning: 0,
  failed: 0,
  completed: 0,
  terminating: 0,
};

export function usePodRows(input: PodRowsInput): PodRowsResult {
  const { pods, metrics, filter, sort, allNamespaces, wide, portForwards } = input;
  const metricsAvailable = metrics.availability === 'available';
  const usage = metricsAvailable ? metrics.pods : undefined;
  const incremental = useRef<IncrementalRows>(null);
  incremental.current ??= new IncrementalRows();
  const rowsOf = incremental.current;
  const all = useMemo(() => rowsOf.rows(pods.pods, usage, portForwards), [rowsOf, pods, usage, portForwards]);
  const counts = useMemo(() => {
    const c = { ...EMPTY_COUNTS };
    for (const r of all) c[r.health]++;
    return c;
  }, [all]);
  const columns = useMemo(
    () => columnsFor({ allNamespaces, metrics: metricsAvailable, wide }),
    [allNamespaces, metricsAvailable, wide],
  );
  const parsed = useMemo(() => parseFilter(filter), [filter]);
  const rowFilter = parsed.ok ? parsed.filter : NO_FILTER;
  const filtered = useMemo(() => filterRows(all, rowFilter, columns), [all, rowFilter, columns]);
  const rows = useMemo(() => rowsOf.sort(filtered, sort), [rowsOf, filtered, sort]);
  return {
    rows,
    total: all.length,
    counts,
    columns,
    filter: rowFilter,
    metricsAvailable,
  };
}
