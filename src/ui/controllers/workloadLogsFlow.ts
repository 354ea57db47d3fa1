/**
 * Opening a workload's logs: `:logs deploy/NAME` / `:logs -l SELECTOR` and `L` on a pod (all pods of its owner,
 * the workload `workloadOf` names). The target is resolved first (the workload read for its selector, a selector
 * checked by the server), so a bad one is one flashed line in kubectl's words and no view opens.
 */
import { workloadOf } from '../../domain/podOwner.js';
import { parseLogTarget, resourceOfKind, type LogTarget } from '../../domain/workloadLogs.js';
import { resolveLogTarget } from '../../kube/logTarget.js';
import { workloadLogsView } from '../../state/workloadLogsView.js';
import type { ControllerContext, Handler } from './types.js';

function open(ctx: ControllerContext, target: LogTarget, namespace: string | undefined): void {
  ctx.flash(target.kind === 'selector' ? `finding pods with ${target.selector}…` : `reading ${target.name}…`);
  resolveLogTarget(ctx.session.kc, target, namespace).then(
    (resolved) => {
      ctx.flash(`following the pods of ${resolved.label} (selector ${resolved.selector})`);
      ctx.dispatch({ type: 'pushView', view: workloadLogsView(resolved) });
    },
    (e: unknown) => ctx.flash((e as Error).message, 'error'),
  );
}

/**
 * `:logs ARG [-n NS]`: in NS when given; else a selector in the list's namespace (all namespaces when the list
 * shows all), a workload in the list's namespace (the selected pod's when it shows all).
 */
export function logsCommand(ctx: ControllerContext, arg: string | undefined): void {
  const target = parseLogTarget(arg);
  if ('error' in target) return ctx.flash(target.error, 'error');
  const namespace = target.namespace ?? (target.kind === 'selector' ? ctx.ui.namespace : ctx.actionNamespace);
  open(ctx, target, namespace);
}

/** `L` on a pod: the logs of every pod of its workload (a bare pod has none: `l` shows its own). */
export const ownerLogs: Handler = (ctx) => {
  const row = ctx.selectedRow;
  if (!row) return;
  const owner = workloadOf(row.pod);
  if (!owner) return ctx.flash(`${row.name} has no owner: l shows its logs`, 'error');
  const resource = resourceOfKind(owner.kind);
  if (!resource)
    return ctx.flash(
      `${row.name} is owned by a ${owner.kind}: L follows Deployments, StatefulSets, DaemonSets, ReplicaSets and Jobs`,
      'error',
    );
  open(ctx, { kind: 'workload', resource, name: owner.name }, row.namespace);
};
