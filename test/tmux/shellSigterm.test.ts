/**
 * SIGTERM while a shell has the terminal, from the real binary in a real terminal (tmux): the shell's transcript
 * stays where it is on the main screen and nothing overwrites it (the restore used to leave the alternate screen
 * again, which moves the cursor back to where podscope started and the next output lands on the transcript); the
 * terminal is cooked with the cursor visible; the process ends with 128+15. Needs `npm run build` (bin/ runs dist/).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, waitForPodPhase, type TestCluster } from '../support/demoCluster.js';
import { TmuxSession, requireTmux } from '../support/tmux.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

let session: TmuxSession | undefined;
let cluster: TestCluster | undefined;
afterEach(async () => {
  await session?.kill();
  await cluster?.demo.close();
  session = undefined;
  cluster = undefined;
});

/** The pid of podscope itself: the only child of the pane's wrapper shell. */
function podscopePid(t: TmuxSession): number {
  const out = execFileSync('pgrep', ['-P', String(t.panePid)], { encoding: 'utf8' })
    .trim()
    .split('\n');
  expect(out).toHaveLength(1);
  return Number(out[0]);
}

beforeAll(requireTmux);

describe('SIGTERM during a shell', () => {
  it('leaves the shell’s transcript in place and the terminal cooked', { timeout: 90_000 }, async () => {
    cluster = await startTestCluster();
    await waitForPodPhase(cluster, 'default', 'bb', 'Running');
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'podscope-sigterm-')), 'kubeconfig');
    await cluster.demo.writeKubeconfig(kubeconfig);
    const t = await TmuxSession.start({
      command: [process.execPath, BIN, '--kubeconfig', kubeconfig, '-n', 'default'],
      cols: 100,
      rows: 30,
    });
    session = t;
    await t.waitForText('● live', 30_000);
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

    process.kill(podscopePid(t), 'SIGTERM');
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
