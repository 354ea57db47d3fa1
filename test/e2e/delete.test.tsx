/**
 * Deleting pods end to end: Ctrl-D asks first (focus on Cancel, so Enter alone deletes nothing), the list then
 * shows Terminating from the watch and the row goes; a ReplicaSet's pod is replaced; marked pods are deleted
 * together with a note of those the filter hides; Ctrl-K kills with a 1 s grace; --readonly refuses with the reason.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, selectPod, startApp, type AppHarness } from '../support/appHarness.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TAB = '\t';

describe('deleting pods', () => {
  it('asks first, with focus on Cancel: Enter alone deletes nothing', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'bb', true);
    await h.press('\x04'); // Ctrl-D
    await h.waitForScreen((x) => x.includes('Delete this pod?') && x.includes('default/bb'), 'the dialog');
    await h.press(KEY.enter); // on Cancel
    await h.waitForScreen((x) => !x.includes('Delete this pod?'), 'the dialog closed');
    // A delete would have been sent at Enter; describing the pod afterwards reads it back from the server, so a
    // deletion (even one with a long grace period, which leaves the pod in place) would show as Terminating.
    await h.press('d');
    const described = await h.waitForScreen(
      (x) => /Name:\s+bb/.test(x) && /^Status:/m.test(x),
      'the describe',
    );
    expect(described).toMatch(/^Status:\s+Running/m);
    expect(described).not.toContain('deleting bb');
    const pod = await h.t.core.readNamespacedPod({ name: 'bb', namespace: 'default' });
    expect(pod.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('deletes with a grace period typed in the dialog, and the row goes', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'bb', true);
    await h.press('\x04');
    await h.waitForScreen((x) => x.includes('Delete this pod?'), 'the dialog');
    await h.press(TAB, TAB, '2', '\x1b[A', KEY.enter); // grace 2, back to Delete, Enter
    await h.waitForScreen((x) => /›?\s*bb\s+\S+\s+Terminating/.test(x), 'Terminating from the watch');
    await h.waitForScreen((x) => !/\sbb\s/.test(x), 'the row gone', 15_000);
  });

  it("kills a ReplicaSet's pod and the replacement appears", async () => {
    h = await startApp({ namespace: 'frontend' });
    const before = h.rows().map((r) => r.split(/\s+/)[0]);
    const victim = before[0]!;
    await h.press('\x0b'); // Ctrl-K
    await h.waitForScreen((x) => x.includes('Kill this pod? (grace period 1 s)'), 'the kill dialog');
    await h.press(TAB, KEY.enter);
    await h.waitForScreen((x) => x.includes(`killing ${victim}`), 'the flash');
    await h.waitForScreen(
      () => {
        const now = h!.rows().map((r) => r.split(/\s+/)[0]);
        return !now.includes(victim) && now.length === 3 && now.some((n) => !before.includes(n));
      },
      'the replacement pod',
      20_000,
    );
  });

  it('deletes the marked pods and notes the ones the filter hides', async () => {
    h = await startApp({ namespace: 'default' });
    await selectPod(h, 'bb', true);
    await h.press(' ');
    await h.press(KEY.escape);
    await h.waitForScreen(() => h!.rows().length > 2, 'all rows again');
    await selectPod(h, 'hello', true);
    await h.press(' ', '\x04');
    await h.waitForScreen(
      (x) => x.includes('Delete 2 pods?') && x.includes('1 of them is hidden by the filter'),
      'the dialog naming both',
    );
    await h.press(TAB, KEY.enter);
    await h.waitForScreen((x) => x.includes('deleting 2 pods'), 'the flash');
  });

  it('refuses under --readonly with the reason', async () => {
    h = await startApp({ namespace: 'default', readonly: true });
    await h.press('\x04');
    await h.waitForScreen(
      (x) => x.includes('read-only: cannot delete pods (started with --readonly)'),
      'the refusal',
    );
    await h.press('s');
    await h.waitForScreen((x) => x.includes('read-only: cannot open a shell'), 'no shell either');
  });
});
