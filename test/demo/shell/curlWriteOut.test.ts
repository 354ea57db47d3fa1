/**
 * What the reach probe (issue 15 §2) relies on in the demo's curl and nc, worded as the real tools: curl's
 * `-w` (src/tool_writeout.c: `%{stderr}` switches the stream, `%{http_code}` is `000` without an answer, written
 * after the error message), `--connect-timeout` as its own option, and busybox `nc -zv -w N`.
 */
import { describe, expect, it } from 'vitest';
import { sh } from './fixtures.js';

describe('curl -w and nc -z as the reach probe runs them', () => {
  it('writes -w after the body, to stderr after %{stderr}, with \\n escapes', async () => {
    const r = await sh(
      `curl -sS -i --connect-timeout 3 --max-time 5 -w '%{stderr}mark %{http_code} %{time_total}\\n' localhost`,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.out).toContain('<h1>Welcome to nginx!</h1>\n');
    expect(r.err).toMatch(/^mark 200 \d+\.\d{6}\n$/);
  });

  it('writes 000 for a connection refused, after curl’s own error line', async () => {
    const r = await sh(`curl -sS -w '%{stderr}mark %{http_code}\\n' http://10.244.1.9:3000`);
    expect(r).toEqual({
      out: '',
      err: "curl: (7) Failed to connect to 10.244.1.9 port 3000 after 0 ms: Couldn't connect to server\nmark 000\n",
      code: 7,
    });
  });

  it('writes -w to stdout by default and names an unknown variable', async () => {
    const r = await sh(`curl -s -o /dev/null -w '%{http_code}|%{nosuch}|%%' localhost`);
    expect(r.out).toBe('200||%');
    expect(r.err).toBe("curl: unknown --write-out variable: 'nosuch'\n");
  });

  it('nc -zv -w: open and refused in busybox’s words', async () => {
    expect(await sh('nc -zv -w 3 localhost 80')).toEqual({
      out: '',
      err: 'localhost (127.0.0.1:80) open\n',
      code: 0,
    });
    expect(await sh('nc -zv -w 3 localhost 81')).toEqual({
      out: '',
      err: 'nc: localhost (127.0.0.1:81): Connection refused\n',
      code: 1,
    });
  });
});
