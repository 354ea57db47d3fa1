/**
 * Commands of the views above the pods list (containers, text views, forwards) and of the pod actions that open
 * them. Returns undefined for a command it does not handle, so useCommands can keep the pods list's own.
 */
import type { Dispatch, RefObject } from 'react';
import { useCallback } from 'react';
import type { PodRow } from '../domain/podRow.js';
import { workloadOf } from '../domain/podOwner.js';
import { compileSearch, findMatches, scrollToLine, stepMatch } from '../domain/textSearch.js';
import { saveText } from '../io/saveText.js';
import type { CommandId } from '../keymap/commands.js';
import type { UiAction, UiState } from '../state/uiState.js';
import type { PodRef, TextKind, ViewEntry } from '../state/views.js';
import { containersView, textView } from '../state/views.js';
import type { ViewData } from './views/viewData.js';
import type { PodActions } from './actions.js';

export interface ViewCommandContext {
  ui: UiState;
  dispatch: Dispatch<UiAction>;
  /** The pods list's selected row. */
  selectedRow: PodRow | undefined;
  viewData: RefObject<ViewData | undefined>;
  bodyHeight: number;
  actions: PodActions;
}

/** The pod (and container) an action applies to: the containers view's, else the list's selection. */
export function actionTarget(
  top: ViewEntry | undefined,
  selectedRow: PodRow | undefined,
): { pod: PodRef; container: string | undefined } | undefined {
  if (top?.kind === 'containers') return { pod: top.pod, container: top.selected };
  if (top === undefined && selectedRow)
    return { pod: { namespace: selectedRow.namespace, name: selectedRow.name }, container: undefined };
  return undefined;
}

const TEXT_COMMANDS: Partial<Record<CommandId, TextKind>> = {
  'pod.describe': 'describe',
  'pod.yaml': 'yaml',
  'pod.events': 'events',
};

export function useViewCommands(ctx: ViewCommandContext) {
  const { ui, dispatch, selectedRow, viewData, bodyHeight, actions } = ctx;
  const top = ui.stack[ui.stack.length - 1];

  const flash = useCallback(
    (text: string, level: 'info' | 'error' = 'info') => dispatch({ type: 'flash', text, level }),
    [dispatch],
  );

  const updateText = useCallback(
    (update: (v: Extract<ViewEntry, { kind: 'text' }>) => ViewEntry) =>
      dispatch({ type: 'updateView', kind: 'text', update: (v) => (v.kind === 'text' ? update(v) : v) }),
    [dispatch],
  );

  /** Moves the text view to match `index` of `matches`. */
  const goToMatch = useCallback(
    (data: TextData, index: number, pattern: string) =>
      dispatch({ type: 'updateView', kind: 'text', update: showMatch(data, pattern, index, bodyHeight) }),
    [dispatch, bodyHeight],
  );

  return useCallback(
    (command: CommandId): boolean => {
      const data = viewData.current;
      const textKind = TEXT_COMMANDS[command];
      if (textKind) {
        const target = actionTarget(top, selectedRow);
        if (!target) return true;
        dispatch({ type: 'pushView', view: textView(textKind, target.pod) });
        return true;
      }
      switch (command) {
        case 'pod.containers': {
          if (top !== undefined || !selectedRow) return true;
          dispatch({
            type: 'pushView',
            view: containersView(
              { namespace: selectedRow.namespace, name: selectedRow.name },
              selectedRow.pod,
            ),
          });
          return true;
        }
        case 'view.back':
          dispatch({ type: 'popView' });
          return true;
        case 'pods.siblings': {
          const owner = selectedRow ? workloadOf(selectedRow.pod) : undefined;
          if (!selectedRow) return true;
          if (!owner) {
            flash(`${selectedRow.name} has no controlling owner: it has no siblings`);
            return true;
          }
          dispatch({ type: 'setFilter', filter: `-o ${owner.kind}/${owner.name}` });
          flash(`pods owned by ${owner.kind} ${owner.name} (Esc shows all)`);
          return true;
        }
        case 'list.up':
        case 'list.down':
        case 'list.pageUp':
        case 'list.pageDown':
        case 'list.top':
        case 'list.bottom':
          if (!top || ui.modal.kind !== 'none') return false;
          moveInView(top, command, data, bodyHeight, dispatch);
          return true;
        case 'text.search':
          if (top?.kind !== 'text') return true;
          dispatch({
            type: 'openModal',
            modal: { kind: 'search', draft: top.search?.pattern ?? '', before: top.search?.pattern },
          });
          return true;
        case 'text.next':
        case 'text.prev': {
          if (top?.kind !== 'text' || data?.kind !== 'text') return true;
          if (!top.search) {
            flash('nothing searched yet: / searches');
            return true;
          }
          if (data.matches.length === 0) {
            flash(`no match for ${top.search.pattern}`, 'error');
            return true;
          }
          const index = stepMatch(data.matches, top.search.current, command === 'text.next' ? 1 : -1, 0);
          goToMatch(data, index, top.search.pattern);
          return true;
        }
        case 'text.save': {
          if (data?.kind !== 'text') return true;
          saveText(data.saveName, data.text()).then(
            (path) => flash(`saved to ${path}`),
            (e: unknown) => flash((e as Error).message, 'error'),
          );
          return true;
        }
        case 'text.refresh':
          updateText((v) => ({ ...v, autoRefresh: !v.autoRefresh }));
          if (top?.kind === 'text')
            flash(top.autoRefresh ? 'auto-refresh off: the text stays as it is' : 'auto-refresh on');
          return true;
        case 'forwards.stop':
        case 'forwards.probe': {
          if (top?.kind !== 'forwards' || data?.kind !== 'forwards') return true;
          const id = top.selected ?? data.ids[0];
          const f = id === undefined ? undefined : data.forwards.find((x) => x.id === id);
          if (!f) return true;
          if (command === 'forwards.stop') {
            void actions.stopForward(f.id).then(() => flash(`stopped ${f.url} → ${f.pod}:${f.remotePort}`));
            return true;
          }
          flash(`GET ${f.url}…`);
          void actions.probeForward(f.url).then((probe) =>
            dispatch({
              type: 'updateView',
              kind: 'forwards',
              update: (v) => (v.kind === 'forwards' ? { ...v, probe: { id: f.id, ...probe } } : v),
            }),
          );
          return true;
        }
        case 'forwards.stopAll':
          void actions.stopAllForwards().then(() => flash('stopped every port-forward'));
          return true;
        case 'yaml.managedFields':
          updateText((v) => ({ ...v, managedFields: !v.managedFields }));
          return true;
        default:
          return false;
      }
    },
    [top, ui.modal.kind, selectedRow, viewData, bodyHeight, dispatch, flash, updateText, goToMatch, actions],
  );
}

