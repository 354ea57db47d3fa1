/**
 * Waiting on a protocol client's state without polling: the client calls `notify()` whenever something arrives
 * (a frame, a close), and `until(cond)` resolves as soon as `cond` holds, or rejects after a deadline.
 */
export class Arrivals {
  readonly #listeners = new Set<() => void>();

  notify(): void {
    for (const l of this.#listeners) l();
  }

  /** Resolves when `cond` holds, checked now and on every `notify()`; rejects after `ms`. */
  until(cond: () => boolean, ms: number, what: string): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!cond()) return;
        this.#listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.#listeners.add(check);
    });
  }
}
