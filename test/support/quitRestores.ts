/** The check every tmux suite ends with: q quits podscope with status 0 and leaves the terminal as it found it. */
import { expect } from 'vitest';
import type { TmuxSession } from './tmux.js';

/** Presses q and asserts exit status 0, cooked mode, the main screen and a visible cursor. */
export async function quitRestoresTerminal(t: TmuxSession): Promise<void> {
  await t.sendKeys('q');
  const exit = await t.waitForExit(20_000);
  expect(exit.code).toBe(0);
  expect(exit.stty.cooked).toBe(true);
  const pane = await t.paneState();
  expect(pane.alternateScreen).toBe(false);
  expect(pane.cursorVisible).toBe(true);
}
