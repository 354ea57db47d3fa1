/**
 * The pods list's own keys: moving, the filter, sorting, namespaces and contexts, wide columns and sideways
 * scrolling, marks, siblings. The pod actions (describe, logs, shell…) are podActions.ts's.
 */
import type { Move } from '../../domain/viewport.js';
import { workloadOf } from '../../domain/podOwner.js';
import { openContexts, openNamespaces } from './contextSwitch.js';
import { modeAndAccess } from './podReasons.js';
import type { Controller, Handler } from './types.js';
import { COPY_POD_HANDLERS } from '../copy/copyKeys.js';

/** Moves the selection by `to`. */
const move =
  (to: Move): Handler =>
  (ctx) =>
    ctx.dispatch({ type: 'move', to, rows: ctx.rows, height: ctx.bodyHeight });

/** `<` and `>`: sort by the column left or right of the sorted one, among those on screen. */
const sortStep =
  (step: 1 | -1): Handler =>
  (ctx) => {
    const shown = ctx.columns.current;
    if (shown.length === 0) return;
    const at = shown.indexOf(ctx.ui.sort?.column ?? 'name');
    const next = shown[(Math.max(0, at) + step + shown.length) % shown.length]!;
    ctx.dispatch({ type: 'sortBy', column: next });
  };

/** ← / →: scroll the columns sideways, to those off screen. */
const scrollColumns: Handler = (ctx, chord) => {
  const shown = ctx.columnWindow.current;
  const right = chord === 'right';
  if (!shown || shown.hidden.length === 0) return ctx.flash('every column is on screen');
  if (right && shown.scroll > 0 && !shown.moreRight)
    return ctx.flash('the last column is on screen (← scrolls back)');
  ctx.dispatch({ type: 'scrollColumns', to: shown.scroll + (right ? 1 : -1) });
};

/** 1–9: the favourite namespace of that number. */
const favourite: Handler = (ctx, chord) => {
  const ns = ctx.ui.favourites[Number(chord) - 1];
  if (!ns) return ctx.flash(`no favourite namespace ${chord} yet (namespaces you visit are added)`);
  ctx.dispatch({ type: 'setNamespace', namespace: ns });
};

/** `o`: filter the list to the selected pod's siblings (the same controlling owner). */
const siblings: Handler = (ctx) => {
  const row = ctx.selectedRow;
  if (!row) return;
  const owner = workloadOf(row.pod);
  if (!owner) return ctx.flash(`${row.name} has no controlling owner: it has no siblings`);
  ctx.dispatch({ type: 'setFilter', filter: `-o ${owner.kind}/${owner.name}` });
  ctx.flash(`pods owned by ${owner.kind} ${owner.name} (Esc shows all)`);
};

/** The pods list's controller. */
export const podsController: Controller = {
  scope: 'pods',
  handlers: {
    'list.up': move('up'),
    'list.down': move('down'),
    'list.pageUp': move('pageUp'),
    'list.pageDown': move('pageDown'),
    'list.top': move('home'),
    'list.bottom': move('end'),
    'pods.filter': (ctx) =>
      ctx.dispatch({
        type: 'openModal',
        modal: { kind: 'filter', draft: ctx.ui.filter, before: ctx.ui.filter },
      }),
    'pods.clearFilter': (ctx) => {
      ctx.dispatch({ type: 'setFilter', filter: '' });
      ctx.dispatch({ type: 'setLabelSelector', selector: undefined });
    },
    'pods.sortPrev': sortStep(-1),
    'pods.sortNext': sortStep(1),
    'pods.sortReverse': (ctx) => ctx.dispatch({ type: 'sortReverse' }),
    'pods.allNamespaces': (ctx) => ctx.dispatch({ type: 'setNamespace', namespace: undefined }),
    'pods.favourite': favourite,
    'pods.namespaces': openNamespaces,
    'pods.contexts': openContexts,
    'pods.wide': (ctx) => ctx.dispatch({ type: 'toggleWide' }),
    'pods.columns': scrollColumns,
    'pods.mark': (ctx) => {
      ctx.dispatch({ type: 'toggleMark' });
      ctx.dispatch({ type: 'move', to: 'down', rows: ctx.rows, height: ctx.bodyHeight });
    },
    'pods.clearMarks': (ctx) => {
      const count = ctx.ui.marked.size;
      if (count === 0) return ctx.flash('no pod is marked (Space marks)');
      ctx.dispatch({ type: 'clearMarks' });
      ctx.flash(`marks cleared (${count})`);
    },
    'pods.siblings': siblings,
    // Issue 15 §1: the command line, ready for the manifest's path (Tab completes it).
    'pods.apply': (ctx) => ctx.dispatch({ type: 'openModal', modal: { kind: 'command', draft: 'apply ' } }),
    ...COPY_POD_HANDLERS,
  },
  disabledReasons: {
    // --readonly refuses it before the path is typed.
    'pods.apply': modeAndAccess,
  },
};
