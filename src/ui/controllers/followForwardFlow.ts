/**
 * `:pf TYPE/NAME [LOCAL:]REMOTE [-n NS]` (issue 16): a forward that follows a Service or workload. Bad input is
 * one line on the flash; the namespace is the one given, else the list's, else the context's (kubectl's
 * default). Refused as `F` is: by --readonly (a forward changes nothing in the cluster, but opens a way into it;
 * k9s's read-only mode refuses port-forwards too, and `:pf` must not do what `F` refuses) and by RBAC
 * (`create pods/portforward` where it is asked of the server, else the server's 403 when a stream opens).
 */
import { parseFollowSpec } from '../../domain/followForward.js';
import { disabledReason } from '../../keymap/disabled.js';
import type { ControllerContext } from './types.js';

/** Starts the forward `arg` describes, or flashes why not. */
export function followForwardCommand(ctx: ControllerContext, arg: string): void {
  const spec = parseFollowSpec(arg);
  if ('error' in spec) return ctx.flash(spec.error, 'error');
  const namespace = spec.namespace ?? ctx.ui.namespace ?? ctx.session.namespace;
  const denied = disabledReason('pod.portForward', {
    readonly: ctx.readonly,
    namespace,
    access: (q) => ctx.access.peek(q),
  });
  if (denied) return ctx.flash(denied.text, 'error');
  ctx.flash(`port-forward: starting ${spec.kind}/${spec.name}…`);
  void ctx.actions.startFollowForward(spec, namespace).then((r) => {
    if (!r.ok) return ctx.flash(`port-forward: ${r.error}`, 'error');
    ctx.flash(`forwarding ${r.url} → ${r.text} (f lists forwards)`);
  });
}
