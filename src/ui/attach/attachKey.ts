/**
 * `a` (issue 16; k9s's key for attach): attach to the main process of the selected container (the containers
 * view's), else kubectl's default container (`kubectl attach POD`: the default-container annotation, else the
 * first), with the shell's terminal hand-off (src/terminal/attachHandoff.ts).
 */
import { containerStatus, defaultContainer } from '../../domain/containerChoice.js';
import { actionTarget } from '../controllers/actionTarget.js';
import { needsPod } from '../controllers/podReasons.js';
import type { Handler, Reasoner } from '../controllers/types.js';

export const attachKey: Handler = (ctx) => {
  const target = actionTarget(ctx.top, ctx.selectedRow);
  if (!target) return;
  const pod = ctx.findPod(target.pod);
  if (!pod) return ctx.flash(`${target.pod.name} is gone`, 'error');
  const container = target.container ?? defaultContainer(pod);
  if (!container) return ctx.flash(`${target.pod.name} has no containers`, 'error');
  void (async () => {
    let text = 'the attach did not start';
    let ok = false;
    try {
      const kc = await ctx.session.clientKubeConfig();
      const { handOffToAttach } = await import('../../terminal/attachHandoff.js');
      await ctx.suspendTerminal(async () => {
        const r = await handOffToAttach({
          kc,
          namespace: target.pod.namespace,
          pod: target.pod.name,
          container,
        });
        text = r.message;
        ok = r.end.kind !== 'closed';
      });
    } catch (e) {
      text = `cannot attach: ${e instanceof Error ? e.message : String(e)}`;
    }
    ctx.flash(text, ok ? 'info' : 'error');
  })();
};

/** Attach needs a running container (the kubelet answers `container not found` otherwise). */
export const attachReason: Reasoner = (ctx, command) => {
  const first = needsPod(ctx, command);
  if (first) return first;
  const target = actionTarget(ctx.top, ctx.selectedRow);
  const pod = target && ctx.findPod(target.pod);
  if (!target || !pod) return undefined;
  const container = target.container ?? defaultContainer(pod);
  if (container && containerStatus(pod, container)?.state?.running) return undefined;
  const why = `${container ?? 'no container'} is not running`;
  return { text: `cannot attach: ${why}`, head: 'cannot attach', item: why };
};
