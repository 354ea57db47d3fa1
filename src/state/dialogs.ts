/**
 * Dialogs: the delete/kill confirmation, the port-forward form and the container picker. Each is a list of focusable
 * fields (Tab moves, typed text goes into the focused text field, Space toggles the focused option) ending in
 * buttons. Where focus starts follows one rule: Enter alone never changes the cluster in a way that cannot be taken
 * back (delete and the debug container start on Cancel); otherwise it starts on what the key asked for (the
 * port-forward's Start, the picker's default container). The README's table says the same.
 */
import type { PodRef } from './views.js';
import type { OwnerActionDialog } from './ownerDialog.js';

/** An object of any kind a manifest names (`:delete -f FILE`): its URL and kubectl's name for it (`pod/web`). */
export interface ObjectTarget {
  readonly path: string;
  readonly label: string;
  readonly namespace: string | undefined;
}

/** What a picked container is for. */
export type ContainerPurpose = 'logs' | 'previousLogs' | 'shell' | 'portForward';

export type Dialog =
  | {
      readonly kind: 'delete';
      readonly pods: readonly PodRef[];
      /** Marked pods the filter hides now (they are deleted too, and the dialog says so). */
      readonly hidden: number;
      /** Kill: a 1 s grace period. */
      readonly kill: boolean;
      /** Grace period in seconds as typed; empty for the pod's own. */
      readonly grace: string;
      readonly force: boolean;
      readonly focus: 'cancel' | 'confirm' | 'grace' | 'force';
      /** `:delete -f FILE`: the file's objects, of any kind, deleted instead of `pods` (which is then empty). */
      readonly objects?: { readonly file: string; readonly targets: readonly ObjectTarget[] };
    }
  | {
      readonly kind: 'portForward';
      readonly pod: PodRef;
      readonly container: string | undefined;
      /** Declared ports as `container::port` (informative: any port can be forwarded). */
      readonly declared: readonly string[];
      readonly remote: string;
      readonly local: string;
      readonly address: string;
      readonly focus: 'remote' | 'local' | 'address' | 'follow' | 'start' | 'cancel';
      /**
       * Issue 16: the pod's workload (`deploy/web-app`) when it has one a forward can follow; with `follow` set,
       * the forward goes to a Ready pod of it and moves when that pod goes, rather than to this pod alone.
       */
      readonly owner?: string;
      readonly follow?: boolean;
      /** Why the last start was refused. */
      readonly error: string | undefined;
    }
  | {
      /** The image has no shell: offer an ephemeral debug container (this changes the pod: it asks first). */
      readonly kind: 'debug';
      readonly pod: PodRef;
      readonly target: string;
      readonly focus: 'cancel' | 'confirm';
      /** What it is for once it runs: a shell (the default), or reading the pod's ports (P on a distroless pod). */
      readonly after?: 'ports';
    }
  | ReachDialog
  | OwnerActionDialog
  | {
      readonly kind: 'containers';
      readonly purpose: ContainerPurpose;
      readonly pod: PodRef;
      readonly items: readonly string[];
      readonly index: number;
    };

/**
 * The reach probe's confirm (issue 15 §2): it names the client pod it will create, where, from which image, and
 * that it is deleted after. It creates a pod: Enter alone creates nothing (focus starts on Cancel).
 */
export interface ReachDialog {
  readonly kind: 'reach';
  readonly pod: PodRef;
  /** `:reach PORT`'s port; every declared port when undefined. */
  readonly port: number | undefined;
  readonly image: string;
  readonly focus: 'cancel' | 'confirm';
}

const FOCUS_ORDER = {
  delete: ['cancel', 'confirm', 'grace', 'force'],
  portForward: ['remote', 'local', 'address', 'follow', 'start', 'cancel'],
  debug: ['cancel', 'confirm'],
  reach: ['cancel', 'confirm'],
  ownerAction: ['cancel', 'confirm'],
} as const;

function cycle<T>(order: readonly T[], at: T, delta: number): T {
  const i = order.indexOf(at);
  return order[(i + delta + order.length) % order.length]!;
}

/** Moves the focus to the next (+1) or previous (-1) field or button. */
export function moveFocus(d: Dialog, delta: number): Dialog {
  switch (d.kind) {
    case 'containers':
      return { ...d, index: Math.max(0, Math.min(d.items.length - 1, d.index + delta)) };
    case 'delete':
      return { ...d, focus: cycle(FOCUS_ORDER.delete, d.focus, delta) };
    case 'portForward': {
      // "follow the owner" is a field only when the pod has a workload to follow.
      const order = FOCUS_ORDER.portForward.filter((f) => f !== 'follow' || d.owner !== undefined);
      return { ...d, focus: cycle(order, d.focus, delta) };
    }
    case 'debug':
      return { ...d, focus: cycle(FOCUS_ORDER.debug, d.focus, delta) };
    case 'reach':
      return { ...d, focus: cycle(FOCUS_ORDER.reach, d.focus, delta) };
    case 'ownerAction':
      return { ...d, focus: cycle(FOCUS_ORDER.ownerAction, d.focus, delta) };
  }
}

/** Typed text into the focused field (digits only for ports and grace). */
export function editDialog(d: Dialog, edit: (value: string) => string): Dialog {
  if (d.kind === 'delete') {
    if (d.focus !== 'grace') return d;
    return { ...d, grace: digits(edit(d.grace)) };
  }
  if (d.kind === 'portForward') {
    switch (d.focus) {
      case 'remote':
        return { ...d, remote: edit(d.remote), error: undefined };
      case 'local':
        return { ...d, local: digits(edit(d.local)), error: undefined };
      case 'address':
        return { ...d, address: edit(d.address).replace(/\s/g, ''), error: undefined };
      default:
        return d;
    }
  }
  return d;
}

export function toggleDialog(d: Dialog): Dialog {
  if (d.kind === 'delete' && d.focus === 'force') return { ...d, force: !d.force };
  if (d.kind === 'portForward' && d.focus === 'follow' && d.owner) return { ...d, follow: !d.follow };
  return d;
}

function digits(s: string): string {
  return s.replace(/[^0-9]/g, '').slice(0, 6);
}
