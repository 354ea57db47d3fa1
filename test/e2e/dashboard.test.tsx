/**
 * The live pods dashboard end to end: client-node against the in-process demo cluster, keys pressed on stdin,
 * assertions on the screen a user sees.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, markedRows, selectedRow, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The NAME cell of a row in a one-namespace view (no NAMESPACE column). */
const nameOf = (row: string | undefined): string | undefined => row?.split(/\s+/)[0];

describe('the pods list', () => {
  it('shows every pod with the header, and follows a deletion on the server', async () => {
    h = await startApp();
    const s = h.screen();
    expect(s).toMatch(/ctx podscope-demo .*ns all .*● live/);
    expect(s).toMatch(/NAMESPACE\s+NAME\s+.*READY\s+STATUS\s+RESTARTS\s+AGE/);
    await h.waitForScreen(
      (x) => /default\s+webserver\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/.test(x),
      'the misspelt image failing to pull',
    );
    await h.t.core.deleteNamespacedPod({ name: 'bb', namespace: 'default', gracePeriodSeconds: 0 });
    await h.waitForScreen((x) => !/\sbb\s/.test(x), 'bb to disappear');
  });

  it('resumes after the server drops its watch, with no stale or missing row', async () => {
    h = await startApp({ width: 220 });
    expect(h.t.demo.dropWatches()).toBeGreaterThan(0);
    await h.t.core.deleteNamespacedPod({ name: 'kiada', namespace: 'default', gracePeriodSeconds: 0 });
    await h.t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'after-drop' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    await h.waitForScreen(
      (x) => x.includes('after-drop') && !/\skiada\s/.test(x),
      'the changes made during the drop',
    );
    const onServer = (await h.t.core.listPodForAllNamespaces()).items.map((p) => p.metadata!.name!).sort();
    const onScreen = () =>
      h!
        .rows()
        .map((r) => r.split(/\s+/)[1])
        .sort();
    await h
      .waitForScreen(
        () => JSON.stringify(onScreen()) === JSON.stringify(onServer),
        'the rows to equal the server list',
      )
      .catch((e: unknown) => {
        throw new Error(
          `${(e as Error).message}\nserver: ${onServer.join(' ')}\nscreen: ${onScreen().join(' ')}`,
        );
      });
  });

  it('filters by regex, inverts, and Esc clears', async () => {
    h = await startApp();
    await h.press('/', 'w', 'e', 'b', '-');
    await h.waitForScreen(
      () => h!.rows().length === 3 && h!.rows().every((r) => r.includes('web-app-')),
      'only web-app rows',
    );
    expect(h.screen()).toContain('/web-');
    await h.press(KEY.enter);
    await h.waitForScreen((x) => /\(3 shown\)/.test(x), 'the count of shown pods');
    await h.press(
      '/',
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      '!',
      'k',
      'u',
      'b',
      'e',
      '-',
      KEY.enter,
    );
    await h.waitForScreen(
      () => h!.rows().length > 0 && h!.rows().every((r) => !r.includes('kube-')),
      'no kube- rows',
    );
    await h.press(KEY.escape);
    await h.waitForScreen((x) => x.includes('kube-proxy') && x.includes('web-app-'), 'all rows back');
  });

  it('counts every key of a burst typed faster than a frame (key repeat, paste)', async () => {
    h = await startApp({ namespace: 'default' });
    await h.press('/^web\r');
    await h.waitForScreen(
      () => h!.rows().length === 1 && h!.rows()[0]!.startsWith('webserver'),
      'the whole burst in the filter',
    );
    await h.press(KEY.escape);
    // default's 14 seed pods: the 9 of the tutorials, redis-0 and redis-1, and the report CronJob's three.
    await h.waitForScreen(() => h!.rows().length === 14, 'the filter cleared');
    await h.press('g', 'jjj');
    await h.waitForScreen(
      (x) => /^db-migrate-/.test(nameOf(selectedRow(x)) ?? ''),
      'three rows down from the top',
    );
  });

  it('a -l filter becomes the server-side label selector, shown once', async () => {
    h = await startApp();
    await h.press('/-l app=web-app\r');
    await h.waitForScreen((x) => /^pods 3 /m.test(x), 'only the selected pods listed by the server');
    const header = h.screen().split('\n')[2]!;
    expect(header.match(/-l app=web-app/g)).toHaveLength(1);
    await h.press(KEY.escape);
    await h.waitForScreen((x) => /^pods 26 /m.test(x), 'every pod again after Esc');
  });

  it('says so when the regex is invalid, without failing', async () => {
    h = await startApp();
    await h.press('/', '(', 'a');
    await h.waitForScreen((x) => /\/\(a.*(invalid|unterminated|Unterminated)/i.test(x), 'the regex error');
  });

  it('sorts by a column, with the direction shown, and reverses', async () => {
    h = await startApp({ namespace: 'default' });
    await h.press('>'); // from NAME to the next column
    await h.waitForScreen((x) => /[↑↓]/.test(x.split('\n')[3] ?? ''), 'a sort indicator in the header');
    await h.press('<'); // back to NAME
    await h.press('=');
    await h.waitForScreen((x) => /NAME ?↓/.test(x), 'NAME sorted descending');
    const names = h.rows().map((r) => r.split(/\s+/)[0]);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('switches namespace with the picker, with 0 and with favourites', async () => {
    h = await startApp();
    await h.press('n', 'f', 'r', 'o', 'n', 't', KEY.enter);
    await h.waitForScreen((x) => /ns frontend/.test(x) && h!.rows().length === 3, 'the frontend namespace');
    expect(h.screen()).not.toMatch(/NAMESPACE/);
    expect(h.screen()).toContain('<2> frontend');
    await h.press('0');
    await h.waitForScreen((x) => /ns all/.test(x) && x.includes('kube-proxy'), 'all namespaces again');
    await h.press('2');
    await h.waitForScreen((x) => /ns frontend/.test(x), 'favourite 2');
    await h.press(':', 'n', 's', ' ', 'd', 'e', 'f', 'a', 'u', 'l', 't', KEY.enter);
    await h.waitForScreen((x) => /ns default/.test(x) && x.includes('webserver'), ':ns default');
  });

  it('keeps the selection on the same pod, and moves to its neighbour when it is deleted', async () => {
    h = await startApp({ namespace: 'default' });
    await h.waitForScreen((x) => nameOf(selectedRow(x)) === 'api-with-sidecar', 'the first row selected');
    await h.press('j', 'j');
    await h.waitForScreen((x) => nameOf(selectedRow(x)) === 'crasher', 'crasher selected');
    await h.t.core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'aaa-first' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    await h.waitForScreen((x) => x.includes('aaa-first'), 'a new row above the selection');
    expect(nameOf(selectedRow(h.screen()))).toBe('crasher');
    await h.t.core.deleteNamespacedPod({ name: 'crasher', namespace: 'default', gracePeriodSeconds: 0 });
    await h.waitForScreen((x) => !x.includes('crasher'), 'crasher gone');
    await h.waitForScreen(
      (x) => /^db-migrate-/.test(nameOf(selectedRow(x)) ?? ''),
      'the selection on the next pod',
    );
  });

  it('opens help listing the keys of every view, and closes it', async () => {
    h = await startApp();
    await h.press('?');
    await h.waitForScreen((x) => x.includes('Pods list') && x.includes('Filter the list'), 'the help screen');
    // Longer than the screen: it scrolls to the last view's keys.
    await h.press(...Array<string>(300).fill('j'));
    await h.waitForScreen((x) => x.includes('Filter input') && x.includes('Help'), 'the end of the help');
    await h.press(KEY.escape);
    await h.waitForScreen((x) => x.includes('kiada'), 'the list again');
  });

  it('marks rows with Space and toggles the wide columns', async () => {
    h = await startApp({ namespace: 'frontend', width: 200 });
    const [first, second] = h.rows().map((r) => r.split(/\s+/)[0]!);
    expect(selectedRow(h.screen())).toMatch(new RegExp(`^${first}\\s`));
    // Space marks the selected row and moves down, as in k9s; a second Space marks the next one.
    await h.press(' ');
    await h.waitForScreen(
      (x) => markedRows(x).join() === first && (selectedRow(x) ?? '').startsWith(`${second} `),
      'the first row marked, the second selected',
    );
    await h.press(' ');
    await h.waitForScreen((x) => markedRows(x).join() === `${first},${second}`, 'two rows marked');
    // Space on a marked row unmarks it.
    await h.press('k', ' ');
    await h.waitForScreen((x) => markedRows(x).join() === first, 'the second row unmarked');
    await h.press('w');
    await h.waitForScreen((x) => /QOS/.test(x) && /SERVICE ACCOUNT/.test(x), 'the wide columns');
  });
});
