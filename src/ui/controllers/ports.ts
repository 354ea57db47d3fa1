/**
 * The ports check's keys: `P` (and `:ports`) opens it on the action's pod and container; in the view, `r` reads
 * the sockets again and `D` offers a debug container when no container has `cat` (through the debug dialog, which
 * asks first). Scrolling, search and save are the text view's (controllers/text.ts).
 */
import { defaultContainer } from '../../domain/containerChoice.js';
import { DEBUG_PERMISSION, deniedReason } from '../../keymap/disabled.js';
import type { ViewEntry } from '../../state/views.js';
import { portsView } from '../../state/views.js';
import { actionTarget } from './actionTarget.js';
import { modeAndAccess } from './podReasons.js';
import type { Controller, ControllerContext, Handler, Reasoner } from './types.js';

type PortsEntry = Extract<ViewEntry, { kind: 'text' }>;

/** The ports view on top, if it is. */
function portsOnTop(ctx: ControllerContext): PortsEntry | undefined {
  const top = ctx.top;
  return top?.kind === 'text' && top.text === 'ports' ? top : undefined;
}

/** P / `:ports`: the ports check of the action's pod (the containers view's container is read first). */
export const openPorts: Handler = (ctx) => {
  const target = actionTarget(ctx.top, ctx.selectedRow);
  if (!target) return ctx.flash('no pod selected: P checks the selected pod’s ports', 'error');
  ctx.dispatch({ type: 'pushView', view: portsView(target.pod, target.container) });
};

/**
 * `:ports`: as P, on the pods list's selection or the containers view's container, or the pod of the text view on
 * screen; refused with the same reason P would give.
 */
export function portsFromCommandLine(ctx: ControllerContext): void {
  const why = modeAndAccess(ctx, 'pod.ports');
  if (why) return ctx.flash(why.text, 'error');
  const top = ctx.top;
  if (!actionTarget(top, ctx.selectedRow) && top && 'pod' in top) {
    if (portsOnTop(ctx)) return rereadPorts(ctx);
    return ctx.dispatch({ type: 'pushView', view: portsView(top.pod, undefined) });
  }
  openPorts(ctx, ':ports');
}

/** r: read the sockets again (the view reads when `reads` changes). */
export function rereadPorts(ctx: ControllerContext): void {
  ctx.dispatch({
    type: 'updateView',
    kind: 'text',
    update: (v) => (v.kind === 'text' && v.text === 'ports' ? { ...v, reads: (v.reads ?? 0) + 1 } : v),
  });
}

/** D: the debug dialog, set to read the ports once the container runs (it asks before changing the pod). */
const offerDebug: Handler = (ctx) => {
  const top = portsOnTop(ctx);
  if (!top) return;
  const pod = ctx.findPod(top.pod);
  const target = top.container ?? (pod && defaultContainer(pod));
  if (!target) return ctx.flash(`${top.pod.name} is gone`, 'error');
  ctx.dispatch({
    type: 'setDialog',
    dialog: { kind: 'debug', pod: top.pod, target, focus: 'cancel', after: 'ports' },
  });
};

/** The debug container: --readonly, then the permission `kubectl debug` needs. */
const debugReason: Reasoner = (ctx, command) => {
  const first = modeAndAccess(ctx, command);
  if (first) return first;
  const top = portsOnTop(ctx);
  if (!top) return undefined;
  return deniedReason(DEBUG_PERMISSION, {
    readonly: ctx.readonly,
    namespace: top.pod.namespace,
    access: (q) => ctx.access.peek(q),
  });
};

/** The ports view's own keys (before the text view's). */
export const portsController: Controller = {
  scope: 'ports',
  handlers: {
    'ports.reread': (ctx) => {
      if (!portsOnTop(ctx)) return;
      rereadPorts(ctx);
      ctx.flash('reading the sockets again…');
    },
    'ports.debug': offerDebug,
  },
  disabledReasons: {
    'ports.reread': modeAndAccess,
    'ports.debug': debugReason,
  },
};
