/**
 * Opening the namespace and context pickers, and switching the context: shared by the pods list's keys (`n`, `c`)
 * and the command line (`:ns`, `:ctx`).
 */
import { listContexts, switchContext } from '../../kube/contexts.js';
import { describeFailure } from '../../kube/errors.js';
import { listNamespaces } from '../../kube/namespaces.js';
import { serverUrl } from '../../kube/request.js';
import { makeSession } from '../session.js';
import type { ControllerContext } from './types.js';

/** The namespace picker's first item. */
export const ALL_NAMESPACES = '(all namespaces)';

/** Opens the namespace picker at once, so what is typed while the list is on its way goes into the query. */
export function openNamespaces(ctx: ControllerContext): void {
  const { dispatch, session } = ctx;
  dispatch({
    type: 'openModal',
    modal: { kind: 'picker', picker: 'namespace', items: [ALL_NAMESPACES], query: '', index: 0 },
  });
  listNamespaces(session.kc).then(
    (names) => dispatch({ type: 'pickerItems', picker: 'namespace', items: [ALL_NAMESPACES, ...names] }),
    (e: unknown) =>
      ctx.flash(
        // One line in the server's words: a 403 names the user and the verb.
        `cannot list namespaces: ${describeFailure(e, serverUrl(session.kc), 'list namespaces').message}`,
        'error',
      ),
  );
}

/** Opens the context picker with the kubeconfig's contexts. */
export function openContexts(ctx: ControllerContext): void {
  const names = listContexts(ctx.session.kc).map((c) => c.name);
  ctx.dispatch({
    type: 'openModal',
    modal: { kind: 'picker', picker: 'context', items: names, query: '', index: 0 },
  });
}

/** Switches to the kubeconfig context `name` (a new session: every store reconnects). */
export function switchTo(ctx: ControllerContext, name: string): void {
  try {
    const next = makeSession(switchContext(ctx.session.kc, name));
    ctx.setSession(next);
    ctx.dispatch({ type: 'setContext', context: name, namespace: next.namespace });
    ctx.flash(`switched to context ${name}`);
  } catch (e) {
    ctx.flash((e as Error).message, 'error');
  }
}
