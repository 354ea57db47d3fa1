/**
 * The search input's keys: Enter applies what was typed after `/` in a text view, or after `/`, `&` or `D` in
 * the logs view (a search, a filter, where the logs start); Esc cancels.
 */
import { acceptLogsInput } from './logsEntry.js';
import { acceptSearch } from './textSearch.js';
import { inputLineController } from './textInput.js';
import type { Controller } from './types.js';

/** The search input's controller. */
export const searchController: Controller = inputLineController('search', (ctx) => {
  const modal = ctx.ui.modal;
  if (modal.kind !== 'search') return;
  if (modal.logs) return acceptLogsInput(ctx, modal.draft, modal.logs);
  acceptSearch(ctx, modal.draft);
});
