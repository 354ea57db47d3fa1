/** The describe, YAML and events views' keys: scroll, search with n/N, save, auto-refresh, Esc back. */
import { saveText } from '../../io/saveText.js';
import { stepMatch } from '../../domain/textSearch.js';
import type { ViewEntry } from '../../state/views.js';
import { showMatch } from './textSearch.js';
import type { Controller, ControllerContext, Handler } from './types.js';
import { back, moves } from './viewMoves.js';
import { copyTextHandler } from '../copy/copyKeys.js';

/** n / N: the next or previous match of the applied search. */
const stepSearch =
  (delta: 1 | -1): Handler =>
  (ctx) => {
    const { top } = ctx;
    const data = ctx.viewData.current;
    if (top?.kind !== 'text' || data?.kind !== 'text') return;
    if (!top.search) return ctx.flash('nothing searched yet: / searches');
    if (data.matches.length === 0) return ctx.flash(`no match for ${top.search.pattern}`, 'error');
    const index = stepMatch(data.matches, top.search.current, delta, 0);
    ctx.dispatch({
      type: 'updateView',
      kind: 'text',
      update: showMatch(data, top.search.pattern, index, ctx.bodyHeight),
    });
  };

type TextEntry = Extract<ViewEntry, { kind: 'text' }>;

/** Changes the text view's entry. */
export function updateText(ctx: ControllerContext, update: (v: TextEntry) => TextEntry): void {
  ctx.dispatch({ type: 'updateView', kind: 'text', update: (v) => (v.kind === 'text' ? update(v) : v) });
}

/** The text views' controller. */
export const textController: Controller = {
  scope: 'text',
  handlers: {
    'view.back': back,
    ...moves(['list.up', 'list.down', 'list.pageUp', 'list.pageDown', 'list.top', 'list.bottom']),
    'text.search': (ctx) => {
      const top = ctx.top;
      if (top?.kind !== 'text') return;
      ctx.dispatch({
        type: 'openModal',
        modal: { kind: 'search', draft: top.search?.pattern ?? '', before: top.search?.pattern },
      });
    },
    'text.next': stepSearch(1),
    'text.prev': stepSearch(-1),
    'text.save': (ctx) => {
      const data = ctx.viewData.current;
      if (data?.kind !== 'text') return;
      saveText(data.saveName, data.text()).then(
        (path) => ctx.flash(`saved to ${path}`),
        (e: unknown) => ctx.flash((e as Error).message, 'error'),
      );
    },
    'copy.text': copyTextHandler,
    'text.refresh': (ctx) => {
      updateText(ctx, (v) => ({ ...v, autoRefresh: !v.autoRefresh }));
      if (ctx.top?.kind === 'text')
        ctx.flash(ctx.top.autoRefresh ? 'auto-refresh off: the text stays as it is' : 'auto-refresh on');
    },
  },
};
