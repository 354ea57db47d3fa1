/**
 * Why a pod action cannot run now, from the most general to the most particular: --readonly and what the server
 * denied (keymap/disabled.ts's data), then no pod to act on, then a pod a shell cannot open in (not running,
 * terminating). The handler asks these before it runs; the hint bar and the help screen ask them before any key.
 */
import type { DisabledReason } from '../../keymap/disabled.js';
import { disabledReason } from '../../keymap/disabled.js';
import { chooseShellContainer } from '../../domain/containerChoice.js';
import { actionTarget } from './actionTarget.js';
import { deleteTargets } from './podActionFlows.js';
import type { Reasoner } from './types.js';

/** An empty list (or namespace), or a filter that matches nothing: nothing for a pod action to act on. */
export const NO_POD: DisabledReason = { text: 'no pod selected', head: 'no pod selected', item: '' };

/** --readonly, or a permission the server denied in the action's namespace. */
export const modeAndAccess: Reasoner = (ctx, command) =>
  disabledReason(command, {
    readonly: ctx.readonly,
    namespace: ctx.actionNamespace,
    access: (q) => ctx.access.peek(q),
  });

/**
 * An action on one pod: the pods list's selection (the containers view always has its pod). Only the pods list can
 * lack one; in the other views the pod keys are not live, and the help screen opened there should not blame them
 * on a missing selection.
 */
export const needsPod: Reasoner = (ctx, command) =>
  modeAndAccess(ctx, command) ?? (ctx.top === undefined && !ctx.selectedRow ? NO_POD : undefined);

/** Delete and kill: the marked pods, else the selected one. */
export const needsPodOrMarks: Reasoner = (ctx, command) =>
  modeAndAccess(ctx, command) ??
  (ctx.top === undefined && deleteTargets(ctx).pods.length === 0 ? NO_POD : undefined);

/** A shell: a pod, running, in a running container (domain/containerChoice.ts's rules, before connecting). */
export const shellReason: Reasoner = (ctx, command) => {
  const first = needsPod(ctx, command);
  if (first) return first;
  const target = actionTarget(ctx.top, ctx.selectedRow);
  const pod = target && ctx.findPod(target.pod);
  // A pod gone from the store: the handler says so when the key is pressed.
  if (!target || !pod) return undefined;
  const choice = chooseShellContainer(pod, target.container);
  if (choice.kind !== 'refuse') return undefined;
  return { text: `no shell: ${choice.reason}`, head: 'no shell', item: choice.reason };
};
