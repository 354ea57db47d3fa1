/**
 * The pod actions behind keys — logs, shell, port-forward, delete/kill, the forwards list — and the dialogs they
 * open. Returns false for a command it does not handle. A command that cannot run now (--readonly, or a permission
 * the server denied: see keymap/disabled.ts) says why and does nothing.
 */
import type { Dispatch } from 'react';
import { useCallback } from 'react';
import { chooseContainer, chooseShellContainer, runningCandidates } from '../domain/containerChoice.js';
import { previousUnavailable } from '../logs/containerPhase.js';
import { declaredPortLabel, declaredPorts } from '../domain/declaredPorts.js';
import type { PodRow } from '../domain/podRow.js';
import { KILL_GRACE_SECONDS } from '../kube/shell/deletePods.js';
import type { Pod } from '../domain/wire.js';
import type { CommandId } from '../keymap/commands.js';
import { DEBUG_PERMISSION, deniedReason } from '../keymap/disabled.js';
import type { DisabledFn } from '../keymap/resolve.js';
import type { AccessStore } from '../kube/access.js';
import type { ContainerPurpose, Dialog } from '../state/dialogs.js';
import type { UiAction, UiState } from '../state/uiState.js';
import type { PodRef } from '../state/views.js';
import { logsView } from '../state/views.js';
import type { PodActions } from './actions.js';
import { pickerLetter } from './components/DialogBox.js';
import { actionTarget } from './useViewCommands.js';

export interface ActionCommandContext {
  ui: UiState;
  dispatch: Dispatch<UiAction>;
  selectedRow: PodRow | undefined;
  /** The rows the filter shows (to count marked pods it hides). */
  shownRows: readonly PodRow[];
  findPod: (ref: PodRef) => Pod | undefined;
  actions: PodActions;
  /** Why a command cannot run now (read-only, or denied by the server). */
  disabled: DisabledFn;
  /** The session's answers about what the user may do (the debug container's permission). */
  access: AccessStore;
}

