/** The filter input's keys (`/` on the pods list): Enter applies (a `-l` part goes to the server), Esc restores. */
import { parseFilter, serverLabelSelector } from '../../domain/filter.js';
import { inputLineController } from './textInput.js';
import type { Controller } from './types.js';

/** The filter input's controller. */
export const filterController: Controller = inputLineController(
  'filter',
  (ctx) => {
    const modal = ctx.ui.modal;
    if (modal.kind !== 'filter') return;
    const parsed = parseFilter(modal.draft);
    if (!parsed.ok) return ctx.flash(parsed.error, 'error');
    ctx.dispatch({ type: 'setFilter', filter: modal.draft });
    ctx.dispatch({
      type: 'setLabelSelector',
      selector:
        serverLabelSelector(parsed.filter) ??
        (parsed.filter.kind === 'none' ? undefined : ctx.ui.labelSelector),
    });
    ctx.dispatch({ type: 'closeModal' });
  },
  (ctx) => {
    const modal = ctx.ui.modal;
    if (modal.kind === 'filter') ctx.dispatch({ type: 'setFilter', filter: modal.before });
    ctx.dispatch({ type: 'closeModal' });
  },
);
