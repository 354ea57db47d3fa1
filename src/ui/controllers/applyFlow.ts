/**
 * Create from a manifest (issue 15 §1): `:apply FILE` reads and parses the file, opens the apply view and fills it
 * with the server-side dry run; confirming applies it, replaces the preview with the report and jumps to the
 * first Pod created or configured (its namespace, selected in the list, its describe view on top: its status and
 * events go from Pending to Running there). `:delete -f FILE` maps the file's objects and opens the delete dialog
 * on them. Tab on the command line completes the file's path.
 */
import { completePath, fileArgument, splitPath } from '../../domain/manifest/pathCompletion.js';
import { parseManifest, type ManifestObject } from '../../domain/manifest/parseManifest.js';
import type { ApplyResult } from '../../domain/manifest/plan.js';
import { planApplicable, planLines, reportLines } from '../../domain/manifest/plan.js';
import { readonlyReason } from '../../keymap/disabled.js';
import { applyPlan, planApply } from '../../kube/apply/applyManifest.js';
import { deleteTargets } from '../../kube/apply/deleteTargets.js';
import { ResourceDiscovery } from '../../kube/apply/discovery.js';
import { describeFailure } from '../../kube/errors.js';
import { serverUrl } from '../../kube/request.js';
import type { KubeConfigLike } from '../../kube/plainKubeConfig.js';
import { deleteObjects, type DeleteOptions } from '../../kube/shell/deletePods.js';
import { listEntries, readLocalText } from '../../io/localFiles.js';
import type { ApplyEntry } from '../../state/applyView.js';
import { applyView } from '../../state/applyView.js';
import type { ObjectTarget } from '../../state/dialogs.js';
import { textView } from '../../state/views.js';
import type { ControllerContext } from './types.js';

/** One discovery cache per connection (a context switch makes a new kubeconfig object). */
const discoveries = new WeakMap<KubeConfigLike, ResourceDiscovery>();

function discoveryFor(kc: KubeConfigLike): ResourceDiscovery {
  let d = discoveries.get(kc);
  if (!d) discoveries.set(kc, (d = new ResourceDiscovery(kc)));
  return d;
}

/** The namespace for objects that name none: the list's, else the context's (kubectl's `-n`, else the context). */
function currentNamespace(ctx: ControllerContext): string {
  return ctx.ui.namespace ?? ctx.session.namespace;
}

/** The file's objects, or undefined after flashing why there are none. */
function readManifest(ctx: ControllerContext, file: string): readonly ManifestObject[] | undefined {
  const read = readLocalText(file);
  if (!read.ok) return void ctx.flash(read.error, 'error');
  const parsed = parseManifest(file, read.text);
  if (!parsed.ok) return void ctx.flash(parsed.error, 'error');
  return parsed.objects;
}

/** Replaces the apply view of `file` (only it: a late answer never lands on another view). */
function updateApply(ctx: ControllerContext, file: string, update: (v: ApplyEntry) => ApplyEntry): void {
  ctx.dispatch({
    type: 'updateView',
    kind: 'apply',
    update: (v) => (v.kind === 'apply' && v.file === file ? update(v) : v),
  });
}

/** `:apply FILE` and `A`: the dry run, shown for confirmation. */
export function startApply(ctx: ControllerContext, arg: string | undefined): void {
  if (ctx.readonly) return ctx.flash(readonlyReason('apply a manifest').text, 'error');
  const file = arg?.replace(/^-f\s+/, '');
  if (!file) return ctx.flash('apply: name a file (:apply FILE; Tab completes)', 'error');
  const objects = readManifest(ctx, file);
  if (!objects) return;
  const kc = ctx.session.kc;
  ctx.dispatch({ type: 'pushView', view: applyView(file) });
  void planApply(kc, discoveryFor(kc), objects, currentNamespace(ctx)).then((plan) => {
    const applicable = planApplicable(plan);
    updateApply(ctx, file, (v) => ({
      ...v,
      phase: 'preview',
      plan,
      applicable,
      lines: planLines(file, plan),
    }));
  });
}

