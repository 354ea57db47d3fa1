/**
 * The real podscope binary in tmux showing the log of a container that writes terminal escape sequences (image
 * `podscope/hostile`: screen clears, cursor moves, leaving the alternate screen, a window title, mouse reporting,
 * a bell, a C1 CSI, a carriage return): the frame stays intact, the pane's modes and title are unchanged, the
 * colours are shown, and q still gives the terminal back as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDashboards } from '../support/demoDashboard.js';
import { requireTmux } from '../support/tmux.js';

const ROWS = 30;

const startDashboard = demoDashboards();

beforeAll(requireTmux);

describe('a hostile log in a real terminal', () => {
  it('cannot move the cursor, clear the screen or change the terminal', { timeout: 90_000 }, async () => {
    const { session: t } = await startDashboard({
      cols: 120,
      rows: ROWS,
      args: ['-n', 'default'],
      prepare: async (cluster) => {
        await cluster.core.createNamespacedPod({
          namespace: 'default',
          body: {
            metadata: { name: 'hostile' },
            spec: { containers: [{ name: 'hostile', image: 'podscope/hostile:1' }] },
          },
        });
      },
    });
    const titleBefore = await t.tmux('display-message', '-p', '-t', t.pane, '#{pane_title}');
    await t.sendKeys('/');
    await t.sendText('^hostile');
    await t.sendKeys('Enter');
    await t.waitForText(/^› +hostile /m);
    await t.sendKeys('l');
    // Every sample has been written at least once (8 samples, about 4 lines a second).
    const screen = await t.waitForText(
      (s) => /\breq-(9|\d\d)\b/.test(s) && s.includes('Logs default/hostile'),
      30_000,
    );

    const lines = screen.split('\n');
    expect(lines).toHaveLength(ROWS);
    expect(lines[0]).toMatch(/^podscope ctx podscope-demo/);
    expect(lines[ROWS - 1]).toMatch(/q\/Ctrl-C quit/);
    // Each log line is one row from the left edge: nothing moved the cursor or cleared the screen.
    const logRows = lines.filter((l) => /\breq-\d+$/.test(l));
    expect(logRows.length).toBeGreaterThanOrEqual(8);
    for (const row of logRows) expect(row).toMatch(/^HOSTILE .* reqId=req-\d+$/);
    expect(screen).toContain('HOSTILE screen cleared');
    expect(screen).toContain('HOSTILE left the alternate screen');
    expect(screen).toContain('HOSTILE window title set');
    expect(screen).toContain('HOSTILE cursor shown moved');
    expect(screen).toContain('HOSTILE mouse reporting on');
    expect(screen).toContain('HOSTILE ␇bell\uFFFD2Jc1 csi');
    expect(screen).toContain('HOSTILE carriage␍return');
    // Colours are kept, and end with their line.
    const coloured = await t.capture({ escapes: true });
    // eslint-disable-next-line no-control-regex -- the escape codes are what is checked
    expect(coloured).toMatch(/\u001b\[31mred\u001b\[(0|39)m/);

    const pane = await t.paneState();
    expect(pane).toMatchObject({ alternateScreen: true, cursorVisible: false, mouseReporting: false });
    expect(await t.tmux('display-message', '-p', '-t', t.pane, '#{pane_title}')).toBe(titleBefore);

    await t.sendKeys('q');
    const exit = await t.waitForExit(20_000);
    expect(exit.code).toBe(0);
    expect(exit.stty.cooked).toBe(true);
    const after = await t.paneState();
    expect(after).toMatchObject({ alternateScreen: false, cursorVisible: true, mouseReporting: false });
  });
});
