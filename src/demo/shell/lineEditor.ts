/**
 * The line editing a user meets on a terminal: at the prompt it is the shell's own editor (busybox's, readline),
 * while a command runs it is the tty's canonical mode. Both echo what is typed and understand the same keys, so
 * one editor serves both, and every line typed goes to whoever reads the terminal: the shell or its command.
 */
import type { Sink } from './io.js';

/** What a run of keys amounted to. */
export type EditorEvent =
  | { type: 'line'; text: string } // Enter
  | { type: 'interrupt' } // Ctrl-C: the editor has echoed ^C
  | { type: 'eof' }; // Ctrl-D on an empty line

/** The result of feeding keys: the first event, if any, and the keys after it, which belong to whoever reads next. */
export interface FeedResult {
  event?: EditorEvent;
  rest: string;
}

const ESC = '\x1b';

/** Echo and editing of typed keys; turns them into lines, interrupts and end-of-file. */
export class LineEditor {
  private buffer: string[] = [];
  private cursor = 0;
  private pendingEscape = '';
  private lastWasCR = false;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private stash: string[] = [];

  /**
   * `out` receives the echo; `linePrefix` tells what the program printed on the current line before the user
   * typed (the prompt), for redrawing after Ctrl-U, Ctrl-L or a history recall.
   */
  constructor(
    private readonly out: Sink,
    private readonly linePrefix: () => string,
  ) {}

  /** The line typed so far. */
  get text(): string {
    return this.buffer.join('');
  }

