/**
 * The tmux driver against a tiny full-screen program (plain Node, `fixtures/fullscreen.mjs`): the real pty, real
 * keys, a real resize, and the terminal state it leaves behind — alternate screen, cursor, `stty -a` — for a program
 * that restores everything and for one that dies without restoring anything (so the checks are not vacuous).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxSession, parseStty, requireTmux } from '../support/tmux.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/fullscreen.mjs');

let session: TmuxSession | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

async function startFixture(cols = 60, rows = 20): Promise<TmuxSession> {
  session = await TmuxSession.start({ command: [process.execPath, FIXTURE], cols, rows });
  return session;
}

beforeAll(requireTmux);

describe('terminal programs in tmux', () => {
  it(
    'sees the full-screen modes, a resize and keys, then a clean restore on q',
    { timeout: 60_000 },
    async () => {
      const t = await startFixture(60, 20);
      await t.waitForText('size=60x20');

      const running = await t.paneState();
      expect(running).toMatchObject({ alternateScreen: true, cursorVisible: false, cols: 60, rows: 20 });
      const raw = await t.sttySettings();
      expect(raw.flags.get('icanon')).toBe(false);
      expect(raw.flags.get('echo')).toBe(false);
      expect(raw.cooked).toBe(false);
      expect([raw.cols, raw.rows]).toEqual([60, 20]);

      await t.resize(100, 30);
      await t.waitForText('size=100x30');
      expect(await t.sttySettings()).toMatchObject({ cols: 100, rows: 30 });

      await t.sendText('hi q');
      await t.waitForText('last key: "hi q"');
      await t.sendKeys('Down');
      await t.waitForText('last key: "\\u001b[B"');
      expect(t.hasExited()).toBe(false);

      await t.sendKeys('q');
      const exit = await t.waitForExit();
      expect(exit.code).toBe(0);
      expect(exit.stty.cooked).toBe(true);
      expect(exit.stty.text).toMatch(/(^|\s)icanon(\s|$)/m);
      expect(exit.stty.text).toMatch(/(^|\s)echo(\s|$)/m);
      expect(exit.stty.text).not.toContain('-icanon');

      const after = await t.paneState();
      expect(after).toMatchObject({ alternateScreen: false, cursorVisible: true });
      expect((await t.sttySettings()).cooked).toBe(true);
      // Back on the main screen: the fixture's text is gone and its goodbye line is there.
      const screen = await t.capture();
      expect(screen).toContain('fixture done (exit 0)');
      expect(screen).not.toContain('fixture running');
    },
  );

  it('reports a program that dies without restoring the terminal', { timeout: 60_000 }, async () => {
    const t = await startFixture();
    await t.waitForText('fixture running');
    await t.sendKeys('k'); // SIGKILL: no cleanup at all, not even Node's own reset of the tty at exit
    const exit = await t.waitForExit();
    expect(exit.code).toBe(128 + 9);
    expect(exit.stty.cooked).toBe(false);
    expect(exit.stty.flags.get('icanon')).toBe(false);
    expect(await t.paneState()).toMatchObject({ alternateScreen: true, cursorVisible: false });
    expect(await t.capture()).toContain('fixture running');
  });

  it("runs the command with a user's environment, the given variables and directory; Ctrl-C ends it", async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'podscope-tmux-cwd-')));
    session = await TmuxSession.start({
      command: [
        'sh',
        '-c',
        'echo "cwd=$(pwd) greeting=$GREETING term=$TERM home=${HOME:-unset}"; ' +
          'echo "node_env=${NODE_ENV:-unset} ci=${CI:-unset} vitest=${VITEST:-unset}"; exec sleep 600',
      ],
      cols: 120,
      rows: 5,
      cwd: dir,
      env: { GREETING: 'hello world', HOME: undefined },
    });
    await session.waitForText(`cwd=${dir} greeting=hello world term=tmux-256color home=unset`);
    // What vitest (NODE_ENV=test, VITEST) or a CI (CI=true, which turns Ink non-interactive) adds is left out.
    expect(process.env.NODE_ENV).toBe('test');
    await session.waitForText('node_env=unset ci=unset vitest=unset');
    await session.sendKeys('C-c');
    expect((await session.waitForExit()).code).toBe(130);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes arguments and keys literally (spaces, quotes, $, #{}, and the ; tmux splits commands on)', async () => {
    const args = ['a b', "it's", '$HOME', '#{pane_id}', ';', 'x;', 'y\\;'];
    session = await TmuxSession.start({ command: ['printf', '[%s]\\n', ...args], cols: 40, rows: 10 });
    expect((await session.waitForExit()).code).toBe(0);
    expect((await session.capture()).trimEnd()).toBe(args.map((a) => `[${a}]`).join('\n'));
    await session.kill();

    const t = await startFixture();
    await t.waitForText('last key');
    await t.sendKeys(';');
    await t.waitForText('last key: ";"');
    await t.sendText('q;');
    await t.waitForText('last key: "q;"');
  });

  it('says what it waited for, and shows the screen, when the text never comes', async () => {
    session = await TmuxSession.start({
      command: ['sh', '-c', 'echo something else; exec sleep 600'],
      cols: 40,
      rows: 4,
    });
    await session.waitForText('something else');
    await expect(session.waitForText('never there', 300)).rejects.toThrow(
      /timed out after 300 ms waiting for "never there"; screen:\n┌─+┐\n│something else *│/,
    );
  });
});

describe('parseStty', () => {
  it('reads GNU stty -a: sizes and boolean flags, settings with values ignored', () => {
    const s = parseStty(
      [
        'speed 38400 baud; rows 24; columns 80; line = 0;',
        'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;',
        'werase = ^W; lnext = ^V; discard = ^O; min = 1; time = 0;',
        '-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts',
        '-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff',
        'opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0',
        'isig -icanon iexten -echo echoe echok -echonl -noflsh -xcase -tostop -echoprt',
      ].join('\n'),
    );
    expect([s.rows, s.cols]).toEqual([24, 80]);
    expect(s.flags.get('icanon')).toBe(false);
    expect(s.flags.get('echo')).toBe(false);
    expect(s.flags.get('isig')).toBe(true);
    expect(s.flags.has('intr')).toBe(false);
    expect(s.flags.has('min')).toBe(false);
    expect(s.cooked).toBe(false);
  });
});
