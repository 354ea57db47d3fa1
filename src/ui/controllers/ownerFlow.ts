/**
 * The owner actions on the selected pod (issue 16): `O` / `:owner` filter the list to the workload's pods by its
 * selector, `:restart` and `:scale N` open a confirm naming the workload and what changes, and its Confirm sends
 * the change as kubectl does, then follows the rollout in the header until it is done. Refused under --readonly
 * with the reason, and where the server denies the patch (asked through the access review cache before the
 * confirm opens).
 */
import { selectorString } from '../../domain/workload/selectorString.js';
import { controllerRef } from '../../domain/workload/controllerRef.js';
import { ownerTarget, parseReplicas, type OwnerAction } from '../../domain/workload/ownerTarget.js';
import { notAllowedText, type AccessAttributes } from '../../kube/access.js';
import type { ChainLink } from '../../kube/workload/ownerChain.js';
import { errorMessage } from '../../kube/errors.js';
import { readonlyReason } from '../../keymap/disabled.js';
import type { OwnerActionDialog, WorkloadRef } from '../../state/ownerDialog.js';
import type { PodRef } from '../../state/views.js';
import { workloadsFor } from '../workloadsFor.js';
import { actionTarget } from './actionTarget.js';
import type { ControllerContext, Handler } from './types.js';

/** The pod the owner actions apply to: the containers view's, else the list's selection. */
function targetPod(ctx: ControllerContext): PodRef | undefined {
  return actionTarget(ctx.top, ctx.selectedRow)?.pod;
}

/** The selected pod's owner chain, or a flashed reason and undefined. */
async function chainOf(
  ctx: ControllerContext,
  what: string,
): Promise<{ pod: PodRef; chain: ChainLink[] } | undefined> {
  const pod = targetPod(ctx);
  if (!pod) {
    ctx.flash(`${what} works on a pod: select one in the pods list`, 'error');
    return undefined;
  }
  const found = ctx.findPod(pod);
  if (!found) {
    ctx.flash(`${pod.name} is no longer listed: its owner cannot be read from it`, 'error');
    return undefined;
  }
  const ref = controllerRef(found);
  if (!ref) {
    ctx.flash(`${pod.name} has no controlling owner`, 'error');
    return undefined;
  }
  try {
    const chain = await workloadsFor(ctx.session).chain(pod.namespace, ref);
    return { pod, chain };
  } catch (e) {
    ctx.flash(`${pod.name}'s owner: ${errorMessage(e)}`, 'error');
    return undefined;
  }
}

/**
 * `O` and `:owner`: the pods list filtered by the workload's own selector (`-l app=web-app`) — all its pods, those
 * of an old ReplicaSet during a rollout too, as the controller selects them; `o` stays the same-controller filter.
 */
export const ownerPods: Handler = (ctx) => {
  void (async () => {
    const found = await chainOf(ctx, ':owner');
    if (!found) return;
    const top = [...found.chain].reverse().find((l) => l.workload?.selector);
    const broken = found.chain.find((l) => l.error);
    if (!top?.workload)
      return ctx.flash(`${found.pod.name}'s owner: ${broken?.error ?? 'no selector'}`, 'error');
    const selector = selectorString(top.workload.selector);
    if (!selector)
      return ctx.flash(`${top.kind} ${top.name} selects every pod: nothing to filter by`, 'error');
    // Back to the list, which the filter acts on. A selector holds in the workload's namespace only: a list of all
    // namespaces moves to it (as `kubectl get pods -n NS -l SELECTOR`), or pods of another namespace that happen
    // to carry the same labels would be listed as the workload's.
    for (let i = 0; i < ctx.ui.stack.length; i++) ctx.dispatch({ type: 'popView' });
    const namespace = top.namespace;
    if (ctx.ui.namespace !== namespace) ctx.dispatch({ type: 'setNamespace', namespace });
    ctx.dispatch({ type: 'setFilter', filter: `-l ${selector}` });
    ctx.dispatch({ type: 'setLabelSelector', selector });
    ctx.flash(`pods of ${top.kind} ${namespace}/${top.name} (${selector}; Esc shows all)`);
  })();
};

function refOf(l: ChainLink): WorkloadRef {
  return {
    apiVersion: l.apiVersion,
    kind: l.kind,
    name: l.name,
    namespace: l.namespace,
    path: l.path,
    resource: l.resource,
    group: l.group,
  };
}

/** The permission the action needs: patch the workload (restart) or its scale subresource. */
function permission(action: OwnerAction, t: WorkloadRef): AccessAttributes {
  return {
    verb: 'patch',
    resource: t.resource,
    group: t.group,
    namespace: t.namespace,
    ...(action === 'scale' ? { subresource: 'scale' } : {}),
  };
}

/** `:restart` and `:scale N`: the refusals first (read-only, the argument, the owner, RBAC), then the confirm. */
export function ownerActionCommand(
  ctx: ControllerContext,
  action: OwnerAction,
  arg: string | undefined,
): void {
  if (ctx.readonly)
    return ctx.flash(
      readonlyReason(action === 'restart' ? 'restart workloads' : 'scale workloads').text,
      'error',
    );
  const replicas = action === 'scale' ? parseReplicas(arg) : undefined;
  if (replicas && !replicas.ok) return ctx.flash(replicas.reason, 'error');
  void (async () => {
    const found = await chainOf(ctx, `:${action}`);
    if (!found) return;
    const broken = found.chain.find((l) => l.error);
    const target = ownerTarget(
      found.chain.filter((l) => !l.error),
      action,
      found.pod.name,
    );
    if (!target.ok)
      return ctx.flash(broken ? `${found.pod.name}'s owner: ${broken.error}` : target.reason, 'error');
    const ref = refOf(target.link);
    const question = permission(action, ref);
    const answer = await ctx.access.ask(question);
    if (answer.verdict === 'denied') return ctx.flash(notAllowedText(question), 'error');
    let from: number | undefined;
    if (action === 'scale') {
      try {
        from = await workloadsFor(ctx.session).currentReplicas(target.link);
      } catch (e) {
        return ctx.flash(`${ref.kind} ${ref.name}: ${errorMessage(e)}`, 'error');
      }
    }
    const dialog: OwnerActionDialog = {
      kind: 'ownerAction',
      action,
      pod: found.pod,
      target: ref,
      ...(replicas?.ok ? { from, to: replicas.replicas } : {}),
      focus: 'cancel',
    };
    ctx.dispatch({ type: 'setDialog', dialog });
  })();
}

/** Confirm: send the change, then follow the rollout (the header shows it) and flash how it ended. */
export async function acceptOwnerAction(ctx: ControllerContext, d: OwnerActionDialog): Promise<void> {
  ctx.dispatch({ type: 'closeModal' });
  if (d.focus === 'cancel') return;
  const w = workloadsFor(ctx.session);
  const t = d.target;
  const name = `${t.resource}${t.group ? `.${t.group}` : ''}/${t.name}`;
  try {
    if (d.action === 'restart') await w.restart(t);
    else await w.scale(t, d.to ?? 0);
  } catch (e) {
    return ctx.flash(`${name}: ${errorMessage(e)}`, 'error');
  }
  ctx.flash(`${name} ${d.action === 'restart' ? 'restarted' : 'scaled'}`);
  const end = await w.rollouts.track(t);
  if (end.stopped) return;
  ctx.flash(end.ok ? `${end.text} (${(end.ms / 1000).toFixed(1)} s)` : end.text, end.ok ? 'info' : 'error');
}