/** Applies the search typed after `/` in a text view; returns false if the pattern is invalid (flashed). */
export function acceptSearch(
  draft: string,
  top: ViewEntry | undefined,
  data: ViewData | undefined,
  bodyHeight: number,
  dispatch: Dispatch<UiAction>,
): void {
  if (top?.kind !== 'text' || data?.kind !== 'text') return;
  dispatch({ type: 'closeModal' });
  if (draft === '') {
    dispatch({
      type: 'updateView',
      kind: 'text',
      update: (v) => (v.kind === 'text' ? { ...v, search: undefined } : v),
    });
    return;
  }
  const parsed = compileSearch(draft);
  if (!parsed.ok) {
    dispatch({ type: 'flash', text: parsed.error, level: 'error' });
    return;
  }
  const matches = findMatches(data.lines, parsed.regex);
  if (matches.length === 0) dispatch({ type: 'flash', text: `no match for ${draft}`, level: 'error' });
  const current = stepMatch(matches, -1, 1, data.lineOfRow(top.scroll));
  dispatch({
    type: 'updateView',
    kind: 'text',
    update: showMatch({ ...data, matches }, draft, current, bodyHeight),
  });
}

type TextData = Extract<ViewData, { kind: 'text' }>;

/** The text view with `pattern` searched and match `index` shown in context. */
function showMatch(data: TextData, pattern: string, index: number, height: number) {
  const match = data.matches[index];
  return (v: ViewEntry): ViewEntry =>
    v.kind === 'text'
      ? {
          ...v,
          search: { pattern, current: index },
          scroll: match ? scrollToLine(data.rowOf(match), v.scroll, height, data.rowCount) : v.scroll,
        }
      : v;
}

function moveInView(
  top: ViewEntry,
  command: CommandId,
  data: ViewData | undefined,
  height: number,
  dispatch: Dispatch<UiAction>,
): void {
  const page = Math.max(1, height - 1);
  const step =
    command === 'list.up'
      ? -1
      : command === 'list.down'
        ? 1
        : command === 'list.pageUp'
          ? -page
          : command === 'list.pageDown'
            ? page
            : command === 'list.top'
              ? -Infinity
              : Infinity;
  if (top.kind === 'text' && data?.kind === 'text') {
    const max = Math.max(0, data.rowCount - height);
    dispatch({
      type: 'updateView',
      kind: 'text',
      // G keeps to the end as the text grows (new events), until the user scrolls back up.
      update: (v) =>
        v.kind === 'text'
          ? {
              ...v,
              scroll:
                step === Infinity ? Number.MAX_SAFE_INTEGER : clamp(Math.min(v.scroll, max) + step, 0, max),
            }
          : v,
    });
    return;
  }
  const names =
    top.kind === 'containers' && data?.kind === 'containers'
      ? data.names
      : top.kind === 'forwards' && data?.kind === 'forwards'
        ? data.ids
        : undefined;
  if (!names || names.length === 0 || (top.kind !== 'containers' && top.kind !== 'forwards')) return;
  const at = names.indexOf(top.selected ?? '');
  // Nothing highlighted yet (the pod had not loaded): the first move highlights the first row.
  const selected = at < 0 ? names[0] : names[clamp(at + step, 0, names.length - 1)];
  dispatch({
    type: 'updateView',
    kind: top.kind,
    update: (v) => (v.kind === 'containers' || v.kind === 'forwards' ? { ...v, selected } : v),
  });
}

function clamp(n: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, n));
}
