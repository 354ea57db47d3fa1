/**
 * The pod table's memory between flushes: the row built for each pod object, one copy of each repeated cell text,
 * and each row's searched text for a regex filter. The pure functions of src/domain/podRow.ts and filter.ts take
 * these as arguments, so the state lives with the table that uses it (one PodRowsDeriver per dashboard) instead of
 * in a module of the domain.
 */
import type { HaystackMemory } from '../domain/filter.js';
import type { PodRow, RowMemory } from '../domain/podRow.js';
import type { Pod } from '../domain/wire.js';
import { StringIntern } from '../kube/stringIntern.js';

/** Rows by pod object (dropped with the object) and interned cell texts ("1/1", "12m", "64Mi", labels). */
export class PodRowMemory implements RowMemory {
  private readonly rows = new WeakMap<Pod, PodRow>();
  private readonly cells = new StringIntern();

  row(pod: Pod): PodRow | undefined {
    return this.rows.get(pod);
  }

  remember(pod: Pod, row: PodRow): void {
    this.rows.set(pod, row);
  }

  intern(text: string): string {
    return this.cells.intern(text);
  }
}

/** Each row's searched text for the last column set only, so it never grows past one text per live row. */
export class SearchTextMemory implements HaystackMemory {
  private columns = '';
  private texts = new WeakMap<PodRow, string>();

  get(row: PodRow, columns: string): string | undefined {
    return columns === this.columns ? this.texts.get(row) : undefined;
  }

  set(row: PodRow, columns: string, text: string): void {
    if (columns !== this.columns) {
      this.columns = columns;
      this.texts = new WeakMap();
    }
    this.texts.set(row, text);
  }
}
