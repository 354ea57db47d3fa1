/**
 * The controllers' context for this render, and what App needs from it: `onKey` (the router) and `disabled` (the
 * reasons the hint bar and the help screen show). Asks the server, before any key, what the pod actions need in
 * the namespace they would act in.
 */
import { useApp } from 'ink';
import { useEffect } from 'react';
import type { Scope } from '../../keymap/bindings.js';
import type { KeyLike } from '../../keymap/chord.js';
import { questionsFor } from '../../keymap/disabled.js';
import type { DisabledFn } from '../../keymap/resolve.js';
import { actionTarget } from './actionTarget.js';
import { disabledFor } from './registry.js';
import { routeKey } from './router.js';
import type { ControllerContext } from './types.js';

/** What App hands the controllers: its state, stores and services, as this render has them. */
export type ControllerInputs = Omit<
  ControllerContext,
  'top' | 'flash' | 'suspendTerminal' | 'actionNamespace'
> & {
  /** The live scopes, the open modal's first (views/scopes.ts). */
  readonly scopes: readonly Scope[];
};

/** The router for this render's keys, and why each command cannot run now. */
export function useControllers(inputs: ControllerInputs): {
  onKey: (input: string, key: KeyLike) => void;
  disabled: DisabledFn;
} {
  const { suspendTerminal } = useApp();
  const { ui, session, selectedRow, access, scopes } = inputs;
  const top = ui.stack[ui.stack.length - 1];
  // The namespace a pod action would act in, and why each command cannot run there (asked before any key).
  const actionNamespace = actionTarget(top, selectedRow)?.pod.namespace ?? ui.namespace ?? session.namespace;
  useEffect(() => access.prefetch(questionsFor(actionNamespace)), [access, actionNamespace]);
  // Built afresh each render (a plain object): a handler reads the state of the render that took its key.
  const ctx: ControllerContext = {
    ...inputs,
    top,
    actionNamespace,
    suspendTerminal: (run) => suspendTerminal(run),
    flash: (text, level = 'info') => inputs.dispatch({ type: 'flash', text, level }),
  };
  const disabled = disabledFor(ctx);
  const onKey = (input: string, key: KeyLike): void => routeKey(ctx, scopes, input, key);
  return { onKey, disabled };
}
