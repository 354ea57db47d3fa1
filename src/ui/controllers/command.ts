/** The command line's keys (`:`): Enter runs what was typed (`:ns`, `:ctx`, `:pf`, `:q`), Esc cancels. */
import { commandLineSummary, parseCommandLine } from '../../keymap/commandLine.js';
import { listContexts } from '../../kube/contexts.js';
import { parseReachPort } from '../../domain/reach/reachPorts.js';
import { completeCommandLine, startApply, startDeleteFile } from './applyFlow.js';
import { openContexts, openNamespaces, switchTo } from './contextSwitch.js';
import { portsFromCommandLine } from './ports.js';
import { openInside } from './inside.js';
import { needsPod } from './podReasons.js';
import { reachCommand } from './reachFlow.js';
import { ownerActionCommand, ownerPods } from './ownerFlow.js';
import { followForwardCommand } from './followForwardFlow.js';
import { inputLineController } from './textInput.js';
import type { Controller, ControllerContext } from './types.js';
import { logsCommand } from './workloadLogsFlow.js';

/** Runs a command line: an unknown verb is flashed with the ones there are. */
function runCommandLine(ctx: ControllerContext, line: string): void {
  const parsed = parseCommandLine(line);
  if (parsed.kind === 'unknown')
    return ctx.flash(`unknown command ":${parsed.verb}" (try ${commandLineSummary()})`, 'error');
  const arg = parsed.arg;
  switch (parsed.id) {
    case 'quit':
      return ctx.exit();
    case 'namespace':
      if (!arg) return openNamespaces(ctx);
      return ctx.dispatch({
        type: 'setNamespace',
        namespace: arg === 'all' || arg === '-A' ? undefined : arg,
      });
    case 'context':
      if (!arg) return openContexts(ctx);
      if (!listContexts(ctx.session.kc).some((c) => c.name === arg))
        return ctx.flash(`no context "${arg}" in the kubeconfig`, 'error');
      return switchTo(ctx, arg);
    case 'forwards':
      // Issue 16: `:pf svc/NAME LOCAL:REMOTE` starts a forward that follows it; `:pf` alone lists them.
      if (arg) return followForwardCommand(ctx, arg);
      // As `f` does: one forwards list on the stack, whatever view it is opened from.
      if (ctx.top?.kind !== 'forwards')
        ctx.dispatch({ type: 'pushView', view: { kind: 'forwards', selected: undefined, probe: undefined } });
      return;
    case 'pods':
      return;
    case 'ports':
      return portsFromCommandLine(ctx);
    case 'inside': {
      const reason = needsPod(ctx, 'pod.inside');
      return reason ? ctx.flash(reason.text, 'error') : openInside(ctx, '');
    }
    case 'reach': {
      const port = parseReachPort(arg);
      if ('error' in port) return ctx.flash(port.error, 'error');
      return reachCommand(ctx, port.port);
    }
    case 'apply':
      return startApply(ctx, arg);
    case 'delete':
      return startDeleteFile(ctx, arg);
    case 'logs':
      return logsCommand(ctx, arg);
    case 'owner':
      return ownerPods(ctx, '');
    case 'restart':
    case 'scale':
      return ownerActionCommand(ctx, parsed.id, arg);
  }
}

/** The command line's controller. */
const lineController = inputLineController('command', (ctx) => {
  const modal = ctx.ui.modal;
  if (modal.kind !== 'command') return;
  ctx.dispatch({ type: 'closeModal' });
  runCommandLine(ctx, modal.draft);
});

/** The command line's controller (Tab completes a file path: applyFlow.ts). */
export const commandController: Controller = {
  ...lineController,
  handlers: { ...lineController.handlers, 'command.complete': completeCommandLine },
};
