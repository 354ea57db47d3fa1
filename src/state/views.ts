/**
 * The views stacked above the pods list (containers, describe, YAML, events, logs, port-forwards): each entry
 * holds what the view shows and its own position, so Esc pops back to exactly where you were. The pods list is the
 * bottom of the stack and keeps its state in UiState itself.
 */

/** A pod by name: views follow it by name, so they can say when it is gone. */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

/** Text views share scrolling, search, save and auto-refresh. */
export type TextKind = 'describe' | 'yaml' | 'events';

export interface TextSearch {
  /** The applied pattern (smart-case regex). */
  readonly pattern: string;
  /** Index of the current match among all matches; -1 before the first jump. */
  readonly current: number;
}

export type ViewEntry =
  | {
      readonly kind: 'containers';
      readonly pod: PodRef;
      /** Selected container by name, so the selection survives a status change reordering nothing. */
      readonly selected: string | undefined;
    }
  | {
      readonly kind: 'text';
      readonly text: TextKind;
      readonly pod: PodRef;
      /** First line shown. */
      readonly scroll: number;
      readonly search: TextSearch | undefined;
      /** Follow the cluster (on) or keep the text still for reading (off). */
      readonly autoRefresh: boolean;
      readonly managedFields: boolean;
    }
  | {
      readonly kind: 'logs';
      readonly pod: PodRef;
      /** A container name, or undefined for all containers merged. */
      readonly container: string | undefined;
      readonly previous: boolean;
    }
  | {
      readonly kind: 'forwards';
      readonly selected: string | undefined;
      /** The last HTTP probe's answer (or why there is none), under the list. */
      readonly probe: { readonly id: string; readonly lines: readonly string[] } | undefined;
    };

export type ViewKind = ViewEntry['kind'];

/** A text view opened at the top with nothing searched. */
export function textView(text: TextKind, pod: PodRef): ViewEntry {
  return { kind: 'text', text, pod, scroll: 0, search: undefined, autoRefresh: true, managedFields: false };
}

export type ViewAction =
  | { type: 'pushView'; view: ViewEntry }
  | { type: 'popView' }
  /** Replaces the top view (only if it is still of the same kind, so a late update cannot land on another view). */
  | { type: 'updateView'; kind: ViewKind; update: (v: ViewEntry) => ViewEntry };

export function stackReducer(stack: readonly ViewEntry[], action: ViewAction): readonly ViewEntry[] {
  switch (action.type) {
    case 'pushView':
      return [...stack, action.view];
    case 'popView':
      return stack.slice(0, -1);
    case 'updateView': {
      const top = stack[stack.length - 1];
      if (!top || top.kind !== action.kind) return stack;
      const next = action.update(top);
      return next === top ? stack : [...stack.slice(0, -1), next];
    }
  }
}
