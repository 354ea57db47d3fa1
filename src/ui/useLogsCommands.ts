/**
 * The logs view's keys: scrolling (which pauses following) and resuming, search with n/N, the filter and its
 * context, all containers merged or one, since / timestamps / wrap / JSON, and save. Every change goes into the
 * view's entry in UiState, computed from what the view published for the last frame (viewData), so keys typed in
 * a burst each act on the state the previous one left. Returns false for a command it does not handle.
 */
import type { Dispatch, RefObject } from 'react';
import { useCallback } from 'react';
import { scrollBy } from '../domain/logWindow.js';
import type { CommandId } from '../keymap/commands.js';
import { compilePattern } from '../logs/matcher.js';
import { formatSince, nextSincePreset, parseSince } from '../logs/sinceOption.js';
import type { LogsInput, UiAction, UiState } from '../state/uiState.js';
import type { LogsEntry, ViewEntry } from '../state/views.js';
import { matcherFor } from './views/logMatchers.js';
import type { ViewData } from './views/viewData.js';

type LogsData = Extract<ViewData, { kind: 'logs' }>;

export interface LogsCommandContext {
  ui: UiState;
  dispatch: Dispatch<UiAction>;
  viewData: RefObject<ViewData | undefined>;
}

const SCROLL: Partial<Record<CommandId, (page: number) => number>> = {
  'list.up': () => -1,
  'list.down': () => 1,
  'list.pageUp': (page) => -page,
  'list.pageDown': (page) => page,
  'list.top': () => -Infinity,
};

function updateLogs(dispatch: Dispatch<UiAction>, update: (v: LogsEntry) => LogsEntry): void {
  dispatch({ type: 'updateView', kind: 'logs', update: (v) => (v.kind === 'logs' ? update(v) : v) });
}

/** The entry scrolled to `topSeq`: following pauses, and lines from now on count as new. */
function pausedAt(v: LogsEntry, data: LogsData, topSeq: number): LogsEntry {
  return { ...v, follow: false, topSeq, pausedAt: v.follow ? data.nextSeq : v.pausedAt };
}

/** The entry for a new stream (other containers, another since): following from its start. */
function restarted(v: LogsEntry): LogsEntry {
  return {
    ...v,
    follow: true,
    topSeq: 0,
    pausedAt: 0,
    search: v.search ? { ...v.search, current: undefined } : undefined,
  };
}

/** Shows the match `seq` a third of the way down (or where it is, when on screen) as the current one. */
function goToMatch(v: LogsEntry, data: LogsData, seq: number): LogsEntry {
  const search = v.search ? { ...v.search, current: seq } : undefined;
  const top = data.topSeq ?? 0;
  const onScreen = seq >= top && (v.follow || seq <= (data.bottomSeq ?? top));
  if (onScreen) return { ...v, search };
  const at = Math.max(0, data.list.indexOf(seq) - Math.floor(data.height / 3));
  return { ...pausedAt(v, data, data.list.count ? data.list.seqAt(at) : seq), search };
}

export function useLogsCommands({ ui, dispatch, viewData }: LogsCommandContext) {
  return useCallback(
    (command: CommandId): boolean => {
      const top = ui.stack[ui.stack.length - 1];
      if (top?.kind !== 'logs' || ui.modal.kind !== 'none') return false;
      const data = viewData.current?.kind === 'logs' ? viewData.current : undefined;
      const flash = (text: string, level: 'info' | 'error' = 'info'): void =>
        dispatch({ type: 'flash', text, level });
      const scroll = SCROLL[command];
      if (scroll) {
        if (!data) return true;
        const delta = scroll(Math.max(1, data.height - 1));
        if (delta > 0 && top.follow) return true;
        const r = scrollBy(data.list, data.topSeq ?? 0, delta, data.followTopSeq);
        updateLogs(dispatch, (v) =>
          delta > 0 && r.atEnd ? { ...v, follow: true } : pausedAt(v, data, r.topSeq),
        );
        return true;
      }
      switch (command) {
        case 'logs.follow':
          updateLogs(dispatch, (v) => ({ ...v, follow: true }));
          return true;
        case 'logs.search':
        case 'logs.filter':
        case 'logs.sinceInput': {
          const logs: LogsInput =
            command === 'logs.search' ? 'search' : command === 'logs.filter' ? 'filter' : 'since';
          const before =
            logs === 'search'
              ? top.search?.pattern
              : logs === 'filter'
                ? top.filter?.pattern
                : formatSince(top.since);
          // Typed afresh (the status line shows what applies now); Enter on nothing clears a search or filter.
          dispatch({ type: 'openModal', modal: { kind: 'search', draft: '', before, logs } });
          return true;
        }
        case 'logs.next':
        case 'logs.prev': {
          if (!top.search) {
            flash('nothing searched yet: / searches');
            return true;
          }
          const matcher = data?.search;
          if (!data || !matcher || matcher.matches === 0) {
            flash(`no match for ${top.search.pattern}`, 'error');
            return true;
          }
          const from =
            top.search.current ?? (command === 'logs.next' ? (data.topSeq ?? 0) - 1 : data.nextSeq);
          const seq = command === 'logs.next' ? matcher.next(from) : matcher.prev(from);
          if (seq !== undefined) updateLogs(dispatch, (v) => goToMatch(v, data, seq));
          return true;
        }
        case 'logs.moreContext':
        case 'logs.lessContext': {
          const context = Math.max(0, Math.min(50, top.context + (command === 'logs.moreContext' ? 1 : -1)));
          updateLogs(dispatch, (v) => ({ ...v, context }));
          if (!top.filter) flash(`${context} context lines around each filter match (& filters)`);
          return true;
        }
        case 'logs.allContainers':
          if (top.container && top.containers.length < 2) {
            flash(`${top.pod.name} has one container: there is nothing to merge`);
            return true;
          }
          updateLogs(dispatch, (v) => restarted({ ...v, container: v.container ? undefined : v.single }));
          return true;
        case 'logs.since':
          updateLogs(dispatch, (v) => restarted({ ...v, since: nextSincePreset(v.since) }));
          return true;
        case 'logs.timestamps':
          updateLogs(dispatch, (v) => ({ ...v, timestamps: !v.timestamps }));
          return true;
        case 'logs.wrap':
          updateLogs(dispatch, (v) => ({ ...v, wrap: !v.wrap }));
          return true;
        case 'logs.json':
          updateLogs(dispatch, (v) => ({ ...v, pretty: !v.pretty }));
          return true;
        case 'logs.save':
          if (!data) return true;
          flash('saving…');
          data.session.save({ timestamps: top.timestamps }).then(
            (r) => flash(`saved ${r.lines.toLocaleString('en-US')} lines to ${r.path}`),
            (e: unknown) => flash((e as Error).message, 'error'),
          );
          return true;
        default:
          return false;
      }
    },
    [ui.stack, ui.modal.kind, dispatch, viewData],
  );
}

/** Applies what was typed in the logs view's input line: a search, a filter, or where the logs start. */
export function acceptLogsInput(
  draft: string,
  input: LogsInput,
  top: ViewEntry | undefined,
  data: ViewData | undefined,
  dispatch: Dispatch<UiAction>,
): void {
  if (top?.kind !== 'logs') return;
  const fail = (e: unknown): void => dispatch({ type: 'flash', text: (e as Error).message, level: 'error' });
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
  if (seq === undefined) {
    dispatch({ type: 'flash', text: `no match for ${draft}`, level: 'error' });
    return;
  }
  updateLogs(dispatch, (v) => goToMatch(v, data, seq));
}
