/**
 * The terminal's last line of defence: whatever ends podscope (q, Ctrl-C, SIGTERM, SIGHUP, an exception), the
 * terminal goes back to the main screen with the cursor visible and in cooked mode. Ink restores it on a normal
 * unmount; this covers the paths where Ink never gets to.
 */

const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
/** Bracketed paste and the kitty keyboard protocol off, in case they were on. */
const RESET_MODES = '\x1b[?2004l\x1b[<u';

let armed = false;

/** Puts the terminal back as the shell expects it. Safe to call more than once. */
export function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed
  }
  try {
    if (process.stdout.isTTY) process.stdout.write(RESET_MODES + LEAVE_ALT_SCREEN + SHOW_CURSOR);
  } catch {
    // stdout may already be closed
  }
}

/** Restores the terminal when the process exits by any path. */
export function armTerminalRestore(): void {
  if (armed) return;
  armed = true;
  process.on('exit', restoreTerminal);
}
