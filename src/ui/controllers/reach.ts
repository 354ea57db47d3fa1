/** The reach view's keys: Esc leaves (its client pod is deleted), `r` runs the probe again after a new confirm. */
import { rerun, rerunReason } from './reachFlow.js';
import type { Controller } from './types.js';
import { back } from './viewMoves.js';

/** The reach view's controller. */
export const reachController: Controller = {
  scope: 'reach',
  handlers: { 'view.back': back, 'reach.rerun': rerun },
  disabledReasons: { 'reach.rerun': rerunReason },
};
