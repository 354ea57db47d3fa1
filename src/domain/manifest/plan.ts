/**
 * A manifest's apply, as data: what the server-side dry run said each object would become (the preview the user
 * confirms), what the apply then did to each (the report), and both as the lines the apply view shows. Pure: the
 * requests are src/kube/apply/, the keys src/ui/controllers/apply.ts.
 */
import type { DiffLine } from './unifiedDiff.js';
import type { ManifestObject } from './parseManifest.js';

/** What the dry run said applying one object would do. */
export type PlanOutcome =
  | { readonly kind: 'create'; readonly note?: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'configure'; readonly diff: readonly DiffLine[] }
  /** Refused: a 409 conflict with another field manager, a 422, a missing namespace, an unknown kind… */
  | { readonly kind: 'refused'; readonly message: string; readonly causes: readonly string[] };

/** One object of the file and where it goes. */
export interface PlanItem {
  readonly object: ManifestObject;
  /** kubectl's name for it: `pod/web`, `deployment.apps/web`. */
  readonly label: string;
  /** Its namespace (the manifest's, else the current one); undefined for a cluster-scoped kind. */
  readonly namespace: string | undefined;
  /** Its URL path; undefined when its kind is unknown. */
  readonly path: string | undefined;
  /** The live object's resourceVersion; undefined when it does not exist yet. */
  readonly liveVersion: string | undefined;
  readonly outcome: PlanOutcome;
}

/** What applying one object did. */
export type ApplyStatus = 'created' | 'configured' | 'unchanged' | 'failed' | 'not applied';

export interface ApplyResult {
  readonly item: PlanItem;
  readonly status: ApplyStatus;
  /** Why it failed (the server's words), its causes one per line. */
  readonly message?: string;
  readonly causes?: readonly string[];
}

/** A line of the apply view, with how it is coloured. */
export interface ApplyLine {
  readonly kind: DiffLine['kind'] | 'title' | 'ok' | 'error' | 'muted';
  readonly text: string;
}

/** kubectl's name for an object: the kind in lower case, the group after a dot (`deployment.apps/web`). */
export function objectLabel(apiVersion: string, kind: string, name: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : `.${apiVersion.slice(0, slash)}`;
  return `${kind.toLowerCase()}${group}/${name}`;
}

/** True when every object can be applied (nothing was refused by the dry run) and something would change. */
export function planApplicable(plan: readonly PlanItem[]): boolean {
  return plan.every((p) => p.outcome.kind !== 'refused') && plan.some((p) => p.outcome.kind !== 'unchanged');
}

function where(p: PlanItem): string {
  return p.namespace === undefined ? '' : ` (namespace ${p.namespace})`;
}

/** The preview: per object its outcome, a diff under each configured one, the causes under each refused one. */
export function planLines(file: string, plan: readonly PlanItem[]): ApplyLine[] {
  const refused = plan.filter((p) => p.outcome.kind === 'refused').length;
  const lines: ApplyLine[] = [
    {
      kind: 'title',
      text: `Apply ${file}: ${plan.length} object${plan.length === 1 ? '' : 's'} (server-side dry run, field manager podscope)`,
    },
  ];
  for (const p of plan) {
    const o = p.outcome;
    switch (o.kind) {
      case 'create':
        lines.push({ kind: 'added', text: `${p.label}${where(p)}: create${o.note ? ` (${o.note})` : ''}` });
        break;
      case 'unchanged':
        lines.push({ kind: 'muted', text: `${p.label}${where(p)}: unchanged` });
        break;
      case 'configure':
        lines.push({ kind: 'title', text: `${p.label}${where(p)}: configure` });
        lines.push(...o.diff);
        break;
      case 'refused':
        lines.push({ kind: 'error', text: `${p.label}${where(p)}: ${o.message}` });
        lines.push(...o.causes.map((c) => ({ kind: 'error' as const, text: `  ${c}` })));
        break;
    }
  }
  if (refused > 0)
    lines.push({
      kind: 'error',
      text: `${refused} of ${plan.length} would be refused: nothing can be applied until the file is fixed`,
    });
  else if (!planApplicable(plan)) lines.push({ kind: 'muted', text: 'nothing to change' });
  return lines;
}

/** The report: kubectl's word per object (`pod/web created`), the server's words for a failure. */
export function reportLines(file: string, results: readonly ApplyResult[]): ApplyLine[] {
  const applied = results.filter((r) => r.status !== 'failed' && r.status !== 'not applied');
  const lines: ApplyLine[] = [
    {
      kind: 'title',
      text: `Applied ${file}: ${applied.length} of ${results.length} object${results.length === 1 ? '' : 's'}`,
    },
  ];
  for (const r of results) {
    const failed = r.status === 'failed' || r.status === 'not applied';
    lines.push({
      kind: failed ? 'error' : r.status === 'unchanged' ? 'muted' : 'ok',
      text: `${r.item.label}${where(r.item)} ${r.status}${r.message ? `: ${r.message}` : ''}`,
    });
    lines.push(...(r.causes ?? []).map((c) => ({ kind: 'error' as const, text: `  ${c}` })));
  }
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'not applied');
  if (failed.length > 0) {
    const docs = (rs: readonly ApplyResult[]) =>
      [...new Set(rs.map((r) => r.item.object.document))].join(', ');
    lines.push({
      kind: 'error',
      text: `partly applied: document${applied.length === 1 ? '' : 's'} ${docs(applied) || 'none'} applied; ${docs(failed)} not`,
    });
  }
  return lines;
}