  /** Processes keys up to the first event. */
  feed(data: string): FeedResult {
    const chars = Array.from(this.pendingEscape + data);
    this.pendingEscape = '';
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      if (ch === ESC) {
        const seq = escapeSequence(chars, i);
        if (seq === undefined) {
          // The sequence continues in the next chunk.
          this.pendingEscape = chars.slice(i).join('');
          return { rest: '' };
        }
        this.escape(seq);
        i += seq.length - 1;
        this.lastWasCR = false;
        continue;
      }
      const wasCR = this.lastWasCR;
      this.lastWasCR = ch === '\r';
      const event = this.key(ch, wasCR);
      if (event) return { event, rest: chars.slice(i + 1).join('') };
    }
    return { rest: '' };
  }

  /** Forgets the typed line (after an interrupt, or when a command takes over the terminal). */
  clear(): void {
    this.buffer = [];
    this.cursor = 0;
  }

  private key(ch: string, afterCR: boolean): EditorEvent | undefined {
    switch (ch) {
      case '\r':
        return this.submit();
      case '\n':
        // A terminal sends CR for Enter; a pasted CRLF must not count twice.
        return afterCR ? undefined : this.submit();
      case '\x03':
        this.out('^C');
        this.clear();
        return { type: 'interrupt' };
      case '\x04':
        if (this.buffer.length === 0) return { type: 'eof' };
        this.deleteAtCursor();
        return undefined;
      case '\x7f':
      case '\b':
        this.backspace();
        return undefined;
      case '\x15': // Ctrl-U
        this.buffer.splice(0, this.cursor);
        this.cursor = 0;
        this.redraw();
        return undefined;
      case '\x0b': // Ctrl-K
        this.buffer.splice(this.cursor);
        this.redraw();
        return undefined;
      case '\x17': // Ctrl-W
        this.deleteWord();
        return undefined;
      case '\x01': // Ctrl-A
        this.moveTo(0);
        return undefined;
      case '\x05': // Ctrl-E
        this.moveTo(this.buffer.length);
        return undefined;
      case '\x02': // Ctrl-B
        this.moveTo(this.cursor - 1);
        return undefined;
      case '\x06': // Ctrl-F
        this.moveTo(this.cursor + 1);
        return undefined;
      case '\x0c': // Ctrl-L
        this.out('\x1b[H\x1b[2J');
        this.out(this.linePrefix() + this.text + this.back(this.buffer.length - this.cursor));
        return undefined;
      default:
        if (ch < ' ') return undefined; // Tab and other controls: no completion here
        this.insert(ch);
        return undefined;
    }
  }

  private escape(seq: string): void {
    switch (seq) {
      case '\x1b[D':
      case '\x1bOD':
        this.moveTo(this.cursor - 1);
        break;
      case '\x1b[C':
      case '\x1bOC':
        this.moveTo(this.cursor + 1);
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        this.moveTo(0);
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        this.moveTo(this.buffer.length);
        break;
      case '\x1b[3~':
        this.deleteAtCursor();
        break;
      case '\x1b[A':
      case '\x1bOA':
        this.recall(-1);
        break;
      case '\x1b[B':
      case '\x1bOB':
        this.recall(1);
        break;
      default:
        break; // unknown keys (F1, Alt-x…) do nothing
    }
  }

  private submit(): EditorEvent {
    const text = this.text;
    this.out('\r\n');
    this.clear();
    if (text.trim() !== '' && this.history[this.history.length - 1] !== text) {
      this.history.push(text);
    }
    this.historyIndex = this.history.length;
    return { type: 'line', text };
  }

  private insert(ch: string): void {
    this.buffer.splice(this.cursor, 0, ch);
    this.cursor++;
    const tail = this.buffer.slice(this.cursor).join('');
    this.out(ch + tail + this.back(this.buffer.length - this.cursor));
  }

  private backspace(): void {
    if (this.cursor === 0) return;
    this.cursor--;
    this.buffer.splice(this.cursor, 1);
    const tail = this.buffer.slice(this.cursor).join('');
    this.out('\b' + tail + ' ' + this.back(tail.length + 1));
  }

  private deleteAtCursor(): void {
    if (this.cursor >= this.buffer.length) return;
    this.buffer.splice(this.cursor, 1);
    const tail = this.buffer.slice(this.cursor).join('');
    this.out(tail + ' ' + this.back(tail.length + 1));
  }

  private deleteWord(): void {
    let start = this.cursor;
    while (start > 0 && this.buffer[start - 1] === ' ') start--;
    while (start > 0 && this.buffer[start - 1] !== ' ') start--;
    this.buffer.splice(start, this.cursor - start);
    this.cursor = start;
    this.redraw();
  }

  private moveTo(pos: number): void {
    const target = Math.max(0, Math.min(this.buffer.length, pos));
    if (target < this.cursor) this.out(this.back(this.cursor - target));
    else if (target > this.cursor) this.out(this.buffer.slice(this.cursor, target).join(''));
    this.cursor = target;
  }

  private recall(step: number): void {
    const index = this.historyIndex + step;
    if (index < 0 || index > this.history.length) return;
    if (this.historyIndex === this.history.length) this.stash = [...this.buffer];
    this.historyIndex = index;
    this.buffer = index === this.history.length ? [...this.stash] : Array.from(this.history[index]!);
    this.cursor = this.buffer.length;
    this.redraw();
  }

  /**
   * Draws the line again, as busybox's line editor does when the terminal's width changes (SIGWINCH,
   * libbb/lineedit.c, cmdedit_setwidth): what kubectl attach's resize to width+1 and back relies on to show the
   * prompt of a shell someone attaches to.
   */
  refresh(): void {
    this.redraw();
  }

  // Rewrites the whole line: simpler than computing the minimal change, and lines are short.
  private redraw(): void {
    this.out('\r\x1b[K' + this.linePrefix() + this.text + this.back(this.buffer.length - this.cursor));
  }

  private back(n: number): string {
    return n > 0 ? '\b'.repeat(n) : '';
  }
}

/** The escape sequence starting at `i`, or undefined when it is cut off at the end of the chunk. */
function escapeSequence(chars: string[], i: number): string | undefined {
  const next = chars[i + 1];
  if (next === undefined) return undefined;
  if (next === '[') {
    // CSI: parameters, then one final byte in @..~
    for (let j = i + 2; j < chars.length; j++) {
      const c = chars[j]!;
      if (c >= '@' && c <= '~') return chars.slice(i, j + 1).join('');
    }
    return undefined;
  }
  if (next === 'O') {
    const last = chars[i + 2];
    return last === undefined ? undefined : chars.slice(i, i + 3).join('');
  }
  return chars.slice(i, i + 2).join(''); // Alt-key
}
