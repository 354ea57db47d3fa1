/**
 * SIGTERM while a shell has the terminal, from the real binary in a real terminal (tmux): the shell's transcript
 * stays where it is on the main screen and nothing overwrites it (the restore used to leave the alternate screen
 * again, which moves the cursor back to where podscope started and the next output lands on the transcript); the
 * terminal is cooked with the cursor visible; the process ends with 128+15. Needs `npm run build` (bin/ runs dist/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { waitForPodPhase } from '../support/demoCluster.js';
import { demoDashboards } from '../support/demoDashboard.js';
import { requireTmux } from '../support/tmux.js';

const startDashboard = demoDashboards();

beforeAll(requireTmux);

describe('SIGTERM during a shell', () => {
  it('leaves the shell’s transcript in place and the terminal cooked', { timeout: 90_000 }, async () => {
    const { session: t } = await startDashboard({
      cols: 100,
      rows: 30,
      args: ['-n', 'default'],
      prepare: (c) => waitForPodPhase(c, 'default', 'bb', 'Running'),
    });
    await t.sendText('/bb');
    await t.sendKeys('Enter');
    await t.waitForText(/›\s+bb\s.*Running/);
    await t.sendKeys('s');
    await t.waitForText('shell in pod default/bb, container bb');
    await t.waitForText(/^\/ #\s*$/m);
    for (const word of ['first', 'second', 'third']) {
      await t.sendText(`echo transcript-${word}`);
      await t.sendKeys('Enter');
      await t.waitForText(new RegExp(`^transcript-${word}$`, 'm'));
    }
    const before = (await t.capture()).split('\n');
    const lastLine = before.findLastIndex((l) => l.trim() !== '');

    process.kill(t.programPid(), 'SIGTERM');
    const exit = await t.waitForExit(20_000);
    expect(exit.code).toBe(128 + 15);
    expect(exit.stty.cooked).toBe(true);
    expect(await t.paneState()).toMatchObject({ alternateScreen: false, cursorVisible: true });

    // Every line the shell wrote is still on screen, on the same row, and the cursor is below the last one.
    const after = (await t.capture()).split('\n');
    expect(after.slice(0, lastLine + 1)).toEqual(before.slice(0, lastLine + 1));
    const { cursorY } = await t.paneState();
    expect(cursorY).toBeGreaterThan(lastLine);
  });
});
