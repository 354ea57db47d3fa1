/**
 * The keys that act on one pod (the pods list's selection, or the containers view's pod and container): open its
 * containers, describe, YAML, events, logs, a shell, a port-forward, delete or kill; and the forwards list. Each
 * command's reason (read-only, denied, no pod, not running) sits next to its handler.
 */
import { ownerLogs } from './workloadLogsFlow.js';
import { ownerPods } from './ownerFlow.js';
import type { CommandId } from '../../keymap/commands.js';
import type { TextKind } from '../../state/views.js';
import { containersView, textView } from '../../state/views.js';
import { actionTarget } from './actionTarget.js';
import { openInside } from './inside.js';
import { openDelete, withContainer } from './podActionFlows.js';
import { needsPod, needsPodOrMarks, shellReason } from './podReasons.js';
import { openPorts } from './ports.js';
import { reachKey } from './reachFlow.js';
import type { Controller, Handler, Reasoner } from './types.js';
import { attachKey, attachReason } from '../attach/attachKey.js';

/** Opens one of the pod's text views. */
const openText =
  (kind: TextKind): Handler =>
  (ctx) => {
    const target = actionTarget(ctx.top, ctx.selectedRow);
    if (target) ctx.dispatch({ type: 'pushView', view: textView(kind, target.pod) });
  };

/** Enter on the pods list: the pod's containers. */
const openContainers: Handler = (ctx) => {
  const row = ctx.selectedRow;
  if (ctx.top !== undefined || !row) return;
  ctx.dispatch({
    type: 'pushView',
    view: containersView({ namespace: row.namespace, name: row.name }, row.pod),
  });
};

/** The pod actions' handlers (the containers view borrows `pod.logs`). */
export const POD_ACTION_HANDLERS = {
  'pod.containers': openContainers,
  'pod.describe': openText('describe'),
  'pod.yaml': openText('yaml'),
  'pod.events': openText('events'),
  'pod.logs': (ctx) => withContainer(ctx, 'logs'),
  'pod.previousLogs': (ctx) => withContainer(ctx, 'previousLogs'),
  'pod.shell': (ctx) => withContainer(ctx, 'shell'),
  'pod.portForward': (ctx) => withContainer(ctx, 'portForward'),
  'pod.delete': (ctx) => openDelete(ctx, false),
  'pod.kill': (ctx) => openDelete(ctx, true),
  'pod.ports': openPorts,
  'pod.reach': reachKey,
  'app.forwards': (ctx) => {
    if (ctx.top?.kind !== 'forwards')
      ctx.dispatch({ type: 'pushView', view: { kind: 'forwards', selected: undefined, probe: undefined } });
  },
  'pod.inside': openInside,
  'pod.attach': attachKey,
  'pod.ownerLogs': ownerLogs,
  'pod.owner': ownerPods,
} satisfies Partial<Record<CommandId, Handler>>;

/** Why each pod action cannot run now. */
export const POD_ACTION_REASONS = {
  'pod.containers': needsPod,
  'pod.describe': needsPod,
  'pod.yaml': needsPod,
  'pod.events': needsPod,
  'pod.logs': needsPod,
  'pod.previousLogs': needsPod,
  'pod.shell': shellReason,
  'pod.portForward': needsPod,
  'pod.delete': needsPodOrMarks,
  'pod.kill': needsPodOrMarks,
  'pod.ports': needsPod,
  'pod.inside': needsPod,
  'pod.reach': needsPod,
  'pod.attach': attachReason,
  'pod.ownerLogs': needsPod,
  'pod.owner': needsPod,
} satisfies Partial<Record<CommandId, Reasoner>>;

/** The pod actions' controller. */
export const podActionsController: Controller = {
  scope: 'podActions',
  handlers: POD_ACTION_HANDLERS,
  disabledReasons: POD_ACTION_REASONS,
};
