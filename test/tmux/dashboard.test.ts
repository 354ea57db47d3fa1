/**
 * The real podscope binary in a real terminal (tmux): it draws full screen on the demo cluster, follows a
 * resize, and on every way out — q, Ctrl-C, SIGTERM — leaves the terminal as it found it: main screen, cursor
 * visible, cooked mode. Ctrl-Z suspends it like any terminal program and SIGCONT brings it back intact.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectTerminalRestored } from '../support/quitRestores.js';
import { TmuxSession, requireTmux } from '../support/tmux.js';

const BIN = join(import.meta.dirname, '../../bin/podscope.js');

let session: TmuxSession | undefined;
afterEach(async () => {
  await session?.kill();
  session = undefined;
});

/** Starts the dashboard on the demo cluster; the debug file path makes the process findable for signals. */
async function startDashboard(cols: number, rows: number): Promise<{ t: TmuxSession; marker: string }> {
  const marker = join(mkdtempSync(join(tmpdir(), 'podscope-tmux-')), 'debug.log');
  session = await TmuxSession.start({
    command: [process.execPath, BIN, '--demo', '--debug', marker],
    cols,
    rows,
  });
  await session.waitForText('● live', 30_000);
  return { t: session, marker };
}

function signal(marker: string, sig: NodeJS.Signals): void {
  // The wrapper shell's command line holds the marker; podscope is its child (meow renames its process title).
  const wrappers = execFileSync('pgrep', ['-f', `debug ${marker}`], { encoding: 'utf8' })
    .trim()
    .split('\n');
  for (const w of wrappers) {
    let children = '';
    try {
      children = execFileSync('pgrep', ['-P', w], { encoding: 'utf8' }).trim();
    } catch {
      continue; // pgrep exits 1 when there is no child (the tmux server matched too)
    }
    for (const pid of children.split('\n').filter(Boolean)) {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('podscope')) process.kill(Number(pid), sig);
    }
  }
}

const expectRestored = expectTerminalRestored;

beforeAll(requireTmux);

describe('podscope in a real terminal', () => {
  it('draws full screen, follows a resize, and q restores the terminal', { timeout: 90_000 }, async () => {
    const { t } = await startDashboard(120, 30);
    const pane = await t.paneState();
    expect(pane).toMatchObject({ alternateScreen: true, cursorVisible: false });
    expect((await t.sttySettings()).flags.get('icanon')).toBe(false);
    const screen = (await t.capture()).split('\n');
    expect(screen[0]).toMatch(/^podscope ctx podscope-demo/);
    expect(screen[29]).toMatch(/q\/Ctrl-C quit/);

    await t.resize(90, 20);
    await t.waitForText((s) => {
      const lines = s.split('\n');
      return lines.length >= 20 && /quit/.test(lines[19] ?? '') && /^podscope/.test(lines[0] ?? '');
    });
    const narrow = await t.capture();
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(90);

    await t.sendKeys('q');
    await expectRestored(t, 0);
  });

  it('Ctrl-C restores the terminal', { timeout: 90_000 }, async () => {
    const { t } = await startDashboard(100, 25);
    await t.sendKeys('C-c');
    await expectRestored(t, 0);
  });

  it('SIGTERM restores the terminal and exits 143', { timeout: 90_000 }, async () => {
    const { t, marker } = await startDashboard(100, 25);
    signal(marker, 'SIGTERM');
    await expectRestored(t, 143);
  });

  it('Ctrl-Z suspends to the shell, fg brings the dashboard back intact', { timeout: 90_000 }, async () => {
    // Job control needs an interactive shell, as a user has: run podscope from bash, not directly.
    session = await TmuxSession.start({
      command: ['bash', '--norc', '--noprofile', '-i'],
      cols: 100,
      rows: 25,
      env: { PS1: 'prompt$ ' },
    });
    const t = session;
    await t.waitForText('prompt$');
    // Through a shell, as `npm run demo` starts it: the whole job must stop, not only podscope.
    await t.sendText(`sh -c '${process.execPath} ${BIN} --demo'`);
    await t.sendKeys('Enter');
    await t.waitForText('● live', 30_000);
    await t.sendKeys('C-z');
    await t.waitForText(/Stopped/);
    await waitForPane(t, (p) => !p.alternateScreen && p.cursorVisible);
    await t.sendText('fg');
    await t.sendKeys('Enter');
    await waitForPane(t, (p) => p.alternateScreen);
    await t.waitForText('● live');
    await t.sendKeys('j', 'q');
    await t.waitForText(/^prompt\$\s*$/m);
    await waitForPane(t, (p) => !p.alternateScreen && p.cursorVisible);
    await t.sendText('stty -a | head -c 2000 | tr "\\n" " "; echo');
    await t.sendKeys('Enter');
    const after = await t.waitForText(/icanon/);
    expect(after).not.toMatch(/-icanon/);
    expect(after).not.toMatch(/-echo /);
  });
});

async function waitForPane(
  t: TmuxSession,
  ok: (p: Awaited<ReturnType<TmuxSession['paneState']>>) => boolean,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (ok(await t.paneState())) return;
    if (Date.now() > deadline)
      throw new Error(`pane never reached the expected state:\n${await t.capture()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
