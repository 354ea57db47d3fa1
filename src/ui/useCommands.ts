/**
 * What each command does in the pods view: a switch over command ids from the keymap (plus typed text in the
 * input modes), acting on UI state, the session (context switch) or the app (quit, suspend).
 */
import { once } from 'node:events';
import { useApp } from 'ink';
import type { Dispatch, RefObject } from 'react';
import { useCallback } from 'react';
import type { ColumnId } from '../domain/columns.js';
import type { PodTableWindow } from './components/podTableLayout.js';
import { parseFilter, serverLabelSelector } from '../domain/filter.js';
import type { PodRow } from '../domain/podRow.js';
import { commandLineSummary, parseCommandLine } from '../keymap/commandLine.js';
import type { CommandId } from '../keymap/commands.js';
import { listContexts, switchContext } from '../kube/contexts.js';
import { describeFailure } from '../kube/errors.js';
import { listNamespaces } from '../kube/namespaces.js';
import { serverUrl } from '../kube/request.js';
import type { UiAction, UiState } from '../state/uiState.js';
import { pickerMatches } from './components/Picker.js';
import { makeSession } from './session.js';
import type { Session } from './session.js';
import { acceptLogsInput } from './useLogsCommands.js';
import { acceptSearch } from './useViewCommands.js';
import type { ViewData } from './views/viewData.js';

export interface CommandContext {
  ui: UiState;
  dispatch: Dispatch<UiAction>;
  session: Session;
  setSession: (s: Session) => void;
  rows: readonly PodRow[];
  /** Columns on screen, left to right (published by the table after each commit): sorting moves across these. */
  columns: RefObject<readonly ColumnId[]>;
  /** The table's sideways window (published by the table after each commit): ← / → scroll from it. */
  columnWindow?: RefObject<PodTableWindow | undefined>;
  bodyHeight: number;
  helpMax: number;
  exit: () => void;
  viewData: RefObject<ViewData | undefined>;
}

const ALL_NAMESPACES = '(all namespaces)';

