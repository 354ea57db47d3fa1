/**
 * The dashboard's UI state in one reducer: what is selected (by pod key, never by index), the filter, sorting,
 * the open modal, namespace and favourites, marks, the flash message. Cluster data is not here: it lives in the
 * stores outside React.
 */
import type { ColumnId } from '../domain/columns.js';
import { parseFilter } from '../domain/filter.js';
import type { SortState } from '../domain/sort.js';
import type { Move } from '../domain/viewport.js';
import { indexOfKey, moveSelection, scrollOffset, selectAfterChange } from '../domain/viewport.js';
import type { Dialog } from './dialogs.js';
import { editDialog, moveFocus, toggleDialog } from './dialogs.js';
import type { ViewAction, ViewEntry } from './views.js';
import { stackReducer } from './views.js';

type Keyed = readonly { readonly key: string }[];

export type Modal =
  | { kind: 'none' }
  | { kind: 'help'; scroll: number }
  | { kind: 'filter'; draft: string; before: string }
  /** `candidates`: the file names Tab found for the path typed (several fit; they are listed after the line). */
  | { kind: 'command'; draft: string; candidates?: readonly string[] }
  /**
   * `/` in a text view: the pattern being typed, and the applied one to go back to on Esc. In the logs view it
   * also takes the filter (`&`) and a typed since duration (`logs`).
   */
  | { kind: 'search'; draft: string; before: string | undefined; logs?: LogsInput }
  | { kind: 'dialog'; dialog: Dialog }
  | {
      kind: 'picker';
      picker: 'namespace' | 'context';
      items: readonly string[];
      query: string;
      index: number;
    };

/** What the logs view's input line is for: the search (default), the filter, or a since duration. */
export type LogsInput = 'search' | 'filter' | 'since';

export interface Flash {
  text: string;
  level: 'info' | 'error';
  /** Increments per flash, so a repeated message still restarts its timer. */
  id: number;
  /**
   * Said by the cluster, not by what the user just did (an alert). It never covers the user's own outcome
   * ("shell … exited with code 3", "deleted 2 pods") while that is still on screen: it waits for it to go.
   */
  background?: boolean;
}

export interface UiState {
  modal: Modal;
  /** Views opened above the pods list, the top one on screen. */
  stack: readonly ViewEntry[];
  /** The applied filter text (what follows `/`). */
  filter: string;
  /** The server-side label selector (`-l` on the command line, or `/-l …`). */
  labelSelector: string | undefined;
  selectedKey: string | undefined;
  offset: number;
  sort: SortState | undefined;
  wide: boolean;
  /** How far the pod table's columns are scrolled sideways (← / →); 0: what fits, by priority. */
  columnScroll: number;
  marked: ReadonlySet<string>;
  /** undefined: all namespaces. */
  namespace: string | undefined;
  /** The kubeconfig's namespace first, then recently used ones; keys 1–9. */
  favourites: readonly string[];
  context: string;
  flash: Flash | undefined;
  /** The latest background flash that arrived while the user's own flash was up; shown when that one goes. */
  queuedFlash?: Omit<Flash, 'id'> | undefined;
  /** A pod to select as soon as the list shows it (the pod an apply created, in a namespace just switched to). */
  pendingSelect?: string | undefined;
}

export type UiAction =
  | ViewAction
  | { type: 'setDialog'; dialog: Dialog }
  /** Focus moves and toggles apply to the dialog as the previous key left it (keys come in bursts). */
  | { type: 'dialogFocus'; delta: number }
  | { type: 'dialogToggle' }
  | { type: 'move'; to: Move; rows: Keyed; height: number }
  | { type: 'rowsChanged'; prevRows: Keyed; rows: Keyed; height: number }
  | { type: 'openModal'; modal: Modal }
  | { type: 'closeModal' }
  | { type: 'helpScroll'; delta: number; max: number }
  | { type: 'editText'; edit: 'append' | 'backspace' | 'clear'; text?: string }
  | { type: 'setFilter'; filter: string }
  | { type: 'setLabelSelector'; selector: string | undefined }
  | { type: 'pickerItems'; picker: 'namespace' | 'context'; items: readonly string[] }
  | { type: 'pickerMove'; delta: number; count: number }
  | { type: 'sortBy'; column: ColumnId }
  | { type: 'sortReverse' }
  | { type: 'toggleWide' }
  | { type: 'scrollColumns'; to: number }
  | { type: 'toggleMark' }
  | { type: 'clearMarks' }
  | { type: 'setNamespace'; namespace: string | undefined }
  | { type: 'setContext'; context: string; namespace: string }
  | { type: 'flash'; text: string; level?: Flash['level']; background?: boolean }
  | { type: 'clearFlash'; id: number }
  | { type: 'selectWhenListed'; key: string };

