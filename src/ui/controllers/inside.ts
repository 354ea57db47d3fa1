/**
 * `i` / `:inside` opens the inside view of the pod under the cursor (or of the containers view's pod, reading
 * from its selected container first); in that view `r` reads the files again (the rest are the text views' keys).
 * Reading files through exec changes nothing in the cluster, so --readonly allows it; a user who may not exec
 * still gets the API's parts, with the server's refusal where the files would be.
 */
import { insideView } from '../../state/insideView.js';
import { actionTarget } from './actionTarget.js';
import { updateText } from './text.js';
import type { Controller, Handler } from './types.js';

/** Opens the inside view, or says why there is nothing to open it on. */
export const openInside: Handler = (ctx) => {
  const target = actionTarget(ctx.top, ctx.selectedRow);
  if (!target) return ctx.flash(':inside needs a pod: the pods list or a pod’s containers view', 'error');
  ctx.dispatch({ type: 'pushView', view: insideView(target.pod, target.container) });
};

/** The inside view's controller. */
export const insideController: Controller = {
  scope: 'inside',
  handlers: {
    'inside.reread': (ctx) => {
      updateText(ctx, (v) => ({ ...v, reads: (v.reads ?? 0) + 1 }));
      ctx.flash('reading the files again…');
    },
  },
};
