/** A dialog's keys (delete, port-forward, the container picker, the debug container): fields, toggles, Enter. */
import { pickerLetter } from '../components/DialogBox.js';
import { acceptDialog } from './dialogAccept.js';
import { closeInput, editText } from './textInput.js';
import type { Controller } from './types.js';

/** The dialogs' controller. */
export const dialogController: Controller = {
  scope: 'dialog',
  handlers: {
    'dialog.next': (ctx) => ctx.dispatch({ type: 'dialogFocus', delta: 1 }),
    'dialog.prev': (ctx) => ctx.dispatch({ type: 'dialogFocus', delta: -1 }),
    'dialog.toggle': (ctx) => ctx.dispatch({ type: 'dialogToggle' }),
    'input.accept': (ctx) => {
      if (ctx.ui.modal.kind === 'dialog') void acceptDialog(ctx, ctx.ui.modal.dialog);
    },
    'input.cancel': closeInput,
  },
  onText: (ctx, input, chord, modified) => {
    const modal = ctx.ui.modal;
    if (modal.kind !== 'dialog') return;
    const d = modal.dialog;
    // The container picker: a letter picks its container; the other dialogs edit the focused field.
    if (d.kind !== 'containers') return editText(ctx, input, chord, modified);
    const index = d.items.findIndex((_, i) => pickerLetter(i) === input);
    if (index >= 0) void acceptDialog(ctx, { ...d, index });
  },
};
