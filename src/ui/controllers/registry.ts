/**
 * One controller per keymap scope. Dispatch is a lookup: the scopes live now (the open modal's, the view's, then
 * global: views/scopes.ts) → the first that binds the chord (keymap/resolve.ts) → that scope's controller here.
 */
import type { Scope } from '../../keymap/bindings.js';
import type { CommandId } from '../../keymap/commands.js';
import type { DisabledFn } from '../../keymap/resolve.js';
import { applyController } from './apply.js';
import { commandController } from './command.js';
import { containersController } from './containers.js';
import { dialogController } from './dialog.js';
import { filterController } from './filter.js';
import { forwardsController } from './forwards.js';
import { globalController } from './global.js';
import { helpController } from './help.js';
import { insideController } from './inside.js';
import { logsController } from './logs.js';
import { pickerController } from './picker.js';
import { podActionsController } from './podActions.js';
import { podsController } from './pods.js';
import { portsController } from './ports.js';
import { reachController } from './reach.js';
import { searchController } from './search.js';
import { textController } from './text.js';
import type { Controller, ControllerContext } from './types.js';
import { yamlController } from './yaml.js';

/** Every scope's controller. */
export const CONTROLLERS: Record<Scope, Controller> = {
  global: globalController,
  pods: podsController,
  podActions: podActionsController,
  containers: containersController,
  text: textController,
  yaml: yamlController,
  search: searchController,
  logs: logsController,
  forwards: forwardsController,
  dialog: dialogController,
  filter: filterController,
  command: commandController,
  picker: pickerController,
  help: helpController,
  ports: portsController,
  inside: insideController,
  reach: reachController,
  apply: applyController,
};

/** Why `command` of `scope` cannot run now, by its controller; undefined when it can. */
export function scopeDisabledReason(ctx: ControllerContext, scope: Scope, command: CommandId) {
  return CONTROLLERS[scope].disabledReasons?.[command]?.(ctx, command);
}

/**
 * Why a command cannot run now, for the hint bar and the help screen (which list commands, not scopes): the first
 * controller that gives the command a reason decides. A command has one reason wherever it is bound (the
 * containers view's Enter borrows the pod actions' `pod.logs` and its reason).
 */
export function disabledFor(ctx: ControllerContext): DisabledFn {
  return (command) => {
    for (const controller of Object.values(CONTROLLERS)) {
      const reason = controller.disabledReasons?.[command];
      if (reason) return reason(ctx, command);
    }
    return undefined;
  };
}
