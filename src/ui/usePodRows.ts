/**
 * The pods list's rows for the render, and the judge of the pod store's render gate: a flush reaches the screen
 * at once when it changes what the table shows (the rows in the window, the sync state other than a list's
 * count, an empty list), and
 * otherwise at most every half second (the header's counts, rows off-screen). Moving the selection recomputes
 * nothing; a flush rebuilds only changed rows (see PodRowsDeriver).
 */
import { useLayoutEffect, useRef } from 'react';
import type { PodRow } from '../domain/podRow.js';
import type { PodSnapshot } from '../kube/podSnapshot.js';
import { visibleRows } from './components/podTableLayout.js';
import { PodRowsDeriver, type PodRowsInput, type PodRowsResult } from './podRowsDeriver.js';
import type { GateDecision, RenderGate } from './renderGate.js';

export type { PodRowsInput, PodRowsResult } from './podRowsDeriver.js';

/** The table's window: the first row wanted and how many rows fit; undefined while the table is not shown. */
export interface RowsWindow {
  offset: number;
  height: number;
}

/** What the last committed render showed of the pods list. */
export interface Shown {
  pods: PodSnapshot;
  result: PodRowsResult;
  window: readonly PodRow[] | undefined;
}

/**
 * Rows for the render; teaches `gate` which pod store publishes change the screen.
 * @param input the snapshots and the list's settings
 * @param gate the pod store's render gate
 * @param window the table's window, or undefined when something else covers the table
 */
export function usePodRows(
  input: PodRowsInput,
  gate: RenderGate<PodSnapshot>,
  window: RowsWindow | undefined,
): PodRowsResult {
  const deriver = useRef<PodRowsDeriver>(null);
  deriver.current ??= new PodRowsDeriver();
  const derive = deriver.current;
  const result = derive.derive(input);
  const offset = window?.offset;
  const height = window?.height;
  useLayoutEffect(() => {
    const shown: Shown = {
      pods: input.pods,
      result,
      window: height === undefined ? undefined : visibleRows(result.rows, offset ?? 0, height),
    };
    gate.decide = (pods) => {
      const next = derive.derive({ ...input, pods });
      return changesScreen(shown, pods, next, offset, height);
    };
  });
  return result;
}

export function changesScreen(
  shown: Shown,
  pods: PodSnapshot,
  next: PodRowsResult,
  offset: number | undefined,
  height: number | undefined,
): GateDecision {
  if (pods.stale !== shown.pods.stale) return 'now';
  // A list in progress changes its count with every batch: the header catches up with the rows (below) or within
  // the half second; every other change of state (listing → live, an error) is shown at once.
  if (pods.sync !== shown.pods.sync && !(pods.sync.kind === 'listing' && shown.pods.sync.kind === 'listing'))
    return 'now';
  // The empty list's text says why it is empty.
  if ((next.total === 0) !== (shown.result.total === 0)) return 'now';
  if ((next.rows.length === 0) !== (shown.result.rows.length === 0)) return 'now';
  if (height === undefined || shown.window === undefined) return 'later';
  const window = visibleRows(next.rows, offset ?? 0, height);
  return sameRows(window, shown.window) ? 'later' : 'now';
}

function sameRows(a: readonly PodRow[], b: readonly PodRow[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
