/**
 * The apply view (`A`, `:apply FILE`): the manifest's server-side dry run to confirm, then the report of what
 * was applied. It holds its lines and its position like every view (keys typed in a burst each see the last one's
 * effect); the dry run and the apply are requests whose answers replace the lines (src/ui/controllers/applyFlow.ts).
 * Focus starts on Cancel, so Enter alone never changes the cluster (the rule at the top of dialogs.ts).
 */
import type { ApplyLine, PlanItem } from '../domain/manifest/plan.js';

export interface ApplyEntry {
  readonly kind: 'apply';
  readonly file: string;
  /** Waiting for the dry run; the preview to confirm; applying; the report. */
  readonly phase: 'planning' | 'preview' | 'applying' | 'done';
  readonly lines: readonly ApplyLine[];
  /** The dry run, kept to apply exactly what was shown. */
  readonly plan: readonly PlanItem[];
  /** Apply is offered (nothing refused, something to change). */
  readonly applicable: boolean;
  readonly focus: 'cancel' | 'apply';
  /** First line shown. */
  readonly scroll: number;
}

/** The view as it opens: the dry run under way. */
export function applyView(file: string): ApplyEntry {
  return {
    kind: 'apply',
    file,
    phase: 'planning',
    lines: [{ kind: 'muted', text: `dry run of ${file}…` }],
    plan: [],
    applicable: false,
    focus: 'cancel',
    scroll: 0,
  };
}
