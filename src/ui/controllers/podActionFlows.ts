/**
 * What the pod actions do once allowed: choose the container (or ask in a dialog), then open the logs, hand the
 * terminal to a shell (offering a debug container when the image has none), or open the port-forward or delete
 * dialog. Shared by the pods list, the containers view and the dialogs' controllers.
 */
import { chooseContainer, chooseShellContainer, runningCandidates } from '../../domain/containerChoice.js';
import { declaredPortLabel, declaredPorts } from '../../domain/declaredPorts.js';
import { workloadOf } from '../../domain/podOwner.js';
import type { Pod } from '../../domain/wire.js';
import { DEBUG_PERMISSION, deniedReason } from '../../keymap/disabled.js';
import { previousUnavailable } from '../../logs/containerPhase.js';
import type { ContainerPurpose } from '../../state/dialogs.js';
import type { PodRef } from '../../state/views.js';
import { logsView } from '../../state/views.js';
import { actionTarget } from './actionTarget.js';
import type { ControllerContext } from './types.js';

/** Runs a purpose once the container is known. */
export async function proceed(
  ctx: ControllerContext,
  purpose: ContainerPurpose,
  pod: PodRef,
  container: string,
): Promise<void> {
  const { dispatch, flash, actions } = ctx;
  const p = ctx.findPod(pod);
  switch (purpose) {
    case 'logs':
      dispatch({ type: 'pushView', view: logsView(pod, container, false, p ? runningCandidates(p) : []) });
      return;
    case 'previousLogs': {
      const why = p && previousUnavailable(p, container);
      if (why) return flash(why, 'error');
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
          access: (q) => ctx.access.peek(q),
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
          ...followableOwner(p),
          error: undefined,
        },
      });
      return;
    }
  }
}

/** Chooses the container of the action's pod (or asks in a dialog), then proceeds. */
export function withContainer(ctx: ControllerContext, purpose: ContainerPurpose): void {
  const target = actionTarget(ctx.top, ctx.selectedRow);
  if (!target) return;
  const pod = ctx.findPod(target.pod);
  if (!pod) return ctx.flash(`${target.pod.name} is gone`, 'error');
  if (purpose === 'shell') {
    const shellChoice = chooseShellContainer(pod, target.container);
    if (shellChoice.kind === 'refuse') return ctx.flash(`no shell: ${shellChoice.reason}`, 'error');
    if (shellChoice.kind === 'container') return void proceed(ctx, purpose, target.pod, shellChoice.name);
  }
  const choice = chooseContainer(pod, target.container);
  if (choice.kind === 'chosen') return void proceed(ctx, purpose, target.pod, choice.container);
  if (choice.items.length === 0) return ctx.flash(`${target.pod.name} has no containers`, 'error');
  ctx.dispatch({
    type: 'setDialog',
    dialog: { kind: 'containers', purpose, pod: target.pod, items: choice.items, index: 0 },
  });
}

function refOf(key: string): PodRef {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The pods a delete (or kill) would act on: the marked ones in the pods list, else the action's pod. */
export function deleteTargets(ctx: ControllerContext): { pods: PodRef[]; marked: string[] } {
  const target = actionTarget(ctx.top, ctx.selectedRow);
  const marked = ctx.top === undefined && ctx.ui.marked.size > 0 ? [...ctx.ui.marked] : [];
  return { pods: marked.length ? marked.map(refOf) : target ? [target.pod] : [], marked };
}

/** Opens the delete (or kill) dialog for the marked pods, else the action's pod. */
export function openDelete(ctx: ControllerContext, kill: boolean): void {
  const { pods, marked } = deleteTargets(ctx);
  if (pods.length === 0) return;
  // Counted when the dialog opens, not on every flush of the list.
  const shown = new Set(ctx.rows.map((r) => r.key));
  const hidden = marked.filter((k) => !shown.has(k)).length;
  ctx.dispatch({
    type: 'setDialog',
    dialog: { kind: 'delete', pods, hidden, kill, grace: '', force: false, focus: 'cancel' },
  });
}

/** The pod's workload, when a forward can follow it (issue 16): `deploy/web-app`, off by default. */
function followableOwner(pod: Pod | undefined): { owner?: string; follow?: boolean } {
  const owner = pod && workloadOf(pod);
  const kind = owner && FOLLOWABLE[owner.kind];
  return kind ? { owner: `${kind}/${owner.name}`, follow: false } : {};
}

const FOLLOWABLE: Readonly<Record<string, string>> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
};