export function initialUiState(
  context: string,
  namespace: string | undefined,
  contextNamespace: string,
  labelSelector?: string,
  /** Favourites remembered from earlier runs in this context (src/config/namespaceMemory.ts). */
  remembered: readonly string[] = [],
): UiState {
  return {
    modal: { kind: 'none' },
    stack: [],
    filter: '',
    labelSelector,
    selectedKey: undefined,
    offset: 0,
    sort: undefined,
    wide: false,
    columnScroll: 0,
    marked: new Set(),
    namespace,
    favourites: [contextNamespace, ...remembered.filter((f) => f !== contextNamespace)].slice(0, 9),
    context,
    flash: undefined,
  };
}

function remember(favourites: readonly string[], ns: string): string[] {
  // The kubeconfig's namespace keeps slot 1; recently used ones follow, newest first.
  const [home, ...rest] = favourites;
  if (ns === home) return [...favourites];
  return [home!, ns, ...rest.filter((f) => f !== ns)].slice(0, 9);
}

let flashIds = 0;

function withSelection(state: UiState, selectedKey: string | undefined, offset: number): UiState {
  return selectedKey === state.selectedKey && offset === state.offset
    ? state
    : { ...state, selectedKey, offset };
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'pushView':
    case 'popView':
    case 'updateView': {
      const stack = stackReducer(state.stack, action);
      return stack === state.stack ? state : { ...state, stack };
    }
    case 'setDialog':
      return { ...state, modal: { kind: 'dialog', dialog: action.dialog } };
    case 'dialogFocus':
      if (state.modal.kind !== 'dialog') return state;
      return { ...state, modal: { kind: 'dialog', dialog: moveFocus(state.modal.dialog, action.delta) } };
    case 'dialogToggle':
      if (state.modal.kind !== 'dialog') return state;
      return { ...state, modal: { kind: 'dialog', dialog: toggleDialog(state.modal.dialog) } };
    case 'move': {
      const at = indexOfKey(action.rows, state.selectedKey);
      const view = moveSelection(
        { index: Math.max(0, at), offset: state.offset },
        action.to,
        action.rows.length,
        action.height,
      );
      return withSelection(state, action.rows[view.index]?.key, view.offset);
    }
    case 'rowsChanged': {
      const pending = state.pendingSelect;
      const listed = pending !== undefined && indexOfKey(action.rows, pending) >= 0;
      const key = listed ? pending : selectAfterChange(action.prevRows, action.rows, state.selectedKey);
      const offset = scrollOffset(
        action.rows.length,
        action.height,
        state.offset,
        indexOfKey(action.rows, key),
      );
      return withSelection(listed ? { ...state, pendingSelect: undefined } : state, key, offset);
    }
    case 'openModal':
      return { ...state, modal: action.modal };
    case 'closeModal':
      return { ...state, modal: { kind: 'none' } };
    case 'helpScroll': {
      if (state.modal.kind !== 'help') return state;
      const scroll = Math.max(0, Math.min(action.max, state.modal.scroll + action.delta));
      return { ...state, modal: { kind: 'help', scroll } };
    }
    case 'editText': {
      // Applied to the state as it is when the key is handled, so several keys in one chunk all count.
      const edit = (v: string): string =>
        action.edit === 'append'
          ? v + (action.text ?? '')
          : action.edit === 'backspace'
            ? Array.from(v).slice(0, -1).join('')
            : '';
      const m = state.modal;
      if (m.kind === 'picker') return { ...state, modal: { ...m, query: edit(m.query), index: 0 } };
      // Typing after Tab: the listed candidates no longer fit what is typed.
      if (m.kind === 'command') return { ...state, modal: { kind: 'command', draft: edit(m.draft) } };
      if (m.kind === 'search') return { ...state, modal: { ...m, draft: edit(m.draft) } };
      if (m.kind === 'dialog') return { ...state, modal: { ...m, dialog: editDialog(m.dialog, edit) } };
      if (m.kind !== 'filter') return state;
      const draft = edit(m.draft);
      // The filter applies as it is typed, whenever what is typed so far is valid.
      const filter = parseFilter(draft).ok ? draft : state.filter;
      return { ...state, modal: { ...m, draft }, filter, offset: filter === state.filter ? state.offset : 0 };
    }
    case 'setFilter':
      return state.filter === action.filter ? state : { ...state, filter: action.filter, offset: 0 };
    case 'setLabelSelector':
      return state.labelSelector === action.selector ? state : { ...state, labelSelector: action.selector };
    case 'pickerItems':
      // Items arrive after the picker opened (a namespace list is a request): keep what was typed meanwhile.
      if (state.modal.kind !== 'picker' || state.modal.picker !== action.picker) return state;
      return { ...state, modal: { ...state.modal, items: action.items } };
    case 'pickerMove': {
      if (state.modal.kind !== 'picker' || action.count === 0) return state;
      const index = Math.max(0, Math.min(action.count - 1, state.modal.index + action.delta));
      return { ...state, modal: { ...state.modal, index } };
    }
    case 'sortBy': {
      const same = state.sort?.column === action.column;
      return { ...state, sort: { column: action.column, direction: same ? state.sort!.direction : 'asc' } };
    }
    case 'sortReverse':
      if (!state.sort) return { ...state, sort: { column: 'name', direction: 'desc' } };
      return {
        ...state,
        sort: { ...state.sort, direction: state.sort.direction === 'asc' ? 'desc' : 'asc' },
      };
    case 'toggleWide':
      return { ...state, wide: !state.wide, columnScroll: 0 };
    case 'scrollColumns':
      return { ...state, columnScroll: Math.max(0, action.to) };
    case 'toggleMark': {
      const key = state.selectedKey;
      if (key === undefined) return state;
      const marked = new Set(state.marked);
      if (marked.has(key)) marked.delete(key);
      else marked.add(key);
      return { ...state, marked };
    }
    case 'clearMarks':
      return state.marked.size ? { ...state, marked: new Set() } : state;
    case 'setNamespace':
      return {
        ...state,
        namespace: action.namespace,
        favourites: action.namespace ? remember(state.favourites, action.namespace) : state.favourites,
        offset: 0,
        marked: new Set(),
      };
    case 'setContext':
      return {
        ...state,
        context: action.context,
        namespace: action.namespace,
        favourites: [action.namespace],
        stack: [],
        selectedKey: undefined,
        offset: 0,
        marked: new Set(),
        filter: '',
        labelSelector: undefined,
      };
    case 'flash': {
      const flash = {
        text: action.text,
        level: action.level ?? 'info',
        background: action.background === true,
      };
      if (flash.background && state.flash && !state.flash.background) return { ...state, queuedFlash: flash };
      // A newer alert supersedes a queued one; the user's own flash keeps the queued alert for after it.
      const queuedFlash = flash.background ? undefined : state.queuedFlash;
      return { ...state, flash: { ...flash, id: ++flashIds }, queuedFlash };
    }
    case 'clearFlash':
      if (state.flash?.id !== action.id) return state;
      return {
        ...state,
        flash: state.queuedFlash ? { ...state.queuedFlash, id: ++flashIds } : undefined,
        queuedFlash: undefined,
      };
    case 'selectWhenListed':
      return { ...state, pendingSelect: action.key };
  }
}
