/**
 * An interactive shell on a terminal, driven by keystrokes as `kubectl exec -it` sends them: prompts, echo,
 * line editing, Ctrl-C, Ctrl-D, resizes, and input without a terminal (`kubectl exec -i … -- sh`).
 */
import { describe, expect, it } from 'vitest';
import { fakeHost, start } from './fixtures.js';
import type { HostLog } from './fixtures.js';

describe('interactive shell on a terminal', () => {
  it('shows the busybox prompt, echoes typed keys and prints output with CRLF', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('hostname\r');
    await h.waitFor('web-7d9f\r\n/ # ');
    expect(h.out).toBe('/ # hostname\r\nweb-7d9f\r\n/ # ');
  });

  it("shows Debian bash's prompt with user, host and directory", async () => {
    const h = start(['/bin/bash'], { shells: ['bash', 'sh'] });
    await h.waitFor('root@web-7d9f:/# ');
    h.type('cd /etc\r');
    await h.waitFor('root@web-7d9f:/etc# ');
    h.type('cd\r');
    await h.waitFor('root@web-7d9f:~# ');
  });

  it("shows dash's bare prompt for sh on a Debian image", async () => {
    const h = start(['sh'], { shells: ['bash', 'sh'] });
    await h.waitFor('# ');
    h.type('nosuch\r');
    await h.waitFor('sh: 1: nosuch: not found\r\n# ');
  });

  it('edits the line: backspace, Ctrl-U, cursor movement', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('echo hellp\x7fo\r');
    let at = await h.waitFor('\r\nhello\r\n/ # ');
    h.type('garbage\x15echo ok\r');
    at = await h.waitFor('\r\nok\r\n/ # ', at);
    // Left twice, insert "X", then Enter: the whole line runs, wherever the cursor is.
    h.type('echo ab\x1b[D\x1b[DX\r');
    await h.waitFor('\r\nXab\r\n/ # ', at);
  });

  it('recalls earlier lines with the up arrow', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('echo first\r');
    const at = await h.waitFor('first\r\n/ # ');
    h.type('\x1b[A\r');
    await h.waitFor('first\r\n/ # ', at);
  });

  it('Ctrl-C discards the line being typed and shows a new prompt', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('echo never');
    h.type('\x03');
    const at = await h.waitFor('^C\r\n/ # ');
    h.type('echo $?\r');
    await h.waitFor('130\r\n', at);
    expect(h.out).not.toContain('never\r\n');
  });

  it('Ctrl-C interrupts a running sleep', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('sleep 30; echo after\r');
    await h.waitFor('sleep 30; echo after\r\n');
    h.type('\x03');
    const at = await h.waitFor('^C\r\n/ # ');
    expect(h.out.split('\r\n')).not.toContain('after');
    h.type('echo $?\r');
    await h.waitFor('130', at);
  });

  it('Ctrl-D on an empty line exits with the last status; bash says "exit"', async () => {
    const ash = start(['sh']);
    await ash.waitFor('/ # ');
    ash.type('false\r');
    await ash.waitFor('/ # ', 8);
    ash.type('\x04');
    expect(await ash.exit()).toBe(1);

    const bash = start(['bash'], { shells: ['bash', 'sh'] });
    await bash.waitFor('# ');
    bash.type('\x04');
    expect(await bash.exit()).toBe(0);
    expect(bash.out).toMatch(/# exit\r\n$/);
  });

  it('exit N ends the shell with N', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('exit 3\r');
    expect(await h.exit()).toBe(3);
  });

  it('cat without arguments copies typed lines until Ctrl-D', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('cat\r');
    await h.waitFor('cat\r\n');
    h.type('hello\r');
    // The tty echoes "hello", Enter moves to a new line, then cat writes it back.
    const at = await h.waitFor('hello\r\nhello\r\n');
    h.type('\x04');
    await h.waitFor('/ # ', at);
  });

  it('stty size follows resizes', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type('stty size\r');
    let at = await h.waitFor('0 0\r\n');
    h.proc.resize({ rows: 24, cols: 80 });
    h.type('stty size\r');
    at = await h.waitFor('24 80\r\n', at);
    h.proc.resize({ rows: 50, cols: 132 });
    h.type('stty size\r');
    await h.waitFor('50 132\r\n', at);
  });

  it('continues a line with an open quote after a "> " prompt', async () => {
    const h = start(['sh']);
    await h.waitFor('/ # ');
    h.type("echo 'a\r");
    await h.waitFor('\r\n> ');
    h.type("b'\r");
    await h.waitFor('a\r\nb\r\n/ # ');
  });

  it('kill 1 signals the main process and the shell lives on until the container goes', async () => {
    const log: HostLog = { kills: [], gets: [] };
    const h = start(['sh'], { host: fakeHost(log) });
    await h.waitFor('/ # ');
    h.type('kill 1\r');
    await h.waitFor('kill 1\r\n/ # ');
    expect(log.kills).toEqual([15]);
    h.type('kill -9 1\r');
    await h.waitFor('/ # ', h.out.length - 2);
    expect(log.kills).toEqual([15, 9]);
    h.proc.kill();
    expect(await h.exit()).toBe(137);
  });

  it('runs a nested shell that exits back to the outer one', async () => {
    const h = start(['bash'], { shells: ['bash', 'sh'] });
    await h.waitFor('root@web-7d9f:/# ');
    h.type('sh\r');
    let at = await h.waitFor('\r\n# ');
    h.type('exit 4\r');
    at = await h.waitFor('root@web-7d9f:/# ', at);
    h.type('echo $?\r');
    await h.waitFor('4\r\n', at);
  });
});

describe('shell without a terminal', () => {
  it('reads commands from stdin without prompt or echo, LF line ends', async () => {
    const h = start(['sh'], { tty: false });
    h.type('hostname\nnosuch 2>/dev/null; echo done\n');
    h.proc.closeStdin();
    const code = await h.exit();
    expect(h.out).toBe('web-7d9f\ndone\n');
    expect(code).toBe(0);
  });

  it('exits at once with no stdin attached', async () => {
    const h = start(['sh'], { tty: false, stdin: false });
    expect(await h.exit()).toBe(0);
    expect(h.out).toBe('');
  });

  it('lets a command read the rest of the input', async () => {
    const h = start(['sh'], { tty: false });
    h.type('cat\nline one\nline two\n');
    h.proc.closeStdin();
    expect(await h.exit()).toBe(0);
    expect(h.out).toBe('line one\nline two\n');
  });

  it('sends errors to stderr', async () => {
    const h = start(['sh'], { tty: false });
    h.type('nosuch\n');
    h.proc.closeStdin();
    expect(await h.exit()).toBe(127);
    expect(h.err).toBe('sh: nosuch: not found\n');
  });
});

describe('single programs', () => {
  it('cat copies stdin until end of input', async () => {
    const h = start(['cat'], { tty: false });
    h.type('hello\n');
    await h.waitFor('hello\n');
    h.proc.closeStdin();
    expect(await h.exit()).toBe(0);
  });

  it('Ctrl-C ends a program on a terminal with 130', async () => {
    const h = start(['sleep', '30']);
    h.type('\x03');
    expect(await h.exit()).toBe(130);
    expect(h.out).toBe('^C');
  });

  it('a killed process exits 137 and prints nothing more', async () => {
    const h = start(['sleep', '30'], { tty: false });
    h.proc.kill();
    expect(await h.exit()).toBe(137);
  });
});
