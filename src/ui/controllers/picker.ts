/** The namespace and context pickers' keys: move, Enter selects, Esc cancels; typing filters the list. */
import { pickerMatches } from '../components/Picker.js';
import { ALL_NAMESPACES, switchTo } from './contextSwitch.js';
import { closeInput, editText } from './textInput.js';
import type { Controller, Handler } from './types.js';

/** Moves the highlight among the items the query matches. */
const move =
  (delta: 1 | -1): Handler =>
  (ctx) => {
    const modal = ctx.ui.modal;
    if (modal.kind !== 'picker') return;
    ctx.dispatch({ type: 'pickerMove', delta, count: pickerMatches(modal.items, modal.query).length });
  };

/** The pickers' controller. */
export const pickerController: Controller = {
  scope: 'picker',
  handlers: {
    'list.up': move(-1),
    'list.down': move(1),
    'picker.accept': (ctx) => {
      const modal = ctx.ui.modal;
      if (modal.kind !== 'picker') return;
      const choice = pickerMatches(modal.items, modal.query)[modal.index];
      ctx.dispatch({ type: 'closeModal' });
      if (choice === undefined) return;
      if (modal.picker === 'namespace')
        return ctx.dispatch({
          type: 'setNamespace',
          namespace: choice === ALL_NAMESPACES ? undefined : choice,
        });
      switchTo(ctx, choice);
    },
    'input.cancel': closeInput,
  },
  onText: editText,
};
