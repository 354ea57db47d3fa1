/**
 * What a controller is: one scope's handlers and the reasons its commands cannot run now, side by side (lazygit's
 * `pkg/gui/controllers`: keybindings, handlers and GetDisabledReason in one file per context). The keys stay data
 * in `keymap/bindings.ts`; a controller says what each bound command does in its scope.
 */
import type { Dispatch, RefObject } from 'react';
import type { ColumnId } from '../../domain/columns.js';
import type { PodRow } from '../../domain/podRow.js';
import type { Pod } from '../../domain/wire.js';
import type { Scope } from '../../keymap/bindings.js';
import type { CommandId } from '../../keymap/commands.js';
import type { DisabledReason } from '../../keymap/disabled.js';
import type { AccessStore } from '../../kube/access.js';
import type { UiAction, UiState } from '../../state/uiState.js';
import type { PodRef, ViewEntry } from '../../state/views.js';
import type { PodActions } from '../actions.js';
import type { PodTableWindow } from '../components/podTableLayout.js';
import type { Session } from '../session.js';
import type { ViewData } from '../views/viewData.js';

/** Everything a handler or a reason reads, as the last render saw it. */
export interface ControllerContext {
  readonly ui: UiState;
  /** The view on screen; undefined: the pods list. */
  readonly top: ViewEntry | undefined;
  readonly dispatch: Dispatch<UiAction>;
  /** Shows one line under the table (an error in the error colour). */
  readonly flash: (text: string, level?: 'info' | 'error') => void;
  readonly session: Session;
  /** Replaces the session (a context switch). */
  readonly setSession: (s: Session) => void;
  /** The pods list's rows as shown (filtered and sorted). */
  readonly rows: readonly PodRow[];
  /** The pods list's selected row. */
  readonly selectedRow: PodRow | undefined;
  /** The latest pod from the store (not the last rendered one). */
  readonly findPod: (ref: PodRef) => Pod | undefined;
  /** Columns on screen, left to right (published by the table after each commit): sorting moves across these. */
  readonly columns: RefObject<readonly ColumnId[]>;
  /** The table's sideways window (published by the table after each commit): ← / → scroll from it. */
  readonly columnWindow: RefObject<PodTableWindow | undefined>;
  /** What the view on screen published for its last frame (its lines, matches, rows). */
  readonly viewData: RefObject<ViewData | undefined>;
  readonly bodyHeight: number;
  /** How far the help screen scrolls. */
  readonly helpMax: number;
  readonly exit: () => void;
  /** Ink's: stops rendering and input while `run` has the terminal. */
  readonly suspendTerminal: (run: () => Promise<void>) => Promise<void>;
  readonly actions: PodActions;
  /** The session's answers about what the user may do. */
  readonly access: AccessStore;
  /** Started with --readonly. */
  readonly readonly: boolean;
  /** The namespace a pod action would act in (the selected pod's, else the list's). */
  readonly actionNamespace: string;
}

/** What a bound command does; `chord` is the key pressed (`3` for favourite 3, `right` for the columns). */
export type Handler = (ctx: ControllerContext, chord: string) => void;

/** Why a command cannot run now, or undefined when it can. */
export type Reasoner = (ctx: ControllerContext, command: CommandId) => DisabledReason | undefined;

/** One scope's commands: what each does, and why it cannot run now. */
export interface Controller {
  readonly scope: Scope;
  /** One handler per command bound in the scope (a test holds that every binding has one). */
  readonly handlers: Partial<Record<CommandId, Handler>>;
  /** Why a command cannot run now; asked before its handler, and by the hint bar and the help screen. */
  readonly disabledReasons?: Partial<Record<CommandId, Reasoner>>;
  /**
   * Typed characters in a text scope (the filter, a dialog's field): `input` as typed, `chord` its canonical
   * name, `modified` when Ctrl or Meta was held.
   */
  readonly onText?: (ctx: ControllerContext, input: string, chord: string, modified: boolean) => void;
}
