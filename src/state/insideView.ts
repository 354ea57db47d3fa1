/** The inside view's entry: a text view (scroll, search, save) of kind `inside`, reading from `container` first. */
import type { PodRef, ViewEntry } from './views.js';

/** The inside view of `pod`, opened at the top, its files read once. */
export function insideView(pod: PodRef, container: string | undefined): ViewEntry {
  return {
    kind: 'text',
    text: 'inside',
    pod,
    scroll: 0,
    search: undefined,
    autoRefresh: true,
    managedFields: false,
    container,
    reads: 0,
  };
}
