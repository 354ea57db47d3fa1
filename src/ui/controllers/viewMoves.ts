/**
 * Moving in the views above the pods list: the text views scroll, the containers and forwards lists move their
 * highlight. Shared by those views' controllers, with `view.back`.
 */
import type { CommandId } from '../../keymap/commands.js';
import type { Handler } from './types.js';

type MoveCommand = 'list.up' | 'list.down' | 'list.pageUp' | 'list.pageDown' | 'list.top' | 'list.bottom';

/** Esc: back to the view below, with the selection it had. */
export const back: Handler = (ctx) => ctx.dispatch({ type: 'popView' });

/** How far a command moves, in rows, for a page of `height` rows. */
function stepOf(command: MoveCommand, height: number): number {
  const page = Math.max(1, height - 1);
  switch (command) {
    case 'list.up':
      return -1;
    case 'list.down':
      return 1;
    case 'list.pageUp':
      return -page;
    case 'list.pageDown':
      return page;
    case 'list.top':
      return -Infinity;
    case 'list.bottom':
      return Infinity;
  }
}

/** The handler that moves the view on screen by `command`'s step. */
export function moveInView(command: MoveCommand): Handler {
  return (ctx) => {
    const { top, dispatch, bodyHeight: height } = ctx;
    const data = ctx.viewData.current;
    if (!top || ctx.ui.modal.kind !== 'none') return;
    const step = stepOf(command, height);
    if (top.kind === 'text' && data?.kind === 'text') {
      const max = Math.max(0, data.rowCount - height);
      dispatch({
        type: 'updateView',
        kind: 'text',
        // G keeps to the end as the text grows (new events), until the user scrolls back up.
        update: (v) =>
          v.kind === 'text'
            ? {
                ...v,
                scroll:
                  step === Infinity ? Number.MAX_SAFE_INTEGER : clamp(Math.min(v.scroll, max) + step, 0, max),
              }
            : v,
      });
      return;
    }
    const names =
      top.kind === 'containers' && data?.kind === 'containers'
        ? data.names
        : top.kind === 'forwards' && data?.kind === 'forwards'
          ? data.ids
          : undefined;
    if (!names || names.length === 0 || (top.kind !== 'containers' && top.kind !== 'forwards')) return;
    const at = names.indexOf(top.selected ?? '');
    // Nothing highlighted yet (the pod had not loaded, or the forwards list shows its first row by default): a
    // step highlights the first row; the first or the last row is where it says.
    const selected =
      at < 0 && Number.isFinite(step) ? names[0] : names[clamp(Math.max(0, at) + step, 0, names.length - 1)];
    dispatch({
      type: 'updateView',
      kind: top.kind,
      update: (v) => (v.kind === 'containers' || v.kind === 'forwards' ? { ...v, selected } : v),
    });
  };
}

/** Handlers for the given move commands, each moving the view on screen. */
export function moves(commands: readonly MoveCommand[]): Partial<Record<CommandId, Handler>> {
  return Object.fromEntries(commands.map((c) => [c, moveInView(c)]));
}

function clamp(n: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, n));
}