/** Returns `run(command, chord, text?, modified?)`; `text` commands carry typed characters in input modes. */
export function useCommands(ctx: CommandContext) {
  const { suspendTerminal } = useApp();
  const { ui, dispatch, session, setSession, rows, columns, bodyHeight, helpMax, exit, viewData } = ctx;
  const { columnWindow } = ctx;

  const switchTo = useCallback(
    (name: string) => {
      try {
        const next = makeSession(switchContext(session.kc, name));
        setSession(next);
        dispatch({ type: 'setContext', context: name, namespace: next.namespace });
        dispatch({ type: 'flash', text: `switched to context ${name}` });
      } catch (e) {
        dispatch({ type: 'flash', text: (e as Error).message, level: 'error' });
      }
    },
    [session.kc, setSession, dispatch],
  );

  const openNamespaces = useCallback(
    (query = '') => {
      // Open at once, so what is typed while the list is on its way goes into the query.
      dispatch({
        type: 'openModal',
        modal: { kind: 'picker', picker: 'namespace', items: [ALL_NAMESPACES], query, index: 0 },
      });
      listNamespaces(session.kc).then(
        (names) => dispatch({ type: 'pickerItems', picker: 'namespace', items: [ALL_NAMESPACES, ...names] }),
        (e: unknown) =>
          dispatch({
            type: 'flash',
            // One line in the server's words: a 403 names the user and the verb.
            text: `cannot list namespaces: ${describeFailure(e, serverUrl(session.kc), 'list namespaces').message}`,
            level: 'error',
          }),
      );
    },
    [session.kc, dispatch],
  );

  const openContexts = useCallback(
    (query = '') => {
      const names = listContexts(session.kc).map((c) => c.name);
      dispatch({
        type: 'openModal',
        modal: { kind: 'picker', picker: 'context', items: names, query, index: 0 },
      });
    },
    [session.kc, dispatch],
  );

  const runCommandLine = useCallback(
    (line: string) => {
      const parsed = parseCommandLine(line);
      if (parsed.kind === 'unknown')
        return dispatch({
          type: 'flash',
          text: `unknown command ":${parsed.verb}" (try ${commandLineSummary()})`,
          level: 'error',
        });
      const arg = parsed.arg;
      switch (parsed.id) {
        case 'quit':
          return exit();
        case 'namespace':
          if (!arg) return openNamespaces();
          return dispatch({
            type: 'setNamespace',
            namespace: arg === 'all' || arg === '-A' ? undefined : arg,
          });
        case 'context':
          if (!arg) return openContexts();
          if (!listContexts(session.kc).some((c) => c.name === arg)) {
            return dispatch({ type: 'flash', text: `no context "${arg}" in the kubeconfig`, level: 'error' });
          }
          return switchTo(arg);
        case 'forwards':
          // As `f` does: one forwards list on the stack, whatever view it is opened from.
          if (ui.stack[ui.stack.length - 1]?.kind !== 'forwards')
            dispatch({ type: 'pushView', view: { kind: 'forwards', selected: undefined, probe: undefined } });
          return;
        case 'pods':
          return;
      }
    },
    [exit, openNamespaces, openContexts, switchTo, session.kc, dispatch, ui.stack],
  );

  return useCallback(
    (command: CommandId | 'text', chord: string, text = '', modified = false): void => {
      const modal = ui.modal;
      switch (command) {
        case 'app.quit':
          return exit();
        case 'app.help':
          return dispatch({ type: 'openModal', modal: { kind: 'help', scroll: 0 } });
        case 'app.command':
          return dispatch({ type: 'openModal', modal: { kind: 'command', draft: '' } });
        case 'app.suspend': {
          let continued = false;
          void suspendTerminal(async () => {
            // Stop like any terminal program; `fg` sends SIGCONT and Ink redraws everything. The whole process group
            // stops (pid 0), as the terminal's own Ctrl-Z would stop it: under `npm run demo` npm and its shell must
            // stop too, or the shell never sees a stopped job. Without job control (an orphaned process group) the
            // kernel discards SIGTSTP: then we come back at once and say why.
            const resumed = once(process, 'SIGCONT').then(() => (continued = true));
            process.kill(0, 'SIGTSTP');
            await Promise.race([resumed, new Promise((r) => setTimeout(r, 250))]);
          }).then(() => {
            if (!continued)
              dispatch({
                type: 'flash',
                text: 'cannot suspend: this terminal has no job control',
                level: 'error',
              });
          });
          return;
        }
        case 'modal.close':
          return dispatch({ type: 'closeModal' });
        case 'list.up':
        case 'list.down':
          if (modal.kind === 'help')
            return dispatch({ type: 'helpScroll', delta: command === 'list.up' ? -1 : 1, max: helpMax });
          if (modal.kind === 'picker') {
            return dispatch({
              type: 'pickerMove',
              delta: command === 'list.up' ? -1 : 1,
              count: pickerMatches(modal.items, modal.query).length,
            });
          }
          return dispatch({
            type: 'move',
            to: command === 'list.up' ? 'up' : 'down',
            rows,
            height: bodyHeight,
          });
        case 'list.pageUp':
          return dispatch({ type: 'move', to: 'pageUp', rows, height: bodyHeight });
        case 'list.pageDown':
          return dispatch({ type: 'move', to: 'pageDown', rows, height: bodyHeight });
        case 'list.top':
          return dispatch({ type: 'move', to: 'home', rows, height: bodyHeight });
        case 'list.bottom':
          return dispatch({ type: 'move', to: 'end', rows, height: bodyHeight });
        case 'pods.filter':
          return dispatch({
            type: 'openModal',
            modal: { kind: 'filter', draft: ui.filter, before: ui.filter },
          });
        case 'pods.clearFilter':
          dispatch({ type: 'setFilter', filter: '' });
          return dispatch({ type: 'setLabelSelector', selector: undefined });
        case 'pods.sortPrev':
        case 'pods.sortNext': {
          const shown = columns.current;
          if (shown.length === 0) return;
          const at = shown.indexOf(ui.sort?.column ?? 'name');
          const step = command === 'pods.sortNext' ? 1 : -1;
          const next = shown[(Math.max(0, at) + step + shown.length) % shown.length]!;
          return dispatch({ type: 'sortBy', column: next });
        }
        case 'pods.sortReverse':
          return dispatch({ type: 'sortReverse' });
        case 'pods.allNamespaces':
          return dispatch({ type: 'setNamespace', namespace: undefined });
        case 'pods.favourite': {
          const ns = ui.favourites[Number(chord) - 1];
          if (!ns)
            return dispatch({
              type: 'flash',
              text: `no favourite namespace ${chord} yet (namespaces you visit are added)`,
            });
          return dispatch({ type: 'setNamespace', namespace: ns });
        }
        case 'pods.namespaces':
          return openNamespaces();
        case 'pods.contexts':
          return openContexts();
        case 'pods.wide':
          return dispatch({ type: 'toggleWide' });
        case 'pods.columns': {
          const shown = columnWindow?.current;
          const right = chord === 'right';
          if (!shown || shown.hidden.length === 0)
            return dispatch({ type: 'flash', text: 'every column is on screen' });
          if (right && shown.scroll > 0 && !shown.moreRight)
            return dispatch({ type: 'flash', text: 'the last column is on screen (← scrolls back)' });
          return dispatch({ type: 'scrollColumns', to: shown.scroll + (right ? 1 : -1) });
        }
        case 'pods.mark':
          dispatch({ type: 'toggleMark' });
          return dispatch({ type: 'move', to: 'down', rows, height: bodyHeight });
        case 'pods.clearMarks':
          if (ui.marked.size === 0)
            return dispatch({ type: 'flash', text: 'no pod is marked (Space marks)' });
          dispatch({ type: 'clearMarks' });
          return dispatch({ type: 'flash', text: `marks cleared (${ui.marked.size})` });
        case 'input.accept':
          if (modal.kind === 'filter') {
            const parsed = parseFilter(modal.draft);
            if (!parsed.ok) return dispatch({ type: 'flash', text: parsed.error, level: 'error' });
            dispatch({ type: 'setFilter', filter: modal.draft });
            dispatch({
              type: 'setLabelSelector',
              selector:
                serverLabelSelector(parsed.filter) ??
                (parsed.filter.kind === 'none' ? undefined : ui.labelSelector),
            });
            return dispatch({ type: 'closeModal' });
          }
          if (modal.kind === 'command') {
            dispatch({ type: 'closeModal' });
            return runCommandLine(modal.draft);
          }
          if (modal.kind === 'search' && modal.logs)
            return acceptLogsInput(
              modal.draft,
              modal.logs,
              ui.stack[ui.stack.length - 1],
              viewData.current,
              dispatch,
            );
          if (modal.kind === 'search')
            return acceptSearch(
              modal.draft,
              ui.stack[ui.stack.length - 1],
              viewData.current,
              bodyHeight,
              dispatch,
            );
          return;
        case 'picker.accept': {
          if (modal.kind !== 'picker') return;
          const choice = pickerMatches(modal.items, modal.query)[modal.index];
          dispatch({ type: 'closeModal' });
          if (choice === undefined) return;
          if (modal.picker === 'namespace')
            return dispatch({
              type: 'setNamespace',
              namespace: choice === ALL_NAMESPACES ? undefined : choice,
            });
          return switchTo(choice);
        }
        case 'input.cancel':
          if (modal.kind === 'filter') dispatch({ type: 'setFilter', filter: modal.before });
          return dispatch({ type: 'closeModal' });
        case 'text': {
          if (chord === 'backspace') return dispatch({ type: 'editText', edit: 'backspace' });
          if (chord === 'ctrl+u') return dispatch({ type: 'editText', edit: 'clear' });
          if (modified || text.length === 0 || isControl(text)) return;
          return dispatch({ type: 'editText', edit: 'append', text });
        }
        default:
          return;
      }
    },
    [
      ui,
      dispatch,
      rows,
      columns,
      bodyHeight,
      helpMax,
      exit,
      suspendTerminal,
      openNamespaces,
      openContexts,
      runCommandLine,
      switchTo,
      viewData,
    ],
  );
}

/** Control characters (and DEL) are keys, not text. */
function isControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
