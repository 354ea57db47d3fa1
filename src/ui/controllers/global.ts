/** Keys that work everywhere: quit, help, the command line, suspend. */
import { once } from 'node:events';
import type { Controller, Handler } from './types.js';
import { jumpToAlert } from '../alerts/jumpToAlert.js';

/** Ctrl-Z: stop like any terminal program; `fg` brings it back. */
const suspend: Handler = (ctx) => {
  let continued = false;
  void ctx
    .suspendTerminal(async () => {
      // `fg` sends SIGCONT and Ink redraws everything. The whole process group stops (pid 0), as the terminal's own
      // Ctrl-Z would stop it: under `npm run demo` npm and its shell must stop too, or the shell never sees a
      // stopped job. Without job control (an orphaned process group) the kernel discards SIGTSTP: then we come
      // back at once and say why.
      const resumed = once(process, 'SIGCONT').then(() => (continued = true));
      process.kill(0, 'SIGTSTP');
      await Promise.race([resumed, new Promise((r) => setTimeout(r, 250))]);
    })
    .then(() => {
      if (!continued) ctx.flash('cannot suspend: this terminal has no job control', 'error');
    });
};

/** The global scope's controller. */
export const globalController: Controller = {
  scope: 'global',
  handlers: {
    'app.quit': (ctx) => ctx.exit(),
    'app.help': (ctx) => ctx.dispatch({ type: 'openModal', modal: { kind: 'help', scroll: 0 } }),
    'app.command': (ctx) => ctx.dispatch({ type: 'openModal', modal: { kind: 'command', draft: '' } }),
    'app.suspend': suspend,
    'alerts.jump': jumpToAlert,
  },
};
