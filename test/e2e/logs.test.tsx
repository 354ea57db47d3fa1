/**
 * The logs view end to end against the demo cluster: `l` follows a container's log as `kubectl logs -f` does,
 * scrolling up pauses and counts the new lines, `f` resumes; all containers merged with their prefixes; `p` shows
 * the previous run (or says why not); search with n, the filter, save, the options in the status line; and a
 * container that never started shows the pod's events instead of an empty pane.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectedRow, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The line numbers the log lines on screen carry in their request ids (`req-N`, see src/demo/logs/seq.ts). */
function seqs(screen: string): number[] {
  return [...screen.matchAll(/\breq-(\d+)\b/g)].map((m) => Number(m[1]));
}

const newest = (screen: string): number => Math.max(0, ...seqs(screen));

describe('the logs view', () => {
  it('follows hello, pauses when scrolled up with a count of new lines, and f resumes', async () => {
    h = await startApp({ namespace: 'default', height: 16 });
    await selectPod(h, 'hello');
    await h.press('l');
    const first = await h.waitForScreen(
      (x) => x.includes('Logs default/hello › hello') && x.includes('● following') && newest(x) > 0,
      'hello following',
    );
    expect(first).toMatch(/since all · timestamps off · wrap off · json off/);
    // Following: newer lines replace the older ones at the bottom.
    const at = newest(first);
    await h.waitForScreen((x) => newest(x) > at, 'a newer line at the bottom');

    await h.press('k');
    const paused = await h.waitForScreen((x) => x.includes('⏸ paused'), 'paused');
    const still = newest(paused);
    await h.waitForScreen((x) => /[1-9]\d* new lines? below/.test(x), 'new lines counted below');
    // While paused, the lines on screen stay put.
    expect(newest(h.screen())).toBeLessThanOrEqual(still + 12);
    await h.press('f');
    const resumed = await h.waitForScreen((x) => x.includes('● following'), 'following again');
    expect(resumed).not.toMatch(/new lines? below/);
    await h.waitForScreen((x) => newest(x) > newest(resumed), 'newest lines again');
  });

  it('toggles timestamps, merges all containers with prefixes, and goes back to one', async () => {
    // Wide enough that the api container's long lines keep their reqId on screen.
    h = await startApp({ namespace: 'default', width: 320 });
    await selectPod(h, 'api-with-sidecar');
    await h.press('l');
    await h.waitForScreen((x) => x.includes('› api') && newest(x) > 0, 'the default container (annotation)');
    await h.press('t');
    await h.waitForScreen(
      (x) => x.includes('timestamps on') && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /m.test(x),
      'timestamps shown',
    );
    await h.press('a');
    const merged = await h.waitForScreen(
      (x) =>
        x.includes('all containers (2: log-shipper, api)') &&
        /\[api\] /.test(x) &&
        /\[log-shipper\] /.test(x),
      'both containers, prefixed',
    );
    expect(merged).toMatch(/^\S+ \S+ \[(api|log-shipper)\] /m);
    await h.press('a');
    await h.waitForScreen((x) => x.includes('› api ') || /› api\s/.test(x), 'back to api alone');
    expect(h.screen()).not.toMatch(/\[log-shipper\]/);
  });

  it('shows the previous run of crasher, and says why hello has none', { timeout: 60_000 }, async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'crasher');
    await h.waitForScreen(
      (x) => /crasher\s+\S+\s+\S+\s+[1-9]/.test(selectedRow(x) ?? ''),
      'crasher restarted',
      20_000,
    );
    await h.press('p');
    await h.waitForScreen(
      (x) =>
        x.includes('(previous run)') &&
        x.includes('ended: end of the previous run') &&
        /ERROR|fatal|Traceback/.test(x),
      "the previous run's log, read to its end",
    );
    await h.press(KEY.escape);
    await h.waitForScreen((x) => (selectedRow(x) ?? '').startsWith('crasher'), 'back on the list');
    await selectPod(h, 'hello');
    await h.press('p');
    await h.waitForScreen(
      (x) => x.includes('hello has not restarted: there are no previous logs'),
      'why there are no previous logs',
    );
  });

  it(
    'searches every retained line, n moves to the next match, the filter shows only matches',
    { timeout: 60_000 },
    async () => {
      h = await startApp({ namespace: 'default', height: 20 });
      await selectPod(h, 'hello');
      await h.press('l');
      await h.waitForScreen((x) => newest(x) >= 22, 'enough lines to search', 30_000);
      // The banner line is far above the window: the search still finds it and jumps there.
      await h.press('/', ...'listening on port', KEY.enter);
      const found = await h.waitForScreen(
        (x) => x.includes('/listening on port: 1 match') && x.includes('Hello server listening on port 3000'),
        'the banner found',
      );
      expect(found).toContain('⏸ paused');
      await h.press('/', ...'req-1\\d\\b', KEY.enter);
      await h.waitForScreen((x) => x.includes('/req-1\\d\\b: 10 matches'), 'ten matches');
      await h.press('n');
      const a = await h.waitForScreen((x) => /req-1\d\b/.test(x), 'at a match');
      await h.press('n', 'n', 'n');
      await h.waitForScreen((x) => x !== a && /req-1\d\b/.test(x), 'moved on');

      await h.press('/', KEY.enter);
      await h.waitForScreen((x) => !x.includes('/req-'), 'search cleared');
      await h.press('&', ...'req-\\d*7\\b', KEY.enter);
      const filtered = await h.waitForScreen(
        (x) => /&req-\\d\*7\\b ±2: \d+ matching lines/.test(x),
        'the filter applied',
      );
      // Context is two lines each side: every shown line number is within 2 of one ending in 7.
      for (const s of seqs(filtered)) expect([5, 6, 7, 8, 9]).toContain(s % 10);
      await h.press('-', '-');
      const exact = await h.waitForScreen((x) => x.includes('±0:'), 'no context');
      const only = seqs(exact);
      expect(only.length).toBeGreaterThan(0);
      for (const s of only) expect(s % 10).toBe(7);
    },
  );

  it('saves the whole retained buffer and shows where', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'hello');
    await h.press('l');
    await h.waitForScreen((x) => newest(x) >= 3, 'some lines');
    await h.press('s');
    const screen = await h.waitForScreen((x) => /saved [\d,]+ lines to \S+/.test(x), 'the saved path');
    const path = /saved [\d,]+ lines to (\S+)/.exec(screen)![1]!;
    try {
      const text = readFileSync(path, 'utf8');
      expect(text).toMatch(/^Hello server listening on port 3000$/m);
      expect(text).toMatch(/^Received request req-6 for /m);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('shows the pod events while the container cannot start (webserver)', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'webserver');
    await h.press('l');
    await h.waitForScreen(
      (x) =>
        /the container has not started \((ErrImagePull|ImagePullBackOff)\)/.test(x) &&
        /Failed to pull image "ngnx:latest"/.test(x) &&
        /TYPE\s+REASON\s+AGE\s+FROM\s+MESSAGE/.test(x),
      'the events instead of logs',
    );
  });

  it('cycles since and takes a typed duration', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'hello');
    await h.press('l');
    await h.waitForScreen((x) => x.includes('since all'), 'since all');
    await h.press('S');
    await h.waitForScreen((x) => x.includes('since tail 100'), 'since tail 100');
    await h.press('D');
    await h.waitForScreen(
      (x) => x.includes('since: ') && x.includes('tail N, a duration'),
      'the since input',
    );
    await h.press(...'bogus', KEY.enter);
    await h.waitForScreen((x) => x.includes('"bogus" is not a duration'), 'the typed since refused');
    await h.press('D', ...'2s', KEY.enter);
    await h.waitForScreen(
      (x) => x.includes('since 2s') && !x.includes('listening on port'),
      'since 2s: no banner',
    );
  });
});
