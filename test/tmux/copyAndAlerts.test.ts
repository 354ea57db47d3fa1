/**
 * Issue 16 in a real terminal (tmux, the built binary): `Y` puts the selected pod's name on tmux's clipboard
 * through OSC 52 (with `set-clipboard on`, tmux keeps it as a paste buffer: `tmux show-buffer` is what a user would
 * paste), and the frame is left intact; the crasher's alert rings the bell (tmux's window bell flag).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDashboards } from '../support/demoDashboard.js';
import { requireTmux } from '../support/tmux.js';
import { waitFor } from '../support/waitFor.js';

const startDashboard = demoDashboards();
beforeAll(() => requireTmux());

describe('copy and alerts in tmux', () => {
  it('Y copies the pod name into tmux’s buffer, leaving the frame as it was', async () => {
    const { session: t } = await startDashboard({ cols: 120, rows: 30, args: ['-n', 'default'] });
    // What tmux needs to take OSC 52 from a program (the default, external, ignores it): the README says so.
    await t.tmux('set', '-s', 'set-clipboard', 'on');
    await t.sendText('/hello');
    await t.sendKeys('Enter');
    await t.waitForText(/›\s+hello\s+1\/1\s+Running\s/);
    const before = await t.waitForStableScreen();
    await t.sendKeys('Y');
    const after = await t.waitForText('copied pod name (5 bytes)');
    expect(await t.tmux('show-buffer')).toBe('hello');
    // Nothing but the flash line changed: OSC 52 printed nothing and moved no cursor. The live parts of the frame
    // (the header's counts as the fresh demo's pods start, hello's AGE, CPU and MEM) may tick meanwhile on a busy
    // machine, so the counts line is left out and numbers are masked; any stray character or shift still shows.
    const rows = (s: string): string[] =>
      s
        .split('\n')
        .slice(0, -2)
        .filter((_, i) => i !== 1)
        .map((l) => l.replace(/\d+/g, '#'));
    expect(rows(after)).toEqual(rows(before));
  }, 60_000);

  it("rings the bell when the crasher goes into CrashLoopBackOff, and --no-bell doesn't", async () => {
    const { session: t } = await startDashboard({ cols: 120, rows: 30, args: ['-n', 'default'] });
    await t.waitForText('crasher: CrashLoopBackOff', 30_000);
    const flag = async (): Promise<string> =>
      (await t.tmux('display', '-p', '-t', t.pane, '#{window_bell_flag}')).trim();
    await waitFor(async () => ((await flag()) === '1' ? true : undefined), 'the window bell flag', 5_000);

    const quiet = await startDashboard({ cols: 120, rows: 30, args: ['-n', 'default', '--no-bell'] });
    const q = quiet.session;
    await q.waitForText('crasher: CrashLoopBackOff', 30_000);
    expect((await q.tmux('display', '-p', '-t', q.pane, '#{window_bell_flag}')).trim()).toBe('0');
  }, 90_000);
});
