/**
 * One key, routed: chord → the first live scope that binds it → its controller's reason (flashed: the command
 * does not run) or its handler. In a text scope (the filter, a dialog's field) what is not the scope's own chord
 * is text. A key that does nothing here says so, as k9s does.
 */
import type { Scope } from '../../keymap/bindings.js';
import { TEXT_SCOPES } from '../../keymap/bindings.js';
import type { KeyLike } from '../../keymap/chord.js';
import { chordLabel, chordOf } from '../../keymap/chord.js';
import { resolve } from '../../keymap/resolve.js';
import { editText } from './textInput.js';
import { CONTROLLERS, scopeDisabledReason } from './registry.js';
import type { ControllerContext } from './types.js';

/** Handles one key in the live scopes (the open modal's first, then the view's, then global). */
export function routeKey(
  ctx: ControllerContext,
  scopes: readonly Scope[],
  input: string,
  key: KeyLike,
): void {
  const chord = chordOf(input, key);
  if (chord === 'ctrl+c') return CONTROLLERS.global.handlers['app.quit']?.(ctx, chord);
  const hit = resolve(scopes, chord);
  const textScope = scopes.find((s) => TEXT_SCOPES.has(s));
  if (textScope && (!hit || hit.scope === 'global')) {
    // Typed characters are text here; only the scope's own chords and Ctrl-C are commands.
    const onText = CONTROLLERS[textScope].onText ?? editText;
    return onText(ctx, input, chord, key.ctrl === true || key.meta === true);
  }
  if (!hit) {
    if (chord !== '') ctx.flash(`${chordLabel(chord)}: not a key here — ? for help`);
    return;
  }
  const why = scopeDisabledReason(ctx, hit.scope, hit.command);
  if (why) return ctx.flash(why.text, 'error');
  CONTROLLERS[hit.scope].handlers[hit.command]?.(ctx, chord);
}
