/**
 * `!` (issue 16): back to the pods list with the last alerted pod selected. A filter that hides it is cleared
 * (and the flash says so); a pod deleted since is said to be gone.
 */
import type { Handler } from '../controllers/types.js';
import { watchOf } from './sessionWatch.js';

export const jumpToAlert: Handler = (ctx) => {
  const last = watchOf(ctx.session).alerts.last;
  if (!last)
    return ctx.flash(
      'no alert yet (CrashLoopBackOff, OOMKilled, Error, Evicted or ImagePullBackOff of a pod in view)',
    );
  if (!ctx.findPod(last)) return ctx.flash(`${last.name} (${last.status}) is no longer in the list`, 'error');
  for (let i = 0; i < ctx.ui.stack.length; i++) ctx.dispatch({ type: 'popView' });
  const hidden = !ctx.rows.some((r) => r.key === last.key);
  if (hidden && ctx.ui.filter !== '') ctx.dispatch({ type: 'setFilter', filter: '' });
  ctx.dispatch({ type: 'selectWhenListed', key: last.key });
  // Already listed: select it now (the next rows change would, but none may come).
  ctx.dispatch({ type: 'rowsChanged', prevRows: ctx.rows, rows: ctx.rows, height: ctx.bodyHeight });
  ctx.flash(
    hidden && ctx.ui.filter !== ''
      ? `filter /${ctx.ui.filter} cleared to show ${last.name} (${last.status})`
      : `${last.name}: ${last.status}`,
  );
};