/** The first Pod the apply created or configured: where the user watches it start. */
function firstPod(results: readonly ApplyResult[]): ApplyResult | undefined {
  return results.find(
    (r) =>
      (r.status === 'created' || r.status === 'configured') &&
      r.item.object.kind === 'Pod' &&
      r.item.object.apiVersion === 'v1',
  );
}

/** Enter in the apply view: Cancel (or a finished report) goes back; Apply applies what the dry run showed. */
export function confirmApply(ctx: ControllerContext, v: ApplyEntry): void {
  if (v.phase === 'planning' || v.phase === 'applying') return ctx.flash('wait for the server…');
  if (v.phase === 'done' || v.focus === 'cancel' || !v.applicable) return ctx.dispatch({ type: 'popView' });
  const { file, plan } = v;
  updateApply(ctx, file, (e) => ({
    ...e,
    phase: 'applying',
    lines: [...e.lines, { kind: 'muted', text: 'applying…' }],
  }));
  void applyPlan(ctx.session.kc, plan).then((results) => {
    updateApply(ctx, file, (e) => ({ ...e, phase: 'done', scroll: 0, lines: reportLines(file, results) }));
    const pod = firstPod(results);
    if (!pod?.item.namespace) return;
    const ref = { namespace: pod.item.namespace, name: pod.item.object.name };
    if (ctx.ui.namespace !== ref.namespace) ctx.dispatch({ type: 'setNamespace', namespace: ref.namespace });
    ctx.dispatch({ type: 'selectWhenListed', key: `${ref.namespace}/${ref.name}` });
    // The report stays below: Esc from the describe view goes back to it.
    ctx.dispatch({ type: 'pushView', view: textView('describe', ref) });
  });
}

/** `:delete -f FILE`: the file's objects, mapped to their URLs, in the delete dialog (focus on Cancel). */
export function startDeleteFile(ctx: ControllerContext, arg: string | undefined): void {
  if (ctx.readonly) return ctx.flash(readonlyReason('delete objects').text, 'error');
  const file = /^-f\s+(.+)$/.exec(arg ?? '')?.[1];
  if (!file) return ctx.flash('delete: name the file with -f (:delete -f FILE)', 'error');
  const objects = readManifest(ctx, file);
  if (!objects) return;
  const kc = ctx.session.kc;
  void deleteTargets(discoveryFor(kc), objects, currentNamespace(ctx)).then(
    (targets) =>
      ctx.dispatch({
        type: 'setDialog',
        dialog: {
          kind: 'delete',
          pods: [],
          hidden: 0,
          kill: false,
          grace: '',
          force: false,
          focus: 'cancel',
          objects: { file, targets },
        },
      }),
    // Nothing is deleted when one of the file's kinds is unknown: the file is not what the user thinks.
    (e: unknown) =>
      ctx.flash(`${file}: ${describeFailure(e, serverUrl(kc), 'read the API discovery').message}`, 'error'),
  );
}

/** The delete dialog's Delete for a file's objects: kubectl's words per object, in one line. */
export async function deleteFileObjects(
  ctx: ControllerContext,
  targets: readonly ObjectTarget[],
  options: DeleteOptions,
): Promise<void> {
  const results = await deleteObjects(ctx.session.kc, targets, options);
  const failed = results.some((r) => r.outcome === 'failed');
  ctx.flash(results.map((r) => r.text).join('; '), failed ? 'error' : 'info');
}

/** Tab on the command line: completes the path of `apply` and `delete -f`, listing the candidates when several fit. */
export function completeCommandLine(ctx: ControllerContext): void {
  const modal = ctx.ui.modal;
  if (modal.kind !== 'command') return;
  const arg = fileArgument(modal.draft);
  if (!arg) return;
  const done = completePath(arg.path, listEntries(splitPath(arg.path).dir));
  ctx.dispatch({
    type: 'openModal',
    modal: {
      kind: 'command',
      draft: `${arg.head}${done.path}`,
      candidates: done.none ? ['(no file matches)'] : done.candidates,
    },
  });
}
