/**
 * What must happen in the cluster before podscope exits, whatever ends it (q, Ctrl-C, SIGTERM, SIGHUP, an
 * exception): e.g. the reach probe's client pod is deleted, as `kubectl run --rm` deletes its pod. Whoever creates
 * something temporary registers its cleanup here and unregisters it once done; `runExitCleanups` (called by
 * fullScreen.ts after the UI has gone, before the process exits) runs the rest, all at once, bounded in time, and
 * returns a line for each that did not finish (what is left and how to remove it), for stderr.
 *
 * SIGKILL runs nothing: what is registered here must also end on its own (the client pod's activeDeadlineSeconds).
 */

/** A cleanup: resolves with undefined when done, or the line to print when it could not be. */
export interface ExitCleanup {
  /** What is left if it never finishes, e.g. `kubectl delete pod podscope-reach-1a2b3 -n default`. */
  readonly leftover: string;
  readonly run: () => Promise<string | undefined>;
}

const cleanups = new Set<ExitCleanup>();

/** Registers a cleanup to run before exit; returns its unregister (call it once the thing is cleaned up). */
export function registerExitCleanup(cleanup: ExitCleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** How many cleanups are registered (tests). */
export function pendingExitCleanups(): number {
  return cleanups.size;
}

/**
 * Runs every registered cleanup, in parallel, for at most `timeoutMs`; resolves with one line per cleanup that
 * failed or did not finish in time.
 */
export async function runExitCleanups(timeoutMs = 5000): Promise<string[]> {
  const pending = [...cleanups];
  cleanups.clear();
  if (pending.length === 0) return [];
  const lines = await Promise.all(
    pending.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`not done within ${timeoutMs / 1000} s: ${c.leftover}`), timeoutMs);
      });
      try {
        const why = await Promise.race([c.run().catch((e: unknown) => String(e)), late]);
        return why === undefined ? undefined : why;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return lines.filter((l): l is string => l !== undefined);
}
