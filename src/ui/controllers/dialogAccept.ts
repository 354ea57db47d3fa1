/** Enter in a dialog: the chosen container, the debug container, the delete, the port-forward. */
import { KILL_GRACE_SECONDS } from '../../kube/shell/deletePods.js';
import { parseFollowSpec } from '../../domain/followForward.js';
import type { Dialog } from '../../state/dialogs.js';
import { deleteFileObjects } from './applyFlow.js';
import { proceed } from './podActionFlows.js';
import { rereadPorts } from './ports.js';
import { acceptReach } from './reachFlow.js';
import { acceptOwnerAction } from './ownerFlow.js';
import type { ControllerContext } from './types.js';

/** Does what the dialog `d` asks (or closes it when its focus is on Cancel). */
export async function acceptDialog(ctx: ControllerContext, d: Dialog): Promise<void> {
  const { dispatch, flash, actions } = ctx;
  switch (d.kind) {
    case 'containers': {
      const container = d.items[d.index];
      dispatch({ type: 'closeModal' });
      if (container) await proceed(ctx, d.purpose, d.pod, container);
      return;
    }
    case 'debug': {
      dispatch({ type: 'closeModal' });
      if (d.focus === 'cancel') return;
      flash(`adding a debug container to ${d.pod.name}…`);
      try {
        const name = await actions.addDebugContainer(d.pod, d.target);
        if (d.after === 'ports') return rereadPorts(ctx);
        await proceed(ctx, 'shell', d.pod, name);
      } catch (e) {
        flash((e as Error).message, 'error');
      }
      return;
    }
    case 'delete': {
      if (d.focus === 'cancel') return dispatch({ type: 'closeModal' });
      dispatch({ type: 'closeModal' });
      const grace = d.force ? 0 : d.kill ? KILL_GRACE_SECONDS : d.grace === '' ? undefined : Number(d.grace);
      if (d.objects)
        return deleteFileObjects(ctx, d.objects.targets, { gracePeriodSeconds: grace, force: d.force });
      const result = await actions.deletePods(d.pods, { gracePeriodSeconds: grace, force: d.force });
      flash(result.text, result.ok ? 'info' : 'error');
      if (result.ok && ctx.top === undefined) dispatch({ type: 'clearMarks' });
      return;
    }
    case 'reach':
      return acceptReach(ctx, d);
    case 'ownerAction':
      return acceptOwnerAction(ctx, d);
    case 'portForward': {
      if (d.focus === 'cancel') return dispatch({ type: 'closeModal' });
      const remotePort = Number(d.remote);
      const localPort = Number(d.local);
      if (!Number.isInteger(remotePort) || remotePort < 1 || remotePort > 65535)
        return dispatch({ type: 'setDialog', dialog: { ...d, error: 'pod port: a number 1–65535' } });
      if (!Number.isInteger(localPort) || localPort < 1 || localPort > 65535)
        return dispatch({ type: 'setDialog', dialog: { ...d, error: 'local port: a number 1–65535' } });
      if (d.follow && d.owner) return acceptFollow(ctx, d, remotePort, localPort);
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
}

/** "follow the owner" (issue 16): the same ports, to a Ready pod of the pod's workload, as `:pf deploy/NAME`. */
async function acceptFollow(
  ctx: ControllerContext,
  d: Extract<Dialog, { kind: 'portForward' }>,
  remotePort: number,
  localPort: number,
): Promise<void> {
  const spec = parseFollowSpec(`${d.owner ?? ''} ${localPort}:${remotePort}`);
  if ('error' in spec) return ctx.dispatch({ type: 'setDialog', dialog: { ...d, error: spec.error } });
  const result = await ctx.actions.startFollowForward(spec, d.pod.namespace);
  if (!result.ok) return ctx.dispatch({ type: 'setDialog', dialog: { ...d, error: result.error } });
  ctx.dispatch({ type: 'closeModal' });
  ctx.flash(`forwarding ${result.url} → ${result.text} (f lists forwards)`);
}
