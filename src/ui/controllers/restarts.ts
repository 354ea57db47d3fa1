/** `h` in the containers view (issue 16): the selected container's restarts seen, with their last lines. */
import { restartsView } from '../../state/views.js';
import { watchOf } from '../alerts/sessionWatch.js';
import type { Handler } from './types.js';

export const openRestarts: Handler = (ctx) => {
  const top = ctx.top;
  if (top?.kind !== 'containers') return;
  const container = top.selected;
  const seen = watchOf(ctx.session)
    .history.forPod(top.pod.namespace, top.pod.name)
    .filter((r) => r.container === container);
  if (seen.length === 0)
    return ctx.flash(
      `no restart of ${container ?? 'this container'} seen since podscope started (p shows the previous instance's logs)`,
    );
  ctx.dispatch({ type: 'pushView', view: restartsView(top.pod, container) });
};
