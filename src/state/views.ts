/**
 * The views stacked above the pods list (containers, describe, YAML, events, logs, port-forwards): each entry
 * holds what the view shows and its own position, so Esc pops back to exactly where you were. The pods list is the
 * bottom of the stack and keeps its state in UiState itself.
 */
import { defaultContainer } from '../domain/containerChoice.js';
import type { Pod } from '../domain/wire.js';
import type { ResolvedLogTarget } from '../domain/workloadLogs.js';
import type { SinceOption } from '../logs/sinceOption.js';
import type { ApplyEntry } from './applyView.js';

/** A pod by name: views follow it by name, so they can say when it is gone. */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

/** An HTTP probe of a forward: the first line (status or why none), the first body lines, some headers. */
export interface ForwardProbe {
  readonly id: string;
  readonly lines: readonly string[];
  readonly headers: readonly { readonly header: string; readonly value: string }[];
}

/** Text views share scrolling, search, save and auto-refresh. */
export type TextKind = 'describe' | 'yaml' | 'events' | 'ports' | 'inside' | 'restarts';

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
      /** Views read through exec (ports, inside): the container to read from first (the one the view opened on). */
      readonly container?: string | undefined;
      /** Views read through exec (ports, inside): bumped by `r` to read again. */
      readonly reads?: number;
    }
  | LogsEntry
  | {
      readonly kind: 'forwards';
      readonly selected: string | undefined;
      /** The last HTTP probe's answer (or why there is none), under the list. */
      readonly probe: ForwardProbe | undefined;
    }
  | ReachEntry
  | ApplyEntry;

/**
 * The reach view (issue 15 §2): one confirmed run of the reach probe on `pod`. `run` counts the confirms: `r`
 * and a new confirm bump it, and the view starts a new run (the old one's client pod deleted first).
 */
export interface ReachEntry {
  readonly kind: 'reach';
  readonly pod: PodRef;
  readonly port: number | undefined;
  readonly image: string;
  readonly run: number;
}

export type ViewKind = ViewEntry['kind'];

/** The logs view: what it streams, its options, and where it is in the stream (see src/ui/views/LogsView.tsx). */
export interface LogsEntry {
  readonly kind: 'logs';
  readonly pod: PodRef;
  /** A container name, or undefined for all containers merged. */
  readonly container: string | undefined;
  /** The container to go back to from the merged view. */
  readonly single: string;
  /** The pod's containers (and sidecars), merged when `container` is undefined. */
  readonly containers: readonly string[];
  readonly previous: boolean;
  /** Where the logs start; a change restarts the stream. */
  readonly since: SinceOption;
  readonly timestamps: boolean;
  readonly wrap: boolean;
  /** JSON lines as `level msg  key=value…`. */
  readonly pretty: boolean;
  /** Show the newest lines as they come (kubectl logs -f), or stay at `topSeq`. */
  readonly follow: boolean;
  /** The first line shown while not following. */
  readonly topSeq: number;
  /** The session's next line number when following paused: lines from there on are "new". */
  readonly pausedAt: number;
  /** The search: highlighted in place; n/N go to `current` (a line's sequence number). */
  readonly search: { readonly pattern: string; readonly current: number | undefined } | undefined;
  /** Only lines matching `pattern`, with `context` lines either side. */
  readonly filter: { readonly pattern: string } | undefined;
  readonly context: number;
  /**
   * A workload's logs (`:logs deploy/NAME`, `-l SELECTOR`, `L`): every pod its selector picks, live, merged; `pod`
   * then names the workload and `containers` is empty (the pods' streams come and go).
   */
  readonly workload?: ResolvedLogTarget;
}

/** A logs view following from the start, with the default options. */
export function logsView(
  pod: PodRef,
  container: string,
  previous: boolean,
  containers: readonly string[],
): LogsEntry {
  return {
    kind: 'logs',
    pod,
    container,
    single: container,
    containers: containers.includes(container) ? containers : [...containers, container],
    previous,
    since: { kind: 'all' },
    timestamps: false,
    wrap: false,
    pretty: false,
    follow: true,
    topSeq: 0,
    pausedAt: 0,
    search: undefined,
    filter: undefined,
    context: 2,
  };
}

/**
 * The containers view, opened on the container kubectl would pick: what is highlighted is what logs, shell and
 * port-forward act on, from the first frame.
 */
export function containersView(ref: PodRef, pod: Pod | undefined): ViewEntry {
  return { kind: 'containers', pod: ref, selected: pod ? defaultContainer(pod) : undefined };
}

/** A text view opened at the top with nothing searched. */
export function textView(text: TextKind, pod: PodRef): ViewEntry {
  return { kind: 'text', text, pod, scroll: 0, search: undefined, autoRefresh: true, managedFields: false };
}

/** The restarts seen of one container with the previous instances' last lines (issue 16, `h`). */
export function restartsView(pod: PodRef, container: string | undefined): ViewEntry {
  return { ...textView('restarts', pod), ...(container ? { container } : {}) };
}

/** The ports check of a pod (key P), read first in `container` when given. */
export function portsView(pod: PodRef, container: string | undefined): ViewEntry {
  return {
    kind: 'text',
    text: 'ports',
    pod,
    scroll: 0,
    search: undefined,
    autoRefresh: true,
    managedFields: false,
    ...(container ? { container } : {}),
    reads: 0,
  };
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
