/**
 * The shell hand-off in a real terminal (tmux): an Ink app gives the terminal to a shell in a demo pod — banner,
 * the shell's prompt, keys, the size from the start and after a resize, Ctrl-C for the remote — and gets it back
 * on exit: alternate screen, its keys, its live counter, the flash with the exit code, cooked mode after quit.
 * Needs `npm run build` (the fixture imports dist/), which `npm test` runs first.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { TmuxSession, requireTmux } from '../support/tmux.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/shellHandoff.mjs');

let session: TmuxSession | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

function tickOf(screen: string): number {
  return Number(/APP tick=(\d+)/.exec(screen)?.[1] ?? NaN);
}

beforeAll(requireTmux);

describe('shell hand-off in tmux', () => {
  it('hands the terminal to a shell and takes it back intact', { timeout: 90_000 }, async () => {
    const t = await TmuxSession.start({ command: [process.execPath, FIXTURE], cols: 80, rows: 24 });
    session = t;
    await t.waitForText('APP tick=');

    await t.sendText('s');
    await t.waitForText('podscope: shell in pod default/bb, container bb');
    await t.waitForText(/^\/ #/m);
    expect(await t.paneState()).toMatchObject({ alternateScreen: false, cursorVisible: true });

    await t.sendText('hostname');
    await t.sendKeys('Enter');
    await t.waitForText(/^bb$/m);
    await t.sendText('stty size');
    await t.sendKeys('Enter');
    await t.waitForText(/^24 80$/m);

    await t.resize(100, 30);
    await t.sendText('stty size');
    await t.sendKeys('Enter');
    await t.waitForText(/^30 100$/m);

    // Ctrl-C goes to the remote shell: the line is dropped, the app is still in the shell.
    await t.sendText('sleep 30');
    await t.sendKeys('Enter');
    await t.sendKeys('C-c');
    await t.sendText('echo still-here');
    await t.sendKeys('Enter');
    await t.waitForText(/^still-here$/m);

    await t.sendText('exit 3');
    await t.sendKeys('Enter');
    const back = await t.waitForText('flash: shell in bb/bb exited with code 3');
    expect(await t.paneState()).toMatchObject({ alternateScreen: true });
    const tick = tickOf(back);
    await t.waitForText((s) => tickOf(s) > tick + 2);
    await t.sendText('x');
    await t.waitForText('last key: x');

    await t.sendText('q');
    await t.waitForExit();
    const stty = await t.sttySettings();
    expect(stty.cooked).toBe(true);
  });
});
