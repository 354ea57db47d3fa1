/**
 * The apply view's keys: scroll the preview or the report, Tab/←/→ between Cancel and Apply (focus starts on
 * Cancel), Enter presses the focused button, Esc goes back without applying anything.
 */
import type { CommandId } from '../../keymap/commands.js';
import type { ApplyEntry } from '../../state/applyView.js';
import { confirmApply } from './applyFlow.js';
import type { Controller, Handler } from './types.js';
import { back } from './viewMoves.js';

/** Scrolls by `step` rows (±Infinity: the ends), within the lines. */
const scroll =
  (step: (page: number) => number): Handler =>
  (ctx) => {
    const max = (v: ApplyEntry) => Math.max(0, v.lines.length - (ctx.bodyHeight - 2));
    ctx.dispatch({
      type: 'updateView',
      kind: 'apply',
      update: (v) =>
        v.kind === 'apply'
          ? { ...v, scroll: Math.max(0, Math.min(max(v), v.scroll + step(Math.max(1, ctx.bodyHeight - 3)))) }
          : v,
    });
  };

const SCROLLS = {
  'list.up': scroll(() => -1),
  'list.down': scroll(() => 1),
  'list.pageUp': scroll((page) => -page),
  'list.pageDown': scroll((page) => page),
  'list.top': scroll(() => -Infinity),
  'list.bottom': scroll(() => Infinity),
} satisfies Partial<Record<CommandId, Handler>>;

/** The apply view's controller. */
export const applyController: Controller = {
  scope: 'apply',
  handlers: {
    'view.back': back,
    ...SCROLLS,
    'apply.switch': (ctx) =>
      ctx.dispatch({
        type: 'updateView',
        kind: 'apply',
        update: (v) =>
          v.kind === 'apply' && v.applicable ? { ...v, focus: v.focus === 'cancel' ? 'apply' : 'cancel' } : v,
      }),
    'apply.confirm': (ctx) => {
      if (ctx.top?.kind === 'apply') confirmApply(ctx, ctx.top);
    },
  },
};
