/** The help screen's keys: scroll it, close it. */
import type { Controller } from './types.js';

/** The help screen's controller. */
export const helpController: Controller = {
  scope: 'help',
  handlers: {
    'modal.close': (ctx) => ctx.dispatch({ type: 'closeModal' }),
    'list.up': (ctx) => ctx.dispatch({ type: 'helpScroll', delta: -1, max: ctx.helpMax }),
    'list.down': (ctx) => ctx.dispatch({ type: 'helpScroll', delta: 1, max: ctx.helpMax }),
  },
};
