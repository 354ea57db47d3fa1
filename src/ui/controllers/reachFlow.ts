/**
 * The reach probe's flow in the UI (issue 15 §2): `R` or `:reach [PORT]` on a pod opens the confirm naming what
 * will be created; its Confirm opens the reach view (or, from the view's `r`, starts a new run in it). Nothing is
 * created before the confirm, and never under --readonly or where the user may not create pods (the reasons are
 * the pod actions', keymap/disabled.ts's data).
 */
import { clientImage } from '../../kube/reach/clientImage.js';
import type { ReachDialog } from '../../state/dialogs.js';
import type { PodRef } from '../../state/views.js';
import { actionTarget } from './actionTarget.js';
import { needsPod } from './podReasons.js';
import type { ControllerContext, Handler, Reasoner } from './types.js';

/** Opens the confirm for reaching `pod` (all its declared ports, or `port`). */
export function openReach(ctx: ControllerContext, pod: PodRef, port: number | undefined): void {
  const dialog: ReachDialog = { kind: 'reach', pod, port, image: clientImage(), focus: 'cancel' };
  ctx.dispatch({ type: 'setDialog', dialog });
}

/** `R` on the pods list's selection or the containers view's pod. */
export const reachKey: Handler = (ctx) => {
  const target = actionTarget(ctx.top, ctx.selectedRow);
  if (target) openReach(ctx, target.pod, undefined);
};

/** `:reach [PORT]`: the same, after the reasons the key would have (the command line bypasses the key's check). */
export function reachCommand(ctx: ControllerContext, port: number | undefined): void {
  // In the reach view, its pod (`:reach 80` after a run of every port).
  const pod = ctx.top?.kind === 'reach' ? ctx.top.pod : actionTarget(ctx.top, ctx.selectedRow)?.pod;
  const why = needsPod(pod ? { ...ctx, actionNamespace: pod.namespace } : ctx, 'pod.reach');
  if (why) return ctx.flash(why.text, 'error');
  if (!pod) return ctx.flash(':reach works on a pod: select one in the pods list', 'error');
  openReach(ctx, pod, port);
}

/** `r` in the reach view: a new confirm for the same pod and port. */
export const rerun: Handler = (ctx) => {
  if (ctx.top?.kind === 'reach') openReach(ctx, ctx.top.pod, ctx.top.port);
};

/** The reach view's `r`: refused as `R` is (--readonly, no create pods). */
export const rerunReason: Reasoner = (ctx, command) =>
  ctx.top?.kind === 'reach'
    ? needsPod({ ...ctx, actionNamespace: ctx.top.pod.namespace }, command)
    : undefined;

/** Confirm: the reach view on top, a new run if it is already there for this pod. */
export function acceptReach(ctx: ControllerContext, d: ReachDialog): void {
  ctx.dispatch({ type: 'closeModal' });
  if (d.focus === 'cancel') return;
  const top = ctx.top;
  if (top?.kind === 'reach' && top.pod.namespace === d.pod.namespace && top.pod.name === d.pod.name) {
    ctx.dispatch({
      type: 'updateView',
      kind: 'reach',
      update: (v) => (v.kind === 'reach' ? { ...v, port: d.port, image: d.image, run: v.run + 1 } : v),
    });
    return;
  }
  ctx.dispatch({
    type: 'pushView',
    view: { kind: 'reach', pod: d.pod, port: d.port, image: d.image, run: 1 },
  });
}
