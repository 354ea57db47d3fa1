/**
 * The logs view's keys: scrolling (which pauses following) and resuming, search with n/N, the filter and its
 * context, all containers merged or one, since / timestamps / wrap / JSON, and save.
 */
import { scrollBy } from '../../domain/logWindow.js';
import { formatSince, nextSincePreset } from '../../logs/sinceOption.js';
import type { LogsInput } from '../../state/uiState.js';
import type { LogsEntry } from '../../state/views.js';
import type { LogsData } from './logsEntry.js';
import { goToMatch, pausedAt, restarted, updateLogs } from './logsEntry.js';
import type { Controller, ControllerContext, Handler } from './types.js';
import { back } from './viewMoves.js';
import { copyLogLineHandler } from '../copy/copyKeys.js';

/** A handler that runs only with the logs view on screen, given its entry and what it last published. */
const inLogs =
  (run: (ctx: ControllerContext, top: LogsEntry, data: LogsData | undefined) => void): Handler =>
  (ctx) => {
    const top = ctx.top;
    if (top?.kind !== 'logs' || ctx.ui.modal.kind !== 'none') return;
    const data = ctx.viewData.current;
    run(ctx, top, data?.kind === 'logs' ? data : undefined);
  };

/** Scrolls by `rows(page)`: up pauses following; down to the end follows again. */
const scroll = (rows: (page: number) => number): Handler =>
  inLogs((ctx, top, data) => {
    if (!data) return;
    const delta = rows(Math.max(1, data.height - 1));
    if (delta > 0 && top.follow) return;
    const r = scrollBy(data.list, data.topSeq ?? 0, delta, data.followTopSeq);
    updateLogs(ctx.dispatch, (v) =>
      delta > 0 && r.atEnd ? { ...v, follow: true } : pausedAt(v, data, r.topSeq),
    );
  });

/** Opens the input line for a search, a filter or a since duration, typed afresh. */
const openInput = (logs: LogsInput): Handler =>
  inLogs((ctx, top) => {
    const before =
      logs === 'search'
        ? top.search?.pattern
        : logs === 'filter'
          ? top.filter?.pattern
          : formatSince(top.since);
    // The status line shows what applies now; Enter on nothing clears a search or filter.
    ctx.dispatch({ type: 'openModal', modal: { kind: 'search', draft: '', before, logs } });
  });

/** n / N: the next (newer) or previous (older) match. */
const stepMatch = (newer: boolean): Handler =>
  inLogs((ctx, top, data) => {
    if (!top.search) return ctx.flash('nothing searched yet: / searches');
    const matcher = data?.search;
    if (!data || !matcher || matcher.matches === 0)
      return ctx.flash(`no match for ${top.search.pattern}`, 'error');
    const from = top.search.current ?? (newer ? (data.topSeq ?? 0) - 1 : data.nextSeq);
    const seq = newer ? matcher.next(from) : matcher.prev(from);
    if (seq !== undefined) updateLogs(ctx.dispatch, (v) => goToMatch(v, data, seq));
  });

/** + / −: context lines around each filter match. */
const context = (delta: 1 | -1): Handler =>
  inLogs((ctx, top) => {
    const lines = Math.max(0, Math.min(50, top.context + delta));
    updateLogs(ctx.dispatch, (v) => ({ ...v, context: lines }));
    if (!top.filter) ctx.flash(`${lines} context lines around each filter match (& filters)`);
  });

/** A toggle of the entry that needs nothing else. */
const toggle = (update: (v: LogsEntry) => LogsEntry): Handler =>
  inLogs((ctx) => updateLogs(ctx.dispatch, update));

/** The logs view's controller. */
export const logsController: Controller = {
  scope: 'logs',
  handlers: {
    'view.back': back,
    'list.up': scroll(() => -1),
    'list.down': scroll(() => 1),
    'list.pageUp': scroll((page) => -page),
    'list.pageDown': scroll((page) => page),
    'list.top': scroll(() => -Infinity),
    'logs.follow': toggle((v) => ({ ...v, follow: true })),
    'logs.search': openInput('search'),
    'logs.filter': openInput('filter'),
    'logs.sinceInput': openInput('since'),
    'logs.next': stepMatch(true),
    'logs.prev': stepMatch(false),
    'logs.moreContext': context(1),
    'logs.lessContext': context(-1),
    'logs.allContainers': inLogs((ctx, top) => {
      if (top.workload) return ctx.flash('every container of every pod is merged here already');
      if (top.container && top.containers.length < 2)
        return ctx.flash(`${top.pod.name} has one container: there is nothing to merge`);
      updateLogs(ctx.dispatch, (v) => restarted({ ...v, container: v.container ? undefined : v.single }));
    }),
    'logs.since': toggle((v) => restarted({ ...v, since: nextSincePreset(v.since) })),
    'logs.timestamps': toggle((v) => ({ ...v, timestamps: !v.timestamps })),
    'logs.wrap': toggle((v) => ({ ...v, wrap: !v.wrap })),
    'logs.json': toggle((v) => ({ ...v, pretty: !v.pretty })),
    'copy.logLine': copyLogLineHandler,
    'logs.save': inLogs((ctx, top, data) => {
      if (!data) return;
      ctx.flash('saving…');
      data.session.save({ timestamps: top.timestamps }).then(
        (r) => ctx.flash(`saved ${r.lines.toLocaleString('en-US')} lines to ${r.path}`),
        (e: unknown) => ctx.flash((e as Error).message, 'error'),
      );
    }),
  },
};
