/** Searching a text view (describe, YAML, events): applying what was typed after `/`, and going to a match. */
import { compileSearch, findMatches, scrollToLine, stepMatch } from '../../domain/textSearch.js';
import type { ViewEntry } from '../../state/views.js';
import type { ViewData } from '../views/viewData.js';
import type { ControllerContext } from './types.js';

/** What a text view published for its last frame. */
export type TextData = Extract<ViewData, { kind: 'text' }>;

/** The text view with `pattern` searched and match `index` shown in context. */
export function showMatch(data: TextData, pattern: string, index: number, height: number) {
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

/** Applies the search typed after `/` in a text view: empty clears it, an invalid pattern is flashed. */
export function acceptSearch(ctx: ControllerContext, draft: string): void {
  const { top, dispatch } = ctx;
  const data = ctx.viewData.current;
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
  if (!parsed.ok) return ctx.flash(parsed.error, 'error');
  const matches = findMatches(data.lines, parsed.regex);
  if (matches.length === 0) ctx.flash(`no match for ${draft}`, 'error');
  const current = stepMatch(matches, -1, 1, data.lineOfRow(top.scroll));
  dispatch({
    type: 'updateView',
    kind: 'text',
    update: showMatch({ ...data, matches }, draft, current, ctx.bodyHeight),
  });
}
