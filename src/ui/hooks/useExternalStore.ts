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
  // The store is created during render (so the first frame already has its snapshot) and replaced when deps change.
  const [entry, setEntry] = useState(() => ({ store: make(), deps }));
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
  return useSyncExternalStore(
    (l) => store.subscribe(l),
    () => store.getSnapshot(),
  );
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
