/**
 * For a store that takes each list whole (one pod, one pod's events): the reflector's pages gathered and handed
 * over at once when the list is complete, to replace what the store held.
 */
import type { ReflectorHandlers } from './reflector.js';

/**
 * The list half of a store's handlers.
 * @param onList called with every item of a complete list (the first, or a relist after 410 Gone)
 */
export function wholeList<T>(
  onList: (items: readonly T[]) => void,
): Pick<ReflectorHandlers<T>, 'onListStart' | 'onListPage' | 'onListEnd'> {
  let items: T[] = [];
  return {
    onListStart: () => {
      items = [];
    },
    onListPage: (page) => {
      items.push(...page);
    },
    onListEnd: () => onList(items),
  };
}
