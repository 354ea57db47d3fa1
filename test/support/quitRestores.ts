/** The check every tmux suite ends with: podscope exits and leaves the terminal as it found it. */
import { expect } from 'vitest';
import type { TmuxSession } from './tmux.js';

/** Waits for podscope to exit and asserts its status, cooked mode, the main screen and a visible cursor. */
export async function expectTerminalRestored(t: TmuxSession, code = 0): Promise<void> {
  const exit = await t.waitForExit(20_000);
  expect(exit.code).toBe(code);
  expect(exit.stty.cooked).toBe(true);
  const pane = await t.paneState();
  expect(pane.alternateScreen).toBe(false);
  expect(pane.cursorVisible).toBe(true);
}

/** Presses q and asserts exit status 0 and the terminal restored. */
export async function quitRestoresTerminal(t: TmuxSession): Promise<void> {
  await t.sendKeys('q');
  await expectTerminalRestored(t);
}
