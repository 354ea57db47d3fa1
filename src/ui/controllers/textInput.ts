/** Typed characters in an input line (the filter, the command line, a search, a picker's query). */
import type { ControllerContext } from './types.js';

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
