/** The containers view's keys: move the highlight, Enter for the container's logs, Esc back. */
import { moves, back } from './viewMoves.js';
import { POD_ACTION_HANDLERS, POD_ACTION_REASONS } from './podActions.js';
import type { Controller } from './types.js';
import { openRestarts } from './restarts.js';

/** The containers view's controller (the pod actions on the highlighted container are podActions.ts's). */
export const containersController: Controller = {
  scope: 'containers',
  handlers: {
    'view.back': back,
    'pod.logs': POD_ACTION_HANDLERS['pod.logs'],
    ...moves(['list.up', 'list.down', 'list.top', 'list.bottom']),
    'containers.restarts': openRestarts,
  },
  disabledReasons: { 'pod.logs': POD_ACTION_REASONS['pod.logs'] },
};
