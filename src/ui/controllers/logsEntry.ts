/**
 * Changes to the logs view's entry in UiState, computed from what the view published for the last frame
 * (viewData), so keys typed in a burst each act on the state the previous one left; and applying what was typed
 * in its input line (a search, a filter, where the logs start).
 */
import type { Dispatch } from 'react';
import { compilePattern } from '../../logs/matcher.js';
import { parseSince } from '../../logs/sinceOption.js';
import type { LogsInput, UiAction } from '../../state/uiState.js';
import type { LogsEntry } from '../../state/views.js';
import { matcherFor } from '../views/logMatchers.js';
import type { ViewData } from '../views/viewData.js';
import type { ControllerContext } from './types.js';

/** What the logs view published for its last frame. */
export type LogsData = Extract<ViewData, { kind: 'logs' }>;

/** Changes the logs view's entry. */
export function updateLogs(dispatch: Dispatch<UiAction>, update: (v: LogsEntry) => LogsEntry): void {
  dispatch({ type: 'updateView', kind: 'logs', update: (v) => (v.kind === 'logs' ? update(v) : v) });
}

/** The entry scrolled to `topSeq`: following pauses, and lines from now on count as new. */
export function pausedAt(v: LogsEntry, data: LogsData, topSeq: number): LogsEntry {
  return { ...v, follow: false, topSeq, pausedAt: v.follow ? data.nextSeq : v.pausedAt };
}

/** The entry for a new stream (other containers, another since): following from its start. */
export function restarted(v: LogsEntry): LogsEntry {
  return {
    ...v,
    follow: true,
    topSeq: 0,
    pausedAt: 0,
    search: v.search ? { ...v.search, current: undefined } : undefined,
  };
}

/** Shows the match `seq` a third of the way down (or where it is, when on screen) as the current one. */
export function goToMatch(v: LogsEntry, data: LogsData, seq: number): LogsEntry {
  const search = v.search ? { ...v.search, current: seq } : undefined;
  const top = data.topSeq ?? 0;
  const onScreen = seq >= top && (v.follow || seq <= (data.bottomSeq ?? top));
  if (onScreen) return { ...v, search };
  const at = Math.max(0, data.list.indexOf(seq) - Math.floor(data.height / 3));
  return { ...pausedAt(v, data, data.list.count ? data.list.seqAt(at) : seq), search };
}

/** Applies what was typed in the logs view's input line: a search, a filter, or where the logs start. */
export function acceptLogsInput(ctx: ControllerContext, draft: string, input: LogsInput): void {
  const { top, dispatch } = ctx;
  const data = ctx.viewData.current;
  if (top?.kind !== 'logs') return;
  const fail = (e: unknown): void => ctx.flash((e as Error).message, 'error');
  dispatch({ type: 'closeModal' });
  if (input === 'since') {
    try {
      const since = parseSince(draft);
      updateLogs(dispatch, (v) => restarted({ ...v, since }));
    } catch (e) {
      fail(e);
    }
    return;
  }
  if (draft === '') {
    updateLogs(dispatch, (v) =>
      input === 'search' ? { ...v, search: undefined } : { ...v, filter: undefined },
    );
    return;
  }
  try {
    compilePattern(draft);
  } catch (e) {
    fail(e);
    return;
  }
  if (input === 'filter') {
    updateLogs(dispatch, (v) => ({ ...v, filter: { pattern: draft }, follow: true }));
    return;
  }
  updateLogs(dispatch, (v) => ({ ...v, search: { pattern: draft, current: undefined } }));
  if (data?.kind !== 'logs') return;
  const matcher = matcherFor(data.session, draft, 0);
  // Following: the newest match; reading: the first one from the top of the screen down.
  const seq = top.follow ? matcher.prev(data.nextSeq, false) : matcher.next((data.topSeq ?? 0) - 1);
  if (seq === undefined) return ctx.flash(`no match for ${draft}`, 'error');
  updateLogs(dispatch, (v) => goToMatch(v, data, seq));
}
