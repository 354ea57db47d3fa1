/** Typed characters in an input line (the filter, the command line, a search, a picker's query). */
import type { Scope } from '../../keymap/bindings.js';
import type { Controller, ControllerContext, Handler } from './types.js';

/** Appends what was typed; Backspace deletes, Ctrl-U clears; other control keys and chords are ignored. */
export function editText(ctx: ControllerContext, input: string, chord: string, modified: boolean): void {
  if (chord === 'backspace') return ctx.dispatch({ type: 'editText', edit: 'backspace' });
  if (chord === 'ctrl+u') return ctx.dispatch({ type: 'editText', edit: 'clear' });
  if (modified || input.length === 0 || isControl(input)) return;
  ctx.dispatch({ type: 'editText', edit: 'append', text: input });
}

/** Control characters (and DEL) are keys, not text. */
function isControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Esc in an input line: close it, applying nothing. */
export const closeInput: Handler = (ctx) => ctx.dispatch({ type: 'closeModal' });

/** The controller of an input line: Enter does `accept`, Esc `cancel` (closes by default), typing edits. */
export function inputLineController(scope: Scope, accept: Handler, cancel: Handler = closeInput): Controller {
  return { scope, handlers: { 'input.accept': accept, 'input.cancel': cancel }, onText: editText };
}