function refOf(key: string): PodRef {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function usePodActionCommands(ctx: ActionCommandContext) {
  const { ui, dispatch, selectedRow, shownRows, findPod, actions, disabled, access } = ctx;
  const top = ui.stack[ui.stack.length - 1];

  const flash = useCallback(
    (text: string, level: 'info' | 'error' = 'info') => dispatch({ type: 'flash', text, level }),
    [dispatch],
  );

  /** Runs a purpose once the container is known. */
  const proceed = useCallback(
    async (purpose: ContainerPurpose, pod: PodRef, container: string): Promise<void> => {
      const p = findPod(pod);
      switch (purpose) {
        case 'logs':
          dispatch({
            type: 'pushView',
            view: logsView(pod, container, false, p ? runningCandidates(p) : []),
          });
          return;
        case 'previousLogs': {
          const why = p && previousUnavailable(p, container);
          if (why) {
            flash(why, 'error');
            return;
          }
          dispatch({ type: 'pushView', view: logsView(pod, container, true, p ? runningCandidates(p) : []) });
          return;
        }
        case 'shell': {
          const result = await actions.shell(pod, container);
          if (result.noShell) {
            // The debug container is a PATCH of pods/ephemeralcontainers: not offered to who may not make it.
            const denied = deniedReason(DEBUG_PERMISSION, {
              readonly: false,
              namespace: pod.namespace,
              access: (q) => access.peek(q),
            });
            if (denied) return flash(`${result.text}; no debug container: ${denied.text}`, 'error');
            dispatch({
              type: 'setDialog',
              // It changes the pod for good (an ephemeral container cannot be removed): Enter alone adds nothing.
              dialog: { kind: 'debug', pod, target: container, focus: 'cancel' },
            });
            return;
          }
          flash(result.text, result.ok ? 'info' : 'error');
          return;
        }
        case 'portForward': {
          // The chosen container's ports first: its first one is the default.
          const all = p ? declaredPorts(p) : [];
          const declared = [
            ...all.filter((d) => d.container === container),
            ...all.filter((d) => d.container !== container),
          ];
          const remote = declared[0]?.port;
          const address = '127.0.0.1';
          const local = remote === undefined ? undefined : await actions.suggestLocalPort(remote, address);
          dispatch({
            type: 'setDialog',
            dialog: {
              kind: 'portForward',
              pod,
              container,
              declared: declared.map(declaredPortLabel),
              remote: remote === undefined ? '' : String(remote),
              local: local === undefined ? '' : String(local),
              address,
              focus: remote === undefined ? 'remote' : 'start',
              error: undefined,
            },
          });
          return;
        }
      }
    },
    [findPod, dispatch, flash, actions, access],
  );

  /** Chooses the container (or asks), then proceeds. */
  const withContainer = useCallback(
    (purpose: ContainerPurpose) => {
      const target = actionTarget(top, selectedRow);
      if (!target) return;
      const pod = findPod(target.pod);
      if (!pod) return flash(`${target.pod.name} is gone`, 'error');
      if (purpose === 'shell') {
        const shellChoice = chooseShellContainer(pod, target.container);
        if (shellChoice.kind === 'refuse') return flash(`no shell: ${shellChoice.reason}`, 'error');
        if (shellChoice.kind === 'container') return void proceed(purpose, target.pod, shellChoice.name);
      }
      const choice = chooseContainer(pod, target.container);
      if (choice.kind === 'chosen') return void proceed(purpose, target.pod, choice.container);
      if (choice.items.length === 0) return flash(`${target.pod.name} has no containers`, 'error');
      dispatch({
        type: 'setDialog',
        dialog: { kind: 'containers', purpose, pod: target.pod, items: choice.items, index: 0 },
      });
    },
    [top, selectedRow, findPod, flash, proceed, dispatch],
  );

  const openDelete = useCallback(
    (kill: boolean) => {
      const target = actionTarget(top, selectedRow);
      const keys = top === undefined && ui.marked.size > 0 ? [...ui.marked] : [];
      const pods = keys.length ? keys.map(refOf) : target ? [target.pod] : [];
      if (pods.length === 0) return;
      // Counted when the dialog opens, not on every flush of the list.
      const shown = new Set(shownRows.map((r) => r.key));
      const hidden = keys.filter((k) => !shown.has(k)).length;
      dispatch({
        type: 'setDialog',
        dialog: { kind: 'delete', pods, hidden, kill, grace: '', force: false, focus: 'cancel' },
      });
    },
    [top, selectedRow, ui.marked, shownRows, dispatch],
  );

  const accept = useCallback(
    async (d: Dialog): Promise<void> => {
      switch (d.kind) {
        case 'containers': {
          const container = d.items[d.index];
          dispatch({ type: 'closeModal' });
          if (container) await proceed(d.purpose, d.pod, container);
          return;
        }
        case 'debug': {
          dispatch({ type: 'closeModal' });
          if (d.focus === 'cancel') return;
          flash(`adding a debug container to ${d.pod.name}…`);
          try {
            const name = await actions.addDebugContainer(d.pod, d.target);
            await proceed('shell', d.pod, name);
          } catch (e) {
            flash((e as Error).message, 'error');
          }
          return;
        }
        case 'delete': {
          if (d.focus === 'cancel') return dispatch({ type: 'closeModal' });
          dispatch({ type: 'closeModal' });
          const grace = d.force
            ? 0
            : d.kill
              ? KILL_GRACE_SECONDS
              : d.grace === ''
                ? undefined
                : Number(d.grace);
          const result = await actions.deletePods(d.pods, { gracePeriodSeconds: grace, force: d.force });
          flash(result.text, result.ok ? 'info' : 'error');
          if (result.ok && top === undefined) dispatch({ type: 'clearMarks' });
          return;
        }
        case 'portForward': {
          if (d.focus === 'cancel') return dispatch({ type: 'closeModal' });
          const remotePort = Number(d.remote);
          const localPort = Number(d.local);
          if (!Number.isInteger(remotePort) || remotePort < 1 || remotePort > 65535)
            return dispatch({ type: 'setDialog', dialog: { ...d, error: 'pod port: a number 1–65535' } });
          if (!Number.isInteger(localPort) || localPort < 1 || localPort > 65535)
            return dispatch({ type: 'setDialog', dialog: { ...d, error: 'local port: a number 1–65535' } });
          const result = await actions.startForward({
            pod: d.pod,
            container: d.container,
            remotePort,
            localPort,
            address: d.address,
          });
          if (!result.ok) return dispatch({ type: 'setDialog', dialog: { ...d, error: result.error } });
          dispatch({ type: 'closeModal' });
          flash(`forwarding ${result.url} → ${d.pod.name}:${remotePort} (f lists forwards)`);
          return;
        }
      }
    },
    [dispatch, proceed, actions, flash, top],
  );

  return useCallback(
    (command: CommandId | 'text', text = ''): boolean => {
      const modal = ui.modal;
      if (modal.kind === 'dialog') {
        const d = modal.dialog;
        switch (command) {
          case 'dialog.next':
          case 'dialog.prev':
            dispatch({ type: 'dialogFocus', delta: command === 'dialog.next' ? 1 : -1 });
            return true;
          case 'dialog.toggle':
            dispatch({ type: 'dialogToggle' });
            return true;
          case 'input.accept':
            void accept(d);
            return true;
          case 'input.cancel':
            dispatch({ type: 'closeModal' });
            return true;
          case 'text': {
            if (d.kind !== 'containers') return false;
            const index = d.items.findIndex((_, i) => pickerLetter(i) === text);
            if (index >= 0) void accept({ ...d, index });
            return true;
          }
          default:
            return false;
        }
      }
      if (command === 'text') return false;
      const why = disabled(command);
      if (why) {
        flash(why.text, 'error');
        return true;
      }
      switch (command) {
        case 'pod.logs':
          withContainer('logs');
          return true;
        case 'pod.previousLogs':
          withContainer('previousLogs');
          return true;
        case 'pod.shell':
          withContainer('shell');
          return true;
        case 'pod.portForward':
          withContainer('portForward');
          return true;
        case 'pod.delete':
        case 'pod.kill':
          openDelete(command === 'pod.kill');
          return true;
        case 'app.forwards':
          if (top?.kind !== 'forwards')
            dispatch({ type: 'pushView', view: { kind: 'forwards', selected: undefined, probe: undefined } });
          return true;
        default:
          return false;
      }
    },
    [ui.modal, disabled, dispatch, accept, flash, withContainer, openDelete, top],
  );
}
