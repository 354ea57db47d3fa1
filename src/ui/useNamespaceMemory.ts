/**
 * Keeps the favourites and the namespace of each context in the config directory as they change (see
 * src/config/namespaceMemory.ts), and says once, in the flash line, why the file was ignored if it was.
 */
import { useEffect, useRef } from 'react';
import type { Dispatch } from 'react';
import { saveContextMemory } from '../config/namespaceMemory.js';
import type { UiAction } from '../state/uiState.js';

export function useNamespaceMemory(
  memory: { dir: string; warning?: string | undefined } | undefined,
  context: string,
  namespace: string | undefined,
  favourites: readonly string[],
  dispatch: Dispatch<UiAction>,
): void {
  const warned = useRef(false);
  useEffect(() => {
    if (!memory?.warning || warned.current) return;
    warned.current = true;
    dispatch({ type: 'flash', text: memory.warning, level: 'error' });
  }, [memory, dispatch]);
  useEffect(() => {
    if (!memory) return;
    const error = saveContextMemory(memory.dir, context, {
      favourites: [...favourites],
      lastNamespace: namespace ?? null,
    });
    if (error) dispatch({ type: 'flash', text: error, level: 'error' });
  }, [memory, context, namespace, favourites, dispatch]);
}
