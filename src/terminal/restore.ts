/**
 * The terminal's last line of defence: whatever ends podscope (q, Ctrl-C, SIGTERM, SIGHUP, an exception), the
 * terminal goes back to the main screen with the cursor visible and in cooked mode. Ink restores it on a normal
 * unmount; this covers the paths where Ink never gets to.
 *
 * While a shell has the terminal (`handedOff`), podscope is already on the main screen, the shell's transcript on
 * it: then leaving the alternate screen again must not happen. `CSI ?1049l` restores the cursor saved when the
 * alternate screen was entered even when the terminal is not in it (xterm, and tmux's screen_alternate_off), so
 * it would move the cursor up and the next output would overwrite the transcript. Ink would write it too when
 * unmounted mid-hand-off (it still thinks it is on the alternate screen): `inkStdout` drops Ink's writes then.
 */

const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
/** Bracketed paste and the kitty keyboard protocol off, in case they were on. */
const RESET_MODES = '\x1b[?2004l\x1b[<u';

let armed = false;
let handedOff = false;
let restored = false;

/** Marks the terminal as given to (true) or taken back from (false) a shell that draws on the main screen. */
export function setTerminalHandedOff(value: boolean): void {
  handedOff = value;
}

/** Puts the terminal back as the shell expects it. Safe to call more than once. */
export function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed
  }
  // Once is enough: the exit hook calls this again after the signal and crash paths did.
  if (restored) return;
  restored = true;
  try {
    if (!process.stdout.isTTY) return;
    // Mid-hand-off the cursor stays where the shell left it; the shell's prompt line is ended so the user's
    // prompt starts on a line of its own.
    if (handedOff) process.stdout.write('\x1b[0m' + RESET_MODES + SHOW_CURSOR + '\r\n');
    else process.stdout.write(RESET_MODES + LEAVE_ALT_SCREEN + SHOW_CURSOR);
  } catch {
    // stdout may already be closed
  }
}

/**
 * The stdout Ink renders to: process.stdout, except that writes are dropped while the terminal is handed off
 * (Ink draws nothing then anyway, but its unmount would leave an alternate screen it already left), and after the
 * terminal was restored (Ink's own exit hook runs after ours and would do the same).
 */
export function inkStdout(out: NodeJS.WriteStream = process.stdout): NodeJS.WriteStream {
  const write = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    if (handedOff || restored) {
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }
    return (out.write as (...a: unknown[]) => boolean)(chunk, encoding, cb);
  };
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Restores the terminal when the process exits by any path. */
export function armTerminalRestore(): void {
  if (armed) return;
  armed = true;
  process.on('exit', restoreTerminal);
}
