/**
 * From the stores' snapshots to the rows on screen: rows (cached per pod version) → sort → filter, each step
 * remembered with its inputs and each proportional to what changed (IncrementalRows, IncrementalFilter). Sorting
 * before filtering lets the filter keep the sorted order, so a filter typed at 100,000 pods never sorts. Outside
 * React so that the render gate can derive a publish's rows before deciding whether it changes the screen, and the
 * render that follows finds them already made.
 */
import type { ColumnId } from '../domain/columns.js';
import { columnsFor } from '../domain/columns.js';
import type { RowFilter } from '../domain/filter.js';
import { NO_FILTER, parseFilter } from '../domain/filter.js';
import type { PodHealth } from '../domain/podHealth.js';
import type { PodRow } from '../domain/podRow.js';
import type { SortState } from '../domain/sort.js';
import type { MetricsSnapshot, PodUsage } from '../kube/metricsStore.js';
import type { PodSnapshot } from '../kube/podSnapshot.js';
import { IncrementalFilter } from './incrementalFilter.js';
import { IncrementalRows } from './incrementalRows.js';
import { SearchTextMemory } from './rowMemory.js';

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
  counts: Readonly<Record<PodHealth, number>>;
  columns: ColumnId[];
  filter: RowFilter;
  metricsAvailable: boolean;
}

/** One remembered step: its inputs (compared by identity) and its output. */
interface Step<T> {
  inputs: readonly unknown[];
  value: T;
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

export class PodRowsDeriver {
  private readonly incremental = new IncrementalRows();
  private readonly filter = new IncrementalFilter();
  private readonly searchTexts = new SearchTextMemory();
  private all: Step<readonly PodRow[]> | undefined;
  private counts: Step<Readonly<Record<PodHealth, number>>> | undefined;
  private columns: Step<ColumnId[]> | undefined;
  private parsed: Step<RowFilter> | undefined;
  private result: Step<PodRowsResult> | undefined;

  /** The rows for these inputs; the same object as last time when no input changed. */
  derive(input: PodRowsInput): PodRowsResult {
    const { pods, metrics, filter, sort, allNamespaces, wide, portForwards } = input;
    const metricsAvailable = metrics.availability === 'available';
    const usage: ReadonlyMap<string, PodUsage> | undefined = metricsAvailable ? metrics.pods : undefined;
    const all = (this.all = step(this.all, [pods.pods, usage, portForwards], () =>
      this.incremental.rows(pods.pods, usage, portForwards),
    )).value;
    // Counted along with the rows' changes (IncrementalRows), not over every row per flush.
    const counts = (this.counts = step(this.counts, [all], () => this.incremental.counts())).value;
    const columns = (this.columns = step(this.columns, [allNamespaces, metricsAvailable, wide], () =>
      columnsFor({ allNamespaces, metrics: metricsAvailable, wide }),
    )).value;
    const rowFilter = (this.parsed = step(this.parsed, [filter], () => {
      const parsed = parseFilter(filter);
      return parsed.ok ? parsed.filter : NO_FILTER;
    })).value;
    // Each remembers its last result itself.
    const sorted = this.incremental.sort(all, sort);
    const rows = this.filter.apply(
      sorted,
      this.incremental.lastPatch(),
      rowFilter,
      columns,
      this.searchTexts,
    );
    return (this.result = step(
      this.result,
      [rows, all, counts, columns, rowFilter, metricsAvailable],
      () => ({
        rows,
        total: all.length,
        counts,
        columns,
        filter: rowFilter,
        metricsAvailable,
      }),
    )).value;
  }
}

function step<T>(last: Step<T> | undefined, inputs: readonly unknown[], make: () => T): Step<T> {
  return last && same(last.inputs, inputs) ? last : { inputs, value: make() };
}
