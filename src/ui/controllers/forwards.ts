/** The port-forwards list's keys: move, stop one or all, probe one with an HTTP GET, Esc back. */
import type { ForwardInfo } from '../../domain/portForwardView.js';
import type { Controller, ControllerContext, Handler } from './types.js';
import { back, moves } from './viewMoves.js';

/** The highlighted forward (the first when none is), if the list is on screen and has one. */
function highlighted(ctx: ControllerContext): ForwardInfo | undefined {
  const { top } = ctx;
  const data = ctx.viewData.current;
  if (top?.kind !== 'forwards' || data?.kind !== 'forwards') return undefined;
  const id = top.selected ?? data.ids[0];
  return id === undefined ? undefined : data.forwards.find((x) => x.id === id);
}

const stop: Handler = (ctx) => {
  const f = highlighted(ctx);
  if (f)
    void ctx.actions.stopForward(f.id).then(() => ctx.flash(`stopped ${f.url} → ${f.pod}:${f.remotePort}`));
};

const probe: Handler = (ctx) => {
  const f = highlighted(ctx);
  if (!f) return;
  ctx.flash(`GET ${f.url}…`);
  void ctx.actions.probeForward(f.url).then((answer) =>
    ctx.dispatch({
      type: 'updateView',
      kind: 'forwards',
      update: (v) => (v.kind === 'forwards' ? { ...v, probe: { id: f.id, ...answer } } : v),
    }),
  );
};

/** The forwards list's controller. */
export const forwardsController: Controller = {
  scope: 'forwards',
  handlers: {
    'view.back': back,
    ...moves(['list.up', 'list.down', 'list.top', 'list.bottom']),
    'forwards.stop': stop,
    'forwards.stopAll': (ctx) =>
      void ctx.actions.stopAllForwards().then(() => ctx.flash('stopped every port-forward')),
    'forwards.probe': probe,
  },
};
