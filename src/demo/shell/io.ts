/**
 * Streams between the shell and its commands: a process's standard input (fed by the exec connection, by the
 * terminal's line discipline or by the previous command of a pipeline) and the size of its terminal.
 */

/** A terminal's size, as the resize channel reports it. */
export interface TerminalSize {
  rows: number;
  cols: number;
}

/** What a process knows of its controlling terminal; `size` is undefined until the first resize arrives. */
export interface Terminal {
  tty: boolean;
  size: TerminalSize | undefined;
}

/** Where a command writes: text with `\n` line ends (a tty turns them into `\r\n`, as ONLCR does). */
export type Sink = (text: string) => void;

// An end-of-file mark inside the queue: on a terminal, Ctrl-D ends one read, not the stream, so it is an item.
const EOF_MARK = Symbol('eof');
type Item = string | typeof EOF_MARK;

/**
 * A process's standard input: chunks in arrival order. `pushEof()` makes one read see end-of-file (Ctrl-D on a
 * terminal); `end()` closes the stream for good (stdin CLOSE, end of a pipe).
 */
export class InputQueue {
  private items: Item[] = [];
  private closed = false;
  private wake: (() => void) | undefined;

  /** Appends data for the next reader. */
  push(text: string): void {
    if (this.closed || text === '') return;
    this.items.push(text);
    this.notify();
  }

  /** One read will return end-of-file, later reads see data again. */
  pushEof(): void {
    if (this.closed) return;
    this.items.push(EOF_MARK);
    this.notify();
  }

  /** No more data will come: every read after the queued items returns end-of-file. */
  end(): void {
    this.closed = true;
    this.notify();
  }

  /** Whether `end()` was called and everything queued was read. */
  get exhausted(): boolean {
    return this.closed && this.items.length === 0;
  }

  /** Puts text back at the front, for a reader that took more than it used. */
  unshift(text: string): void {
    if (text !== '') this.items.unshift(text);
  }

  /** Removes and returns what is queued, end-of-file marks dropped (typeahead handed back to the shell). */
  drain(): string {
    const text = this.items.filter((i): i is string => i !== EOF_MARK).join('');
    this.items = [];
    return text;
  }

  /** The next chunk, or null at end-of-file or once `signal` aborts. */
  async read(signal?: AbortSignal): Promise<string | null> {
    for (;;) {
      if (signal?.aborted) return null;
      const item = this.items.shift();
      if (item === EOF_MARK) return null;
      if (item !== undefined) return item;
      if (this.closed) return null;
      await this.waitForData(signal);
    }
  }

  /** The next line without its `\n`; at end-of-file the unterminated rest, or null when there is none. */
  async readLine(signal?: AbortSignal): Promise<string | null> {
    let line = '';
    for (;;) {
      const chunk = await this.read(signal);
      if (chunk === null) return line === '' ? null : line;
      const nl = chunk.indexOf('\n');
      if (nl < 0) {
        line += chunk;
        continue;
      }
      this.unshift(chunk.slice(nl + 1));
      return line + chunk.slice(0, nl);
    }
  }

  /** Everything up to end-of-file. */
  async readAll(signal?: AbortSignal): Promise<string> {
    let text = '';
    for (let chunk = await this.read(signal); chunk !== null; chunk = await this.read(signal)) text += chunk;
    return text;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private waitForData(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      // One reader at a time: a shell and its foreground command never read concurrently.
      this.wake = done;
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

/** Resolves after `ms`, or early (false) when `signal` aborts; true when the time ran out. */
export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles with the promise's value, or with `undefined` once `signal` aborts (a Ctrl-C during a network call). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
