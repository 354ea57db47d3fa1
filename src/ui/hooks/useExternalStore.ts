/**
 * A store that lives outside React (pods, metrics), created for the given inputs, started on mount, stopped when
 * the inputs change or the view goes; read through useSyncExternalStore so renders see one consistent snapshot.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

export interface ExternalStore<S> {
  start(): void;
  stop(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
}

/** Creates a store with `make` whenever `deps` change, and returns its current snapshot. */
export function useExternalStore<S>(make: () => ExternalStore<S>, deps: readonly unknown[]): S {
  return useStoreAndSnapshot<ExternalStore<S>>(make, deps).snapshot;
}

/**
 * The same, and the store itself, for a view that also reads the store directly (a log view's buffer).
 * @param startAtOnce start the first store as it is made, in the first render, rather than after the first frame:
 *   the pods list's request is then in flight while the first frame is laid out and written (about 120 ms at
 *   start-up, issue 17's launch → first rows). Ink renders synchronously (legacy root), so the first render is
 *   committed and its effect stops the store; `start` is idempotent, so the effect's call does nothing.
 */
export function useStoreAndSnapshot<T extends ExternalStore<unknown>>(
  make: () => T,
  deps: readonly unknown[],
  startAtOnce = false,
): { store: T; snapshot: ReturnType<T['getSnapshot']> } {
  // The store is created during render (so the first frame already has its snapshot) and replaced when deps change.
  const [entry, setEntry] = useState(() => {
    const store = make();
    if (startAtOnce) store.start();
    return { store, deps };
  });
  let current = entry;
  if (!sameDeps(entry.deps, deps)) {
    current = { store: make(), deps };
    setEntry(current);
  }
  const { store } = current;
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const snapshot = useSyncExternalStore(
    (l) => store.subscribe(l),
    () => store.getSnapshot() as ReturnType<T['getSnapshot']>,
  );
  return { store, snapshot };
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
